package dev.leadbase.core.wiring;

import dev.leadbase.core.aws.AwsClients;
import dev.leadbase.core.config.Env;
import dev.leadbase.core.dynamo.DynamoRulesetRepository;
import dev.leadbase.core.dynamo.DynamoScoreStore;
import dev.leadbase.core.dynamo.ScoringTables;
import dev.leadbase.core.dynamo.Tables;
import dev.leadbase.core.scoring.DecayRun;
import dev.leadbase.core.scoring.EventIngestion;
import dev.leadbase.core.scoring.LeadEventPages;
import dev.leadbase.core.scoring.LeadScorer;
import dev.leadbase.core.scoring.RescoreQueue;
import dev.leadbase.core.scoring.Rescorer;
import dev.leadbase.core.scoring.RulesetList;
import dev.leadbase.core.scoring.RulesetRepository;
import dev.leadbase.core.scoring.Rulesets;
import dev.leadbase.core.scoring.ScoreStore;
import dev.leadbase.core.scoring.ScoringEngine;
import dev.leadbase.core.sqs.SqsEventQueue;
import dev.leadbase.core.sqs.SqsRescoreQueue;

/** Builds scoring's collaborators from the function's environment (tables and queues by !Ref). */
public final class ScoringWiring {
    private ScoringWiring() {
    }

    public static RulesetRepository rulesetRepository() {
        return new DynamoRulesetRepository(AwsClients.dynamo(), ScoringTables.rulesets());
    }

    /** Needs LEADS_TABLE, SCORES_TABLE and EVENTS_TABLE. */
    public static ScoreStore scoreStore() {
        return new DynamoScoreStore(AwsClients.dynamo(), Tables.leads(), ScoringTables.scores(), ScoringTables.events());
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
