package dev.leadbase.scoring.edge;

import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.composition.ScoringWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.shared.lambda.BatchFailures;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.scoring.domain.RescoreJob;
import dev.leadbase.scoring.app.Rescorer;
import java.util.Map;

/** RescoreQueue consumer: re-scores one page of a tenant's leads per message and queues the next page. */
public final class RescoreWorker extends UseCaseHandler<Rescorer>
        implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public RescoreWorker() {
        this(Components.fromEnvironment());
    }

    public RescoreWorker(Components components) {
        super(new ScoringWiring(components).rescorer());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return BatchFailures.each(event, "rescore failed", message -> {
            RescoreJob job = ScoringMessages.rescore(message.getBody());
            int leads = useCase.run(job);
            JsonLog.info("rescored page", Map.of("tenantId", job.tenantId(), "leads", leads));
        });
    }
}
