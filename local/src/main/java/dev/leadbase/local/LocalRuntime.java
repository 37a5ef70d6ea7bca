package dev.leadbase.local;

import dev.leadbase.local.aws.AwsSemanticsMode;
import dev.leadbase.local.events.Schedules;
import dev.leadbase.local.events.SqsPoller;
import dev.leadbase.local.events.StreamCheckpoint;
import dev.leadbase.local.events.StreamPoller;
import dev.leadbase.local.http.HttpApiServer;
import dev.leadbase.local.http.RouteTable;
import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts the template in this JVM: DynamoDB Local and ElasticMQ (or the external endpoints of
 * {@link Options#externalBackends()}), tables, queues, functions, HTTP API, pollers and schedules.
 */
public final class LocalRuntime {
    /** The folder of a data directory holding the stream pollers' positions. */
    static final String STREAM_POSITIONS = "stream-positions";
    /** The template parameter holding the key that signs paging cursors. */

    private LocalRuntime() {
    }

    public static RunningRuntime start(Options options) {
        Template template = Template.load(options.template());
        TemplateTables tables = new TemplateTables();
        TemplateQueues queues = new TemplateQueues();
        Resolver resolver = new Resolver(template, options.parameters(), queues::url, queues::arn,
                tables::streamArn);
        List<AutoCloseable> closeables = new ArrayList<>();
        try {
            Clients clients = options.externalBackends() == null
                    ? startEmbedded(options, template, resolver, tables, queues, closeables)
                    : connect(options.externalBackends(), template, resolver, tables, queues, closeables);
            if (options.awsSemantics() != null) {
                AwsSemanticsMode mode = AwsSemanticsMode.wrap(options.awsSemantics(), clients.dynamo(), clients.streams(),
                        clients.sqs());
                clients = new Clients(mode.dynamo(), mode.streams(), mode.sqs());
            }

            Map<String, String> globals = resolver.resolveVariables(template.globalVariables());
            LocalSecrets secrets = new LocalSecrets(template, options.dataDir());
            globals.putAll(secrets.values(template.globalVariables()));
            Map<String, LocalFunction> functions = new LinkedHashMap<>();
            for (Template.Function definition : template.functions().values()) {
                if (options.onlyFunction() != null && !options.onlyFunction().equals(definition.logicalId())) {
                    continue;
                }
                Map<String, String> env = new LinkedHashMap<>(baseEnvironment(definition));
                env.putAll(globals);
                env.putAll(resolver.resolveVariables(definition.variables()));
                env.putAll(secrets.values(definition.variables()));
                functions.put(definition.logicalId(),
                        new LocalFunction(definition, env, clients.dynamo(), clients.sqs()));
            }
            if (options.onlyFunction() != null && functions.isEmpty()) {
                throw new IllegalArgumentException("No AWS::Serverless::Function " + options.onlyFunction()
                        + " in " + options.template() + "; functions: " + template.functions().keySet());
            }

            RunningRuntime runtime = new RunningRuntime(template, clients.dynamo(), clients.streams(), clients.sqs(),
                    queues, functions, closeables);
            if (options.pollers()) {
                // stream positions are kept with the data, which lives in this JVM's DynamoDB Local
                Path positions = options.externalBackends() == null && options.dataDir() != null
                        ? options.dataDir().resolve(STREAM_POSITIONS) : null;
                startPollers(runtime, tables, queues, positions, closeables);
            }
            if (options.schedules()) {
                Schedules schedules = new Schedules(options.awsSemantics() == null ? 0 : options.awsSemantics().asyncRetries());
                closeables.add(schedules);
                for (LocalFunction function : functions.values()) {
                    for (Template.Event event : function.definition().events()) {
                        if (event instanceof Template.ScheduleEvent schedule) {
                            schedules.start(function, schedule);
                        }
                    }
                }
            }
            if (options.http()) {
                RouteTable routes = new RouteTable();
                for (LocalFunction function : functions.values()) {
                    for (Template.Event event : function.definition().events()) {
                        if (event instanceof Template.HttpApiEvent api) {
                            routes.add(new RouteTable.Route(api.method(), api.path(), api.apiId(), function));
                        }
                    }
                }
                try {
                    HttpApiServer server = new HttpApiServer(options.port(), routes, runtime::fireSchedule);
                    closeables.add(server);
                    runtime.baseUrl("http://127.0.0.1:" + server.port());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + options.port(), e);
                }
            }
            return runtime;
        } catch (RuntimeException | Error e) {
            RunningRuntime.closeAll(closeables);
            throw e;
        }
    }

    private record Clients(DynamoDbClient dynamo, DynamoDbStreamsClient streams, SqsClient sqs) {
    }

    /** DynamoDB Local and ElasticMQ in this JVM, started in parallel: together they are most of the start-up. */
    private static Clients startEmbedded(Options options, Template template, Resolver resolver, TemplateTables tables,
                                         TemplateQueues queues, List<AutoCloseable> closeables) {
        CompletableFuture<LocalSqs> sqsStart = CompletableFuture.supplyAsync(() -> new LocalSqs(options.dataDir()));
        // stopped however start-up ends: on failure, closeables are closed by the caller
        closeables.add(() -> sqsStart.thenAccept(LocalSqs::close));
        LocalDynamo dynamo = new LocalDynamo(options.dataDir());
        closeables.add(dynamo);
        // the tables are made while ElasticMQ is still starting (no table property refers to a queue URL)
        tables.create(dynamo.client(), template, resolver);
        LocalSqs sqs = sqsStart.join();
        queues.create(sqs.client(), template, resolver);
        return new Clients(dynamo.client(), dynamo.streams(), sqs.client());
    }

    /** Clients of the external endpoints, on which the template's tables and queues are created. */
    private static Clients connect(ExternalBackends backends, Template template, Resolver resolver,
                                   TemplateTables tables, TemplateQueues queues, List<AutoCloseable> closeables) {
        Clients clients = new Clients(backends.dynamoClient(), backends.streamsClient(), backends.sqsClient());
        closeables.addAll(List.of(clients.dynamo(), clients.streams(), clients.sqs()));
        tables.create(clients.dynamo(), template, resolver);
        queues.create(clients.sqs(), template, resolver);
        return clients;
    }

    /** What the Lambda service sets in every function's environment. */
    private static Map<String, String> baseEnvironment(Template.Function definition) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", Resolver.REGION);
        env.put("AWS_DEFAULT_REGION", Resolver.REGION);
        env.put("AWS_LAMBDA_FUNCTION_NAME", definition.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(definition.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("LEADBASE_LOCAL", "true");
        return env;
    }

    /** {@code positions}: the folder of the stream pollers' checkpoints (null: none). */
    private static void startPollers(RunningRuntime runtime, TemplateTables tables, TemplateQueues queues,
                                     Path positions, List<AutoCloseable> closeables) {
        for (LocalFunction function : runtime.functions().values()) {
            for (Template.Event event : function.definition().events()) {
                if (event instanceof Template.SqsEvent source) {
                    String queueUrl = queues.url(source.queue());
                    if (queueUrl == null) {
                        throw new IllegalArgumentException(function.name() + " listens to unknown queue " + source.queue());
                    }
                    closeables.add(new SqsPoller(runtime.sqs(), queueUrl, queues.arn(source.queue()), source, function));
                } else if (event instanceof Template.StreamEvent source) {
                    String streamArn = tables.streamArn(source.table());
                    if (streamArn == null) {
                        throw new IllegalArgumentException(function.name() + " listens to table " + source.table()
                                + " which has no StreamSpecification");
                    }
                    Consumer<String> onFailure = null;
                    if (source.onFailure() != null) {
                        String failureQueue = queues.url(source.onFailure());
                        if (failureQueue == null) {
                            throw new IllegalArgumentException(function.name() + " sends failures to unknown queue "
                                    + source.onFailure());
                        }
                        onFailure = body -> runtime.sqs().sendMessage(m -> m.queueUrl(failureQueue).messageBody(body));
                    }
                    StreamCheckpoint checkpoint = positions == null ? null
                            : new StreamCheckpoint(positions.resolve(function.name() + "." + source.name() + ".properties"));
                    closeables.add(new StreamPoller(runtime.dynamoStreams(), streamArn, source, function, onFailure,
                            checkpoint));
                }
            }
        }
    }
}
