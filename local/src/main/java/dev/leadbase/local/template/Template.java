package dev.leadbase.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parts of a SAM template the local runtime runs: parameters, tables, queues and functions. */
public record Template(
        Map<String, Parameter> parameters,
        Map<String, Object> globalVariables,
        Integer globalTimeout,
        Integer globalMemorySize,
        Map<String, Table> tables,
        Map<String, Queue> queues,
        Map<String, Function> functions,
        Map<String, String> resourceTypes) {

    public record Parameter(String name, Object defaultValue) {
    }

    /** Properties are kept raw (intrinsics unresolved); the table name is always the logical id. */
    public record Table(String logicalId, Map<String, Object> properties) {
    }

    public record Queue(String logicalId, Map<String, Object> properties) {
        public boolean fifo() {
            return Boolean.parseBoolean(String.valueOf(properties.get("FifoQueue")));
        }

        /** Local queue name: the logical id (FIFO queues need the suffix). */
        public String queueName() {
            return fifo() ? logicalId + ".fifo" : logicalId;
        }

        /** Logical id of the dead-letter queue, when the redrive policy points at one of ours. */
        public Optional<String> deadLetterQueue() {
            if (properties.get("RedrivePolicy") instanceof Map<?, ?> policy
                    && policy.get("deadLetterTargetArn") instanceof Intrinsic.GetAtt target) {
                return Optional.of(target.resource());
            }
            return Optional.empty();
        }
    }

    public record Function(String logicalId, String handler, int timeoutSeconds, int memoryMb,
                           Map<String, Object> variables, List<Event> events) {
        public String handlerClass() {
            int sep = handler.indexOf("::");
            return sep < 0 ? handler : handler.substring(0, sep);
        }

        public String handlerMethod() {
            int sep = handler.indexOf("::");
            return sep < 0 ? "handleRequest" : handler.substring(sep + 2);
        }

        public Optional<Event> firstEvent() {
            return events.stream().findFirst();
        }
    }

    public sealed interface Event permits HttpApiEvent, SqsEvent, StreamEvent, ScheduleEvent {
        String name();
    }

    public record HttpApiEvent(String name, String method, String path, String apiId) implements Event {
    }

    public record SqsEvent(String name, String queue, int batchSize, int batchingWindowSeconds,
                           boolean reportBatchItemFailures) implements Event {
    }

    /**
     * {@code filterPatterns} are the raw JSON strings of FilterCriteria.Filters[].Pattern; {@code onFailure} is the
     * queue of DestinationConfig.OnFailure (null without one).
     */
    public record StreamEvent(String name, String table, String startingPosition, int batchSize,
                              List<String> filterPatterns, boolean reportBatchItemFailures, String onFailure)
            implements Event {
    }

    public record ScheduleEvent(String name, String expression, boolean enabled) implements Event {
    }

    public static Template load(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            return parse(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read template " + path, e);
        }
    }

    /** The whole template as loaded (intrinsics as {@link Intrinsic}s): for checks of what the runtime model omits. */
    public static Map<String, Object> raw(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            return CfnYaml.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read template " + path, e);
        }
    }

    public static Template parse(Reader reader) {
        Map<String, Object> root = CfnYaml.load(reader);
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, spec) ->
                parameters.put(name, new Parameter(name, map(spec).get("Default"))));

        Map<String, Object> globalFunction = map(map(root.get("Globals")).get("Function"));
        Map<String, Object> globalVariables = map(map(globalFunction.get("Environment")).get("Variables"));
        Integer globalTimeout = integer(globalFunction.get("Timeout"));
        Integer globalMemory = integer(globalFunction.get("MemorySize"));

        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, Queue> queues = new LinkedHashMap<>();
        Map<String, Function> functions = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, raw) -> {
            Map<String, Object> resource = map(raw);
            String type = String.valueOf(resource.get("Type"));
            Map<String, Object> props = map(resource.get("Properties"));
            types.put(id, type);
            switch (type) {
                case "AWS::DynamoDB::Table" -> tables.put(id, new Table(id, props));
                case "AWS::SQS::Queue" -> queues.put(id, new Queue(id, props));
                case "AWS::Serverless::Function" -> functions.put(id, function(id, props, globalTimeout, globalMemory));
                default -> {
                    // other resource types (HttpApi, roles, alarms...) need nothing locally
                }
            }
        });
        return new Template(parameters, globalVariables, globalTimeout, globalMemory, tables, queues, functions, types);
    }

    private static Function function(String id, Map<String, Object> props, Integer globalTimeout, Integer globalMemory) {
        Integer timeout = integer(props.get("Timeout"));
        Integer memory = integer(props.get("MemorySize"));
        List<Event> events = new ArrayList<>();
        map(props.get("Events")).forEach((name, raw) -> {
            Map<String, Object> event = map(raw);
            Map<String, Object> p = map(event.get("Properties"));
            switch (String.valueOf(event.get("Type"))) {
                case "HttpApi" -> events.add(new HttpApiEvent(name,
                        p.containsKey("Method") ? String.valueOf(p.get("Method")).toUpperCase() : "ANY",
                        p.containsKey("Path") ? String.valueOf(p.get("Path")) : "$default",
                        p.get("ApiId") instanceof Intrinsic.Ref ref ? ref.name() : "local"));
                case "SQS" -> events.add(new SqsEvent(name, target(p.get("Queue")),
                        orDefault(integer(p.get("BatchSize")), 10),
                        orDefault(integer(p.get("MaximumBatchingWindowInSeconds")), 0),
                        reportsFailures(p)));
                case "DynamoDB" -> {
                    List<String> patterns = new ArrayList<>();
                    for (Object filter : list(map(p.get("FilterCriteria")).get("Filters"))) {
                        Object pattern = map(filter).get("Pattern");
                        if (pattern != null) {
                            patterns.add(String.valueOf(pattern));
                        }
                    }
                    Object destination = map(map(p.get("DestinationConfig")).get("OnFailure")).get("Destination");
                    events.add(new StreamEvent(name, target(p.get("Stream")),
                            String.valueOf(p.getOrDefault("StartingPosition", "LATEST")),
                            orDefault(integer(p.get("BatchSize")), 100), patterns, reportsFailures(p),
                            destination == null ? null : target(destination)));
                }
                case "Schedule", "ScheduleV2" -> events.add(new ScheduleEvent(name,
                        String.valueOf(p.containsKey("Schedule") ? p.get("Schedule") : p.get("ScheduleExpression")),
                        !"false".equalsIgnoreCase(String.valueOf(p.getOrDefault("Enabled", "true")))
                                && !"DISABLED".equalsIgnoreCase(String.valueOf(p.getOrDefault("State", "ENABLED")))));
                default -> {
                    // event types the local runtime does not emulate
                }
            }
        });
        return new Function(id, String.valueOf(props.get("Handler")),
                orDefault(timeout, orDefault(globalTimeout, 3)), orDefault(memory, orDefault(globalMemory, 128)),
                map(map(props.get("Environment")).get("Variables")), events);
    }

    private static boolean reportsFailures(Map<String, Object> props) {
        return list(props.get("FunctionResponseTypes")).stream().anyMatch("ReportBatchItemFailures"::equals);
    }

    /** Logical id named by {@code !GetAtt X.Arn}, {@code !GetAtt T.StreamArn} or {@code !Ref X}. */
    private static String target(Object value) {
        if (value instanceof Intrinsic.GetAtt getAtt) {
            return getAtt.resource();
        }
        if (value instanceof Intrinsic.Ref ref) {
            return ref.name();
        }
        throw new IllegalArgumentException("Event source must be !GetAtt or !Ref of a template resource: " + value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static Integer integer(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        return value instanceof String s && !s.isBlank() ? Integer.valueOf(s.trim()) : null;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
