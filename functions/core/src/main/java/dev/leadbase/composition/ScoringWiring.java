package dev.leadbase.composition;

import dev.leadbase.leads.store.LeadItemWriter;
import dev.leadbase.leads.store.ScoringLeadItems;
import dev.leadbase.scoring.app.DecayRun;
import dev.leadbase.scoring.app.EventIngestion;
import dev.leadbase.scoring.app.LeadEventPages;
import dev.leadbase.scoring.app.LeadScorer;
import dev.leadbase.scoring.app.Rescorer;
import dev.leadbase.scoring.app.RulesetList;
import dev.leadbase.scoring.app.Rulesets;
import dev.leadbase.scoring.app.TopLeads;
import dev.leadbase.scoring.app.LeadScoreQuery;
import dev.leadbase.scoring.app.RulesetTrial;
import dev.leadbase.scoring.domain.RescoreQueue;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEngine;
import dev.leadbase.scoring.store.DynamoRulesetRepository;
import dev.leadbase.scoring.store.DynamoScoreStore;
import dev.leadbase.scoring.store.SqsEventQueue;
import dev.leadbase.scoring.store.SqsRescoreQueue;
import dev.leadbase.shared.config.Config;
import dev.leadbase.shared.dynamo.Tables;
import dev.leadbase.shared.sqs.QueueSender;

/** Builds the scoring slice's use cases over a function's components (tables and queues by !Ref). */
public final class ScoringWiring {
    private final Components components;
    private final Config config;

    public ScoringWiring(Components components) {
        this.components = components;
        this.config = components.config();
    }

    public RulesetRepository rulesetRepository() {
        return new DynamoRulesetRepository(components.dynamo(), Tables.RULESETS.in(config));
    }

    /** Needs LEADS_TABLE, SCORES_TABLE and EVENTS_TABLE. */
    public ScoreStore scoreStore() {
        String leads = Tables.LEADS.in(config);
        return new DynamoScoreStore(components.dynamo(), leads, new ScoringLeadItems(components.dynamo(), leads,
                LeadItemWriter.besideUserFields(components.dynamo(), leads)),
                Tables.SCORES.in(config), Tables.EVENTS.in(config));
    }

    public RescoreQueue rescoreQueue() {
        return new SqsRescoreQueue(new QueueSender(components.sqs(), config.required("RESCORE_QUEUE_URL")));
    }

    public Rulesets rulesets() {
        return new Rulesets(rulesetRepository(), rescoreQueue(), components.clock());
    }

    public LeadScorer leadScorer() {
        return new LeadScorer(rulesetRepository(), scoreStore(), new ScoringEngine(), components.clock());
    }

    public EventIngestion eventIngestion() {
        return new EventIngestion(scoreStore(),
                new SqsEventQueue(new QueueSender(components.sqs(), config.required("EVENTS_QUEUE_URL"))));
    }

    public Rescorer rescorer() {
        return new Rescorer(scoreStore(), leadScorer(), rescoreQueue());
    }

    public RulesetList rulesetList() {
        return new RulesetList(rulesetRepository(), components.cursorSigner());
    }

    public LeadEventPages leadEventPages() {
        return new LeadEventPages(scoreStore(), components.cursorSigner());
    }

    public DecayRun decayRun() {
        return new DecayRun(scoreStore(), leadScorer());
    }

    /** Needs LEAD_INDEX_TABLE and TENANTS_TABLE too (the leads list by score, over the tenant's lead shards). */
    public TopLeads topLeads() {
        return new TopLeads(scoreStore(), rulesetRepository(), new LeadsWiring(components).leadRepository());
    }

    public LeadScoreQuery leadScoreQuery() {
        return new LeadScoreQuery(rulesetRepository(), scoreStore(), new ScoringEngine());
    }

    public RulesetTrial rulesetTrial() {
        return new RulesetTrial(rulesets(), scoreStore(), new ScoringEngine(), components.clock());
    }
}
