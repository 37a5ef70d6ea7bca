package dev.leadbase.composition;

import dev.leadbase.changes.app.FlushScoreChanges;
import dev.leadbase.changes.app.ScoreChangeGate;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.changes.domain.ScoreChangeStates;
import dev.leadbase.changes.store.DynamoScoreChangeStates;
import dev.leadbase.changes.store.QueueChangeSink;
import dev.leadbase.changes.store.SqsScoreFlushes;
import dev.leadbase.leads.app.LeadScoresNow;
import dev.leadbase.shared.dynamo.Tables;
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
                components.config().required("SCORE_CHANGES_QUEUE_URL"), components.clock()), scoreChangeWindow());
    }

    /** Tells held-back score changes; needs the leads' and rule sets' tables besides the gate's. */
    public FlushScoreChanges flushScoreChanges() {
        return new FlushScoreChanges(scoreChangeStates(), new LeadScoresNow(new LeadsWiring(components).leadRepository(),
                new ScoringWiring(components).rulesetRepository()), changeSink(), scoreChangeWindow());
    }
}
