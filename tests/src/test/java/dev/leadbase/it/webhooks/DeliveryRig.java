package dev.leadbase.it.webhooks;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeFanout;
import dev.leadbase.changes.domain.ChangeLog;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.access.domain.Permission;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.WebhooksWiring;
import dev.leadbase.it.Fixture;
import dev.leadbase.local.events.SqsPoller;
import dev.leadbase.shared.config.Config;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.shared.http.HttpRoutes;
import dev.leadbase.shared.http.Route;
import dev.leadbase.webhooks.app.Replays;
import dev.leadbase.webhooks.domain.DeliveryAttempt;
import dev.leadbase.webhooks.domain.DeliveryLog;
import dev.leadbase.webhooks.domain.PendingDeliveries;
import dev.leadbase.webhooks.domain.Subscription;
import dev.leadbase.webhooks.edge.DeliveryEndpoints;
import dev.leadbase.webhooks.edge.DeliveryWorker;
import dev.leadbase.webhooks.store.DynamoDeliveryLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The delivery worker as DeliveryWorker's function builds it (its variables from template.yaml), over the local
 * runtime's DynamoDB Local and ElasticMQ, on a FIFO delivery queue and dead-letter queue of its own (so that tests do
 * not meet the runtime's worker), with a {@link MapDirectory} and a sink that records what it is given, and pollers
 * that do what Lambda's FIFO event source mapping does: receive up to 10, invoke, delete what did not fail.
 * Retries start at 1 s instead of 10 s; subscriptions are not cached unless a test says so.
 */
final class DeliveryRig implements AutoCloseable {
    final MapDirectory directory = new MapDirectory();
    final List<ChangeEvent> published = new CopyOnWriteArrayList<>();
    final String queueUrl;
    final String deadLetterUrl;
    private final SqsClient sqs = Fixture.runtime().sqs();
    private final WebhooksWiring wiring;
    private final DeliveryWorker worker;
    private final String queueArn;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;

    DeliveryRig(Map<String, String> overrides) {
        this(overrides, Fixture.runtime().dynamo());
    }

    /** A rig whose worker reaches DynamoDB through {@code dynamo} (the runtime's, seen through a test's hook). */
    DeliveryRig(Map<String, String> overrides, DynamoDbClient dynamo) {
        String name = "DeliveryTest" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        deadLetterUrl = sqs.createQueue(r -> r.queueName(name + "Dlq.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        queueUrl = sqs.createQueue(r -> r.queueName(name + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<String, String> env = new HashMap<>(Fixture.runtime().function("DeliveryWorker").environment());
        env.put("DELIVERY_QUEUE_URL", queueUrl);
        env.put("DELIVERY_DLQ_URL", deadLetterUrl);
        env.put("WEBHOOK_RETRY_BASE_MS", "1000");
        // subscriptions are read afresh for each delivery unless a test asks for the cache
        env.put("WEBHOOK_SUBSCRIPTION_CACHE_SECONDS", "0");
        env.putAll(overrides);
        Components components = Components.of(Config.of(env), dynamo, sqs, Clock.systemUTC());
        wiring = new WebhooksWiring(components);
        ChangeSink sink = published::addAll;
        worker = new DeliveryWorker(wiring.webhookDeliveries(directory, sink));
        // Lambda works a FIFO queue's message groups at once, a batch per invocation: two pollers here
        for (int i = 0; i < 2; i++) {
            pollers.add(Thread.ofPlatform().daemon().name("delivery-rig-" + name + "-" + i).start(this::poll));
        }
    }

    DeliveryRig() {
        this(Map.of());
    }

    ChangeFanout fanout() {
        return wiring.changeFanout(directory);
    }

    PendingDeliveries pending() {
        return wiring.pendingDeliveries();
    }

    Replays replays(ChangeLog changes) {
        return wiring.replays(directory, changes);
    }

    /**
     * The two delivery routes as LeadsApi serves them (the HTTP doorway: key, permission, path ids, query and body
     * rules, the error body), over this rig's directory and queue and the given feed.
     */
    HttpRoutes routes(ChangeLog changes) {
        Map<String, String> env = new HashMap<>(Fixture.runtime().function("ListWebhookDeliveriesFunction").environment());
        env.putAll(Fixture.runtime().function("ReplayWebhookFunction").environment());
        env.put("DELIVERY_QUEUE_URL", queueUrl);
        Components components = Components.of(Config.of(env), Fixture.runtime().dynamo(), sqs, Clock.systemUTC());
        WebhooksWiring routesWiring = new WebhooksWiring(components);
        return new Routes(components.httpApi(), List.of(
                Route.forKey("GET /api/v2/webhooks/{id}/deliveries", Permission.WEBHOOKS_WRITE, "managing webhooks",
                        () -> DeliveryEndpoints.list(routesWiring.deliveryLogPages(directory))).withQuery(),
                Route.forKey("POST /api/v2/webhooks/{id}/replay", Permission.WEBHOOKS_WRITE, "managing webhooks",
                        () -> DeliveryEndpoints.replay(routesWiring.replays(directory, changes)))));
    }

    private static final class Routes extends HttpRoutes {
        Routes(HttpApi api, List<Route> routes) {
            super(api, routes);
        }
    }

    /**
     * The subscription's whole delivery log, newest first, as the route reads it: eventually consistent (in the
     * AWS-semantics mode a read may miss the latest entries; {@link #logOf} waits for a count).
     */
    List<DeliveryAttempt> log(Subscription s) {
        DeliveryLog log = new DynamoDeliveryLog(Fixture.runtime().dynamo(),
                Fixture.runtime().tableName("WebhookDeliveriesTable"));
        return log.page(s.tenantId(), s.id(), null, null, 100).attempts();
    }

    /** The log once it holds {@code entries} entries (read again until it does). */
    List<DeliveryAttempt> logOf(Subscription s, int entries, Duration timeout) {
        List<List<DeliveryAttempt>> seen = new ArrayList<>(List.of(List.of()));
        Fixture.eventually(timeout, entries + " log entries", () -> {
            seen.set(0, log(s));
            return seen.getFirst().size() == entries;
        });
        return seen.getFirst();
    }

    /** Messages taken off this rig's dead-letter queue so far. */
    List<Message> deadLetters() {
        return sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private void poll() {
        while (running) {
            try {
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (batch.isEmpty()) {
                    continue;
                }
                SQSBatchResponse response = worker.handleRequest(SqsPoller.toEvent(batch, queueArn), null);
                Set<String> failed = new HashSet<>();
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
                List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
                for (Message m : batch) {
                    if (!failed.contains(m.messageId())) {
                        done.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(done.size()))
                                .receiptHandle(m.receiptHandle()).build());
                    }
                }
                if (!done.isEmpty()) {
                    sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
                }
            } catch (RuntimeException e) {
                if (running) {
                    e.printStackTrace();
                }
            }
        }
    }

    /** Waits until the rig's queue holds nothing, visible or in flight. */
    void drained(Duration timeout) {
        Fixture.eventually(timeout, "delivery queue drained", () -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values().stream()
                .allMatch("0"::equals));
    }

    @Override
    public void close() {
        running = false;
        for (Thread poller : pollers) {
            poller.interrupt();
            try {
                poller.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        sqs.deleteQueue(r -> r.queueUrl(deadLetterUrl));
    }
}
