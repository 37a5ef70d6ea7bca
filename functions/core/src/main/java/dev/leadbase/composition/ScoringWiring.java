package dev.leadbase.composition;

import dev.leadbase.shared.config.AwsClients;
import dev.leadbase.shared.config.Env;
import dev.leadbase.leads.store.LeadItemWriter;
import dev.leadbase.leads.store.ScoringLeadItems;
import dev.leadbase.scoring.store.DynamoRulesetRepository;
import dev.leadbase.scoring.store.DynamoScoreStore;
import dev.leadbase.scoring.store.ScoringTables;
import dev.leadbase.shared.dynamo.Tables;
import dev.leadbase.scoring.app.DecayRun;
import dev.leadbase.scoring.app.EventIngestion;
import dev.leadbase.scoring.app.LeadEventPages;
import dev.leadbase.scoring.app.LeadScorer;
import dev.leadbase.scoring.domain.RescoreQueue;
import dev.leadbase.scoring.app.Rescorer;
import dev.leadbase.scoring.app.RulesetList;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.app.Rulesets;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.store.SqsEventQueue;
import dev.leadbase.scoring.store.SqsRescoreQueue;

/** Builds scoring's collaborators from the function's environment (tables and queues by !Ref). */
public final class ScoringWiring {
    private ScoringWiring() {
    }

    public static RulesetRepository rulesetRepository() {
        return new DynamoRulesetRepository(AwsClients.dynamo(), ScoringTables.rulesets());
    }

    /** Needs LEADS_TABLE, SCORES_TABLE and EVENTS_TABLE. */
    public static ScoreStore scoreStore() {
        return new DynamoScoreStore(AwsClients.dynamo(), Tables.leads(), new ScoringLeadItems(AwsClients.dynamo(),
                Tables.leads(), LeadItemWriter.besideUserFields(AwsClients.dynamo(), Tables.leads())),
                ScoringTables.scores(), ScoringTables.events());
    }

    public static RescoreQueue rescoreQueue() {
        return new SqsRescoreQueue(AwsClients.sqs(), Env.required("RESCORE_QUEUE_URL"));
    }

    public static Rulesets rulesets() {
        return new Rulesets(rulesetRepository(), rescoreQueue(), Wiring.clock());
    }

    public static LeadScorer leadScorer() {
        return new LeadScorer(rulesetRepository(), scoreStore(), new ScoringEngine(), Wiring.clock());
    }

    public static EventIngestion eventIngestion() {
        return new EventIngestion(scoreStore(), new SqsEventQueue(AwsClients.sqs(), Env.required("EVENTS_QUEUE_URL")));
    }

    public static Rescorer rescorer() {
        return new Rescorer(scoreStore(), leadScorer(), rescoreQueue());
    }

    public static RulesetList rulesetList() {
        return new RulesetList(rulesetRepository(), Wiring.cursorSigner());
    }

    public static LeadEventPages leadEventPages() {
        return new LeadEventPages(scoreStore(), Wiring.cursorSigner());
    }

    public static DecayRun decayRun() {
        return new DecayRun(scoreStore(), leadScorer());
    }
}
