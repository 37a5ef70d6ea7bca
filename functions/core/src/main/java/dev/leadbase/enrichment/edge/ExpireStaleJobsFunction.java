package dev.leadbase.enrichment.edge;

import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.composition.EnrichmentWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.leadbase.enrichment.app.ExpireStaleJobs;
import dev.leadbase.shared.logging.JsonLog;
import java.util.Map;

/** Scheduled: settles, as failed and refunded, the leads of open jobs that no worker will process anymore. */
public final class ExpireStaleJobsFunction extends UseCaseHandler<ExpireStaleJobs>
        implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    public ExpireStaleJobsFunction() {
        this(Components.fromEnvironment());
    }

    public ExpireStaleJobsFunction(Components components) {
        super(new EnrichmentWiring(components).expireStaleJobs());
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        ExpireStaleJobs.Swept swept = useCase.run();
        Map<String, Object> result = Map.of("jobsClosed", swept.jobsClosed(), "leadsExpired", swept.leadsExpired());
        if (swept.leadsExpired() > 0) {
            JsonLog.warn("stale enrichment leads expired and refunded", result);
        } else {
            JsonLog.info("stale enrichment jobs swept", result);
        }
        return result;
    }
}
