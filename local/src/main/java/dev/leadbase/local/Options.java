package dev.leadbase.local;

import dev.leadbase.local.aws.AwsSemantics;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to start the local runtime.
 *
 * @param template    the SAM template to run
 * @param port        HTTP port on 127.0.0.1 (0 = any free port)
 * @param dataDir     DynamoDB Local data directory (null = in memory; unused with external backends)
 * @param parameters  template parameter overrides
 * @param http        start the HTTP API server
 * @param pollers     start the SQS and DynamoDB stream pollers
 * @param schedules   start the schedule timers
 * @param onlyFunction construct only this function (null = all), as {@code invoke} does
 * @param externalBackends DynamoDB and SQS endpoints to use instead of starting DynamoDB Local and ElasticMQ
 *                     (null = start them in this JVM)
 * @param awsSemantics answer as DynamoDB, SQS and Lambda may on AWS (null = as DynamoDB Local and ElasticMQ do)
 */
public record Options(Path template, int port, Path dataDir, Map<String, String> parameters,
                      boolean http, boolean pollers, boolean schedules, String onlyFunction,
                      ExternalBackends externalBackends, AwsSemantics awsSemantics) {
    public static final int DEFAULT_PORT = 3000;

    public Options {
        parameters = Map.copyOf(parameters);
    }

    /** Everything on, template.yaml in the working directory, port 3000 or LEADBASE_PORT. */
    public static Options defaults() {
        String port = System.getenv("LEADBASE_PORT");
        return new Options(Path.of("template.yaml"),
                port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.trim()),
                null, Map.of(), true, true, true, null, null, null);
    }

    public Options withTemplate(Path value) {
        return new Options(value, port, dataDir, parameters, http, pollers, schedules, onlyFunction, externalBackends, awsSemantics);
    }

    public Options withPort(int value) {
        return new Options(template, value, dataDir, parameters, http, pollers, schedules, onlyFunction, externalBackends, awsSemantics);
    }

    public Options withDataDir(Path value) {
        return new Options(template, port, value, parameters, http, pollers, schedules, onlyFunction, externalBackends, awsSemantics);
    }

    public Options withParameters(Map<String, String> value) {
        return new Options(template, port, dataDir, value, http, pollers, schedules, onlyFunction, externalBackends, awsSemantics);
    }

    public Options withHttp(boolean value) {
        return new Options(template, port, dataDir, parameters, value, pollers, schedules, onlyFunction, externalBackends, awsSemantics);
    }

    public Options withPollers(boolean value) {
        return new Options(template, port, dataDir, parameters, http, value, schedules, onlyFunction, externalBackends, awsSemantics);
    }

    public Options withSchedules(boolean value) {
        return new Options(template, port, dataDir, parameters, http, pollers, value, onlyFunction, externalBackends, awsSemantics);
    }

    public Options withOnlyFunction(String value) {
        return new Options(template, port, dataDir, parameters, http, pollers, schedules, value, externalBackends, awsSemantics);
    }

    /** Runs against these endpoints (LocalStack, say) instead of DynamoDB Local and ElasticMQ; null = in this JVM. */
    public Options withExternalBackends(ExternalBackends value) {
        return new Options(template, port, dataDir, parameters, http, pollers, schedules, onlyFunction, value, awsSemantics);
    }

    /** Answers as AWS may (eventual reads, lagging indexes and streams, conflicts, throttles, redeliveries); null = off. */
    public Options withAwsSemantics(AwsSemantics value) {
        return new Options(template, port, dataDir, parameters, http, pollers, schedules, onlyFunction, externalBackends, value);
    }
}
