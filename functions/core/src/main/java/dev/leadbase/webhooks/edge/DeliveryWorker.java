package dev.leadbase.webhooks.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.WebhooksWiring;
import dev.leadbase.shared.lambda.BatchFailures;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.webhooks.app.ReceivedDelivery;
import dev.leadbase.webhooks.app.WebhookDeliveries;
import dev.leadbase.webhooks.domain.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DeliveryQueue consumer (FIFO, ReportBatchItemFailures): hands the batch, in its order, to {@link WebhookDeliveries}
 * and reports the messages to be retried (their visibility already set to the next step of the schedule).
 */
public final class DeliveryWorker extends UseCaseHandler<WebhookDeliveries>
        implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public DeliveryWorker() {
        this(Components.fromEnvironment());
    }

    public DeliveryWorker(Components components) {
        this(new WebhooksWiring(components).webhookDeliveries());
    }

    public DeliveryWorker(WebhookDeliveries deliveries) {
        super(deliveries);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<ReceivedDelivery> batch = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            batch.add(received(m));
        }
        BatchFailures failures = new BatchFailures();
        useCase.handle(batch).forEach(failures::report);
        return failures.response();
    }

    private static ReceivedDelivery received(SQSEvent.SQSMessage m) {
        Map<String, String> attributes = m.getAttributes() == null ? Map.of() : m.getAttributes();
        int receives;
        try {
            receives = Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            receives = 1;
        }
        String group = attributes.getOrDefault("MessageGroupId", "unknown");
        Delivery delivery;
        try {
            delivery = DeliveryMessages.delivery(m.getBody());
        } catch (IllegalArgumentException e) {
            delivery = null;
        }
        return new ReceivedDelivery(m.getMessageId(), m.getReceiptHandle(), receives, group, m.getBody(), delivery);
    }
}
