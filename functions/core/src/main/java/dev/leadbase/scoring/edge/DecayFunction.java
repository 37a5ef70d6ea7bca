package dev.leadbase.scoring.edge;

import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.composition.ScoringWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.scoring.app.DecayRun;
import java.util.Map;

/** Scheduled: lowers decaying engagement scores, visiting only positive ones (sparse ByDecay index). */
public final class DecayFunction extends UseCaseHandler<DecayRun>
        implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    public DecayFunction() {
        this(Components.fromEnvironment());
    }

    public DecayFunction(Components components) {
        super(new ScoringWiring(components).decayRun());
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        int changed = useCase.run();
        JsonLog.info("decay applied", Map.of("leadsChanged", changed));
        return Map.of("leadsChanged", changed);
    }
}
