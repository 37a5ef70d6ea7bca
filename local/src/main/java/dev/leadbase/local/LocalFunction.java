package dev.leadbase.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.leadbase.composition.Components;
import dev.leadbase.shared.config.Config;
import dev.leadbase.local.template.Template;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One function of the template, constructed once like a warm Lambda container and invoked concurrently.
 * Reflection is confined here: it plays the part of the Lambda Java runtime.
 */
public final class LocalFunction {
    private final Template.Function definition;
    private final Map<String, String> environment;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final Object handler;
    private final Method method;
    private final Class<?> inputType;

    /** Constructs the handler of {@code definition} over {@code dynamo} and {@code sqs}, given {@code environment}. */
    LocalFunction(Template.Function definition, Map<String, String> environment, DynamoDbClient dynamo, SqsClient sqs) {
        this.definition = definition;
        this.environment = Map.copyOf(environment);
        this.dynamo = dynamo;
        this.sqs = sqs;
        Class<?> type = loadClass(definition.handlerClass());
        this.handler = construct(type, this::components);
        if (handler instanceof RequestHandler<?, ?> || handler instanceof RequestStreamHandler) {
            this.method = null;
            this.inputType = handler instanceof RequestHandler<?, ?> ? requestHandlerInput(type) : null;
        } else {
            this.method = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(definition.handlerMethod()))
                    .filter(m -> m.getParameterCount() >= 1 && m.getParameterCount() <= 2)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No public method " + definition.handler()));
            this.inputType = method.getParameterTypes()[0];
        }
    }

    /**
     * Another container of this function whose handler talks to DynamoDB through {@code dynamo}, its environment
     * overridden by {@code overrides}; this runtime's containers keep their clients. The benchmarks meter and record
     * DynamoDB calls through such a container.
     */
    public LocalFunction over(DynamoDbClient otherDynamo, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(overrides);
        return new LocalFunction(definition, merged, otherDynamo, sqs);
    }

    /**
     * What the handler is built from: this runtime's clients and the function's environment over the process's, so
     * that settings given to the local runtime itself (such as vendor keys) reach the function as well.
     */
    private Components components() {
        return Components.of(Config.fromProcess().with(environment), dynamo, sqs, Clock.systemUTC());
    }

    public String name() {
        return definition.logicalId();
    }

    public Template.Function definition() {
        return definition;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** The handler's declared input class (Object when unknown). */
    public Class<?> inputType() {
        return inputType == null ? Object.class : inputType;
    }

    /** Invokes the handler with a fresh context; exceptions thrown by the handler propagate unchanged. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object invoke(Object event) {
        Context context = new LocalContext(definition.logicalId(), definition.memoryMb(), definition.timeoutSeconds());
        Object input = adapt(event);
        if (handler instanceof RequestHandler requestHandler) {
            return requestHandler.handleRequest(input, context);
        }
        if (handler instanceof RequestStreamHandler streamHandler) {
            String json = event instanceof String s ? s : LambdaJson.output(event);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                streamHandler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
        try {
            return method.getParameterCount() == 2 ? method.invoke(handler, input, context) : method.invoke(handler, input);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Converts the event through JSON when the handler declares another input type (e.g. a Map). */
    private Object adapt(Object event) {
        if (inputType == null || event == null || inputType.isInstance(event)) {
            return event;
        }
        String json = event instanceof String s ? s : LambdaJson.output(event);
        return LambdaJson.input(json, inputType);
    }

    /** With its {@code (Components)} constructor where it has one, as its no-argument one would build them. */
    private static Object construct(Class<?> type, Supplier<Components> components) {
        try {
            try {
                return type.getConstructor(Components.class).newInstance(components.get());
            } catch (NoSuchMethodException e) {
                return type.getConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Handler " + type.getName() + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Handler " + type.getName() + " needs a public constructor taking Components or none", e);
        }
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name, true, LocalFunction.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Handler class not on the classpath: " + name, e);
        }
    }

    private static Class<?> requestHandlerInput(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type iface : c.getGenericInterfaces()) {
                if (iface instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Type arg = p.getActualTypeArguments()[0];
                    if (arg instanceof Class<?> cls) {
                        return cls;
                    }
                    if (arg instanceof ParameterizedType pa && pa.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                }
            }
        }
        return Object.class;
    }
}
