package dev.leadbase.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to start the local runtime.
 *
 * @param template    the SAM template to run
 * @param port        HTTP port on 127.0.0.1 (0 = any free port)
 * @param dataDir     DynamoDB Local data directory (null = in memory)
 * @param parameters  template parameter overrides
 * @param http        start the HTTP API server
 * @param pollers     start the SQS and DynamoDB stream pollers
 * @param schedules   start the schedule timers
 * @param onlyFunction construct only this function (null = all), as {@code invoke} does
 */
public record Options(Path template, int port, Path dataDir, Map<String, String> parameters,
                      boolean http, boolean pollers, boolean schedules, String onlyFunction) {
    public static final int DEFAULT_PORT = 3000;

    public Options {
        parameters = Map.copyOf(parameters);
    }

    /** Everything on, template.yaml in the working directory, port 3000 or LEADBASE_PORT. */
    public static Options defaults() {
        String port = System.getenv("LEADBASE_PORT");
        return new Options(Path.of("template.yaml"),
                port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.trim()),
                null, Map.of(), true, true, true, null);
    }

    public Options withTemplate(Path value) {
        return new Options(value, port, dataDir, parameters, http, pollers, schedules, onlyFunction);
    }

    public Options withPort(int value) {
        return new Options(template, value, dataDir, parameters, http, pollers, schedules, onlyFunction);
    }

    public Options withDataDir(Path value) {
        return new Options(template, port, value, parameters, http, pollers, schedules, onlyFunction);
    }

    public Options withParameters(Map<String, String> value) {
        return new Options(template, port, dataDir, value, http, pollers, schedules, onlyFunction);
    }

    public Options withHttp(boolean value) {
        return new Options(template, port, dataDir, parameters, value, pollers, schedules, onlyFunction);
    }

    public Options withPollers(boolean value) {
        return new Options(template, port, dataDir, parameters, http, value, schedules, onlyFunction);
    }

    public Options withSchedules(boolean value) {
        return new Options(template, port, dataDir, parameters, http, pollers, value, onlyFunction);
    }

    public Options withOnlyFunction(String value) {
        return new Options(template, port, dataDir, parameters, http, pollers, schedules, value);
    }
}
