package dev.leadbase.local;

import dev.leadbase.local.events.Schedules;
import dev.leadbase.local.template.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A started local stack: its clients, resource names, functions and HTTP address. Close it to stop everything. */
public final class RunningRuntime implements AutoCloseable {
    private final Template template;
    private final LocalDynamo dynamo;
    private final LocalSqs sqs;
    private final Map<String, LocalFunction> functions;
    private final List<AutoCloseable> closeables;
    private volatile String baseUrl;
    private volatile boolean closed;

    RunningRuntime(Template template, LocalDynamo dynamo, LocalSqs sqs, Map<String, LocalFunction> functions,
                   List<AutoCloseable> closeables) {
        this.template = template;
        this.dynamo = dynamo;
        this.sqs = sqs;
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
        return dynamo.client();
    }

    public DynamoDbStreamsClient dynamoStreams() {
        return dynamo.streams();
    }

    public SqsClient sqs() {
        return sqs.client();
    }

    /** Local table name of a table resource (its logical id). */
    public String tableName(String logicalId) {
        if (!template.tables().containsKey(logicalId)) {
            throw new IllegalArgumentException("No AWS::DynamoDB::Table " + logicalId);
        }
        return logicalId;
    }

    public String queueUrl(String logicalId) {
        String url = sqs.queueUrl(logicalId);
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
