package dev.leadbase.scoring.edge;

import dev.leadbase.composition.Components;
import dev.leadbase.composition.ScoringWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.scoring.domain.RescoreJob;
import dev.leadbase.scoring.app.Rescorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** RescoreQueue consumer: re-scores one page of a tenant's leads per message and queues the next page. */
public final class RescoreWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final Rescorer rescorer;

    public RescoreWorker() {
        this(Components.fromEnvironment());
    }

    public RescoreWorker(Components components) {
        this(new ScoringWiring(components).rescorer());
    }

    public RescoreWorker(Rescorer rescorer) {
        this.rescorer = rescorer;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                RescoreJob job = ScoringMessages.rescore(message.getBody());
                int leads = rescorer.run(job);
                JsonLog.info("rescored page", Map.of("tenantId", job.tenantId(), "leads", leads));
            } catch (RuntimeException e) {
                JsonLog.error("rescore failed", Map.of("messageId", message.getMessageId()), e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
