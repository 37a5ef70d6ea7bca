package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.RescoreJob;
import dev.leadbase.scoring.domain.RescoreQueue;
import dev.leadbase.scoring.domain.ScoreStore;

/** Re-scores a tenant's leads a page per message, queueing the next page: a fan-out that never runs long. */
public record Rescorer(ScoreStore store, LeadScorer scorer, RescoreQueue queue) {
    public static final int PAGE_SIZE = 50;

    /** Re-scores one page; returns how many leads it looked at. */
    public int run(RescoreJob job) {
        Page<String> page = store.leadIds(job.tenantId(), job.cursor(), PAGE_SIZE);
        for (String leadId : page.items()) {
            scorer.rescore(job.tenantId(), leadId);
        }
        if (page.nextCursor() != null) {
            queue.request(new RescoreJob(job.tenantId(), page.nextCursor()));
        }
        return page.items().size();
    }
}
