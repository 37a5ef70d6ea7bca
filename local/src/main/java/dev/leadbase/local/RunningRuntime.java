package dev.leadbase.local;

import dev.leadbase.local.events.Schedules;
import dev.leadbase.local.events.SqsPoller;
import dev.leadbase.local.events.StreamPoller;
import dev.leadbase.local.template.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A started local stack: its clients, resource names, functions and HTTP address. Close it to stop everything. */
public final class RunningRuntime implements AutoCloseable {
    private final Template template;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient dynamoStreams;
    private final SqsClient sqs;
    private final TemplateQueues queues;
    private final Map<String, LocalFunction> functions;
    private final List<AutoCloseable> closeables;
    private volatile String baseUrl;
    private volatile boolean closed;

    RunningRuntime(Template template, DynamoDbClient dynamo, DynamoDbStreamsClient dynamoStreams, SqsClient sqs,
                   TemplateQueues queues, Map<String, LocalFunction> functions, List<AutoCloseable> closeables) {
        this.template = template;
        this.dynamo = dynamo;
        this.dynamoStreams = dynamoStreams;
        this.sqs = sqs;
        this.queues = queues;
        this.functions = Collections.unmodifiableMap(functions);
        this.closeables = closeables;
    }

    /** {@code http://127.0.0.1:<port>}, or null when the HTTP server was not started. */
    public String baseUrl() {
        return baseUrl;
    }

    void baseUrl(String value) {
        this.baseUrl = value;
    }

    public Template template() {
        return template;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public DynamoDbStreamsClient dynamoStreams() {
        return dynamoStreams;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** Table name of a table resource (its logical id). */
    public String tableName(String logicalId) {
        if (!template.tables().containsKey(logicalId)) {
            throw new IllegalArgumentException("No AWS::DynamoDB::Table " + logicalId);
        }
        return logicalId;
    }

    public String queueUrl(String logicalId) {
        String url = queues.url(logicalId);
        if (url == null) {
            throw new IllegalArgumentException("No AWS::SQS::Queue " + logicalId);
        }
        return url;
    }

    public Map<String, LocalFunction> functions() {
        return functions;
    }

    public LocalFunction function(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + logicalId + "; functions: " + functions.keySet());
        }
        return function;
    }

    /** Invokes a function with a raw event object and returns its raw result. */
    public Object invoke(String logicalId, Object event) {
        return function(logicalId).invoke(event);
    }

    /** Fires the function's (first) schedule event now, whether or not the schedule is enabled. */
    public Object fireSchedule(String logicalId) {
        LocalFunction function = function(logicalId);
        Template.ScheduleEvent schedule = function.definition().events().stream()
                .filter(Template.ScheduleEvent.class::isInstance).map(Template.ScheduleEvent.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no Schedule event"));
        return function.invoke(Schedules.event(function, schedule));
    }

    /**
     * Waits until the background work is done: every queue a function polls empty (nothing visible or in flight)
     * and every stream poller through a round with nothing to deliver; false when {@code timeout} passed first.
     * Benchmarks call it so that earlier work does not run under their measurements.
     */
    public boolean awaitQuiet(Duration timeout) {
        Map<StreamPoller, Long> rounds = new HashMap<>();
        closeables.stream().filter(StreamPoller.class::isInstance).map(StreamPoller.class::cast)
                .forEach(p -> rounds.put(p, p.quietRounds()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(queuesEmpty() && rounds.entrySet().stream().allMatch(e -> e.getKey().quietRounds() > e.getValue() + 1))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    private boolean queuesEmpty() {
        List<String> polled = closeables.stream().filter(SqsPoller.class::isInstance).map(SqsPoller.class::cast)
                .map(SqsPoller::queueUrl).toList();
        for (String url : polled) {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (!a.values().stream().allMatch("0"::equals)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(closeables);
    }

    static void closeAll(List<AutoCloseable> closeables) {
        List<AutoCloseable> reversed = new ArrayList<>(closeables);
        Collections.reverse(reversed);
        for (AutoCloseable closeable : reversed) {
            try {
                closeable.close();
            } catch (Exception e) {
                // best effort: keep stopping the rest
            }
        }
    }
}
