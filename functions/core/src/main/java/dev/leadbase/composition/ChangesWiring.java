package dev.leadbase.composition;

import dev.leadbase.changes.app.ChangesList;
import dev.leadbase.changes.app.FeedWriter;
import dev.leadbase.changes.domain.ChangeFanout;
import dev.leadbase.changes.domain.ChangeFeed;
import dev.leadbase.changes.domain.ChangeLog;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.changes.store.ChangeMessages;
import dev.leadbase.changes.store.DynamoChangeFeed;
import dev.leadbase.changes.store.DynamoChangeLog;
import dev.leadbase.changes.store.QueueChangeSink;
import dev.leadbase.changes.store.QueueUnreadableChanges;
import dev.leadbase.shared.dynamo.Tables;
import dev.leadbase.changes.app.FlushScoreChanges;
import dev.leadbase.changes.app.ScoreChangeGate;
import dev.leadbase.changes.domain.ScoreChangeStates;
import dev.leadbase.changes.store.DynamoScoreChangeStates;
import dev.leadbase.changes.store.SqsScoreFlushes;
import dev.leadbase.leads.app.LeadScoresNow;
import java.time.Duration;

/** Builds the changes slice (change events, the feed) over a function's components. */
public final class ChangesWiring {
    /** How long score changes of a lead under one rule set are coalesced: one event a minute at most. */
    public static final int DEFAULT_SCORE_CHANGE_WINDOW_SECONDS = 60;

    private final Components components;

    public ChangesWiring(Components components) {
        this.components = components;
    }

    /** The changes queue, named by CHANGES_QUEUE_URL. */
    public ChangeSink changeSink() {
        return new QueueChangeSink(components.sqs(), components.config().required("CHANGES_QUEUE_URL"));
    }

    /** The feed on CHANGES_TABLE. */
    public ChangeFeed changeFeed() {
        return new DynamoChangeFeed(components.dynamo(), Tables.CHANGES.in(components.config()), components.clock());
    }

    /** The feed read back for replays, on CHANGES_TABLE. */
    public ChangeLog changeLog() {
        return new DynamoChangeLog(components.dynamo(), Tables.CHANGES.in(components.config()));
    }

    /** The feed's writer, handing what it places to the webhooks slice; unreadable messages go to CHANGES_DLQ_URL. */
    public FeedWriter feedWriter() {
        return feedWriter(new WebhooksWiring(components).changeFanout());
    }

    /** The feed's writer, handing what it places to {@code fanout}. */
    public FeedWriter feedWriter(ChangeFanout fanout) {
        return new FeedWriter(changeFeed(), fanout, ChangeMessages::event,
                new QueueUnreadableChanges(components.sqs(), components.config().required("CHANGES_DLQ_URL")));
    }

    /** {@code GET /api/v2/changes}. */
    public ChangesList changesList() {
        return new ChangesList(changeFeed(), components.cursorSigner());
    }

    /** The coalescing window, SCORE_CHANGE_WINDOW_SECONDS (60 unless a test shortens it). */
    public Duration scoreChangeWindow() {
        return Duration.ofSeconds(components.config().integer("SCORE_CHANGE_WINDOW_SECONDS",
                DEFAULT_SCORE_CHANGE_WINDOW_SECONDS));
    }

    public ScoreChangeStates scoreChangeStates() {
        return new DynamoScoreChangeStates(components.dynamo(), Tables.SCORE_CHANGES.in(components.config()));
    }

    /** Coalesces score changes; needs SCORE_CHANGES_TABLE and SCORE_CHANGES_QUEUE_URL. */
    public ScoreChangeGate scoreChangeGate() {
        return new ScoreChangeGate(scoreChangeStates(), new SqsScoreFlushes(components.sqs(),
                components.config().required("SCORE_CHANGES_QUEUE_URL"), components.clock()), scoreChangeWindow(),
                components.clock());
    }

    /** Tells held-back score changes; needs the leads' and rule sets' tables besides the gate's. */
    public FlushScoreChanges flushScoreChanges() {
        return new FlushScoreChanges(scoreChangeStates(), new LeadScoresNow(new LeadsWiring(components).leadRepository(),
                new ScoringWiring(components).rulesetRepository()), changeSink());
    }
}
