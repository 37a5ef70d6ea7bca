package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.ScoreStore;
import java.util.HashSet;
import java.util.Set;

/** One scheduled pass of decay over the standings the decay index lists (only positive decaying scores). */
public record DecayRun(ScoreStore store, LeadScorer scorer) {
    /** Returns how many leads changed. */
    public int run() {
        int changed = 0;
        Set<String> done = new HashSet<>();
        for (ScoreStore.DecayCandidate c : store.decayCandidates()) {
            // a lead with several decaying rule sets is decayed once for all of them
            if (done.add(c.tenantId() + "/" + c.leadId())
                    && scorer.decay(c.tenantId(), c.leadId()) == LeadScorer.Outcome.CHANGED) {
                changed++;
            }
        }
        return changed;
    }
}
