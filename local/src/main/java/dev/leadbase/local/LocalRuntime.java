package dev.leadbase.local;

import dev.leadbase.core.aws.AwsClients;
import dev.leadbase.local.events.Schedules;
import dev.leadbase.local.events.SqsPoller;
import dev.leadbase.local.events.StreamPoller;
import dev.leadbase.local.http.HttpApiServer;
import dev.leadbase.local.http.RouteTable;
import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Starts the template in this JVM: DynamoDB Local, ElasticMQ, functions, HTTP API, pollers and schedules. */
public final class LocalRuntime {
    private LocalRuntime() {
    }

    public static RunningRuntime start(Options options) {
        Template template = Template.load(options.template());
        // the two backends start in parallel: together they are most of the start-up time
        CompletableFuture<LocalSqs> sqsStart = CompletableFuture.supplyAsync(LocalSqs::new);
        LocalDynamo dynamo = new LocalDynamo(options.dataDir());
        LocalSqs sqs = sqsStart.join();
        List<AutoCloseable> closeables = new ArrayList<>(List.of(dynamo, sqs));
        try {
            Resolver resolver = new Resolver(template, options.parameters(), sqs::queueUrl, dynamo::streamArn);
            dynamo.createTables(template, resolver);
            sqs.createQueues(template, resolver);
            AwsClients.install(dynamo.client(), sqs.client());

            Map<String, String> globals = resolver.resolveVariables(template.globalVariables());
            Map<String, LocalFunction> functions = new LinkedHashMap<>();
            for (Template.Function definition : template.functions().values()) {
                if (options.onlyFunction() != null && !options.onlyFunction().equals(definition.logicalId())) {
                    continue;
                }
                Map<String, String> env = new LinkedHashMap<>(baseEnvironment(definition, sqs));
                env.putAll(globals);
                env.putAll(resolver.resolveVariables(definition.variables()));
                functions.put(definition.logicalId(), new LocalFunction(definition, env));
            }
            if (options.onlyFunction() != null && functions.isEmpty()) {
                throw new IllegalArgumentException("No AWS::Serverless::Function " + options.onlyFunction()
                        + " in " + options.template() + "; functions: " + template.functions().keySet());
            }

            RunningRuntime runtime = new RunningRuntime(template, dynamo, sqs, functions, closeables);
            if (options.pollers()) {
                startPollers(runtime, dynamo, sqs, closeables);
            }
            if (options.schedules()) {
                Schedules schedules = new Schedules();
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

    /** What the Lambda service sets in every function's environment. */
    private static Map<String, String> baseEnvironment(Template.Function definition, LocalSqs sqs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", Resolver.REGION);
        env.put("AWS_DEFAULT_REGION", Resolver.REGION);
        env.put("AWS_LAMBDA_FUNCTION_NAME", definition.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(definition.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("LEADBASE_LOCAL", "true");
        return env;
    }

    private static void startPollers(RunningRuntime runtime, LocalDynamo dynamo, LocalSqs sqs,
                                     List<AutoCloseable> closeables) {
        for (LocalFunction function : runtime.functions().values()) {
            for (Template.Event event : function.definition().events()) {
                if (event instanceof Template.SqsEvent source) {
                    String queueUrl = sqs.queueUrl(source.queue());
                    if (queueUrl == null) {
                        throw new IllegalArgumentException(function.name() + " listens to unknown queue " + source.queue());
                    }
                    String arn = Resolver.queueArn(runtime.template().queues().get(source.queue()).queueName());
                    closeables.add(new SqsPoller(sqs.client(), queueUrl, arn, source, function));
                } else if (event instanceof Template.StreamEvent source) {
                    String streamArn = dynamo.streamArn(source.table());
                    if (streamArn == null) {
                        throw new IllegalArgumentException(function.name() + " listens to table " + source.table()
                                + " which has no StreamSpecification");
                    }
                    closeables.add(new StreamPoller(dynamo.streams(), streamArn, source, function));
                }
            }
        }
    }
}
