package dev.leadbase.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.leadbase.shared.http.SnapStartPriming;
import dev.leadbase.local.LocalContext;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * The minimal Lambda invoker that the cold-start benchmark runs in a fresh JVM, with one function jar beside it on
 * the class path: it constructs the handler, optionally runs the SnapStart priming, sends one {@code GET} through it
 * and prints one line of timings. It uses only the JDK, the Lambda core and events libraries and, for
 * {@code --prime}, the core's priming: all inside every function jar.
 *
 * <p>Arguments: {@code [--prime] <handlerClass> <path> <apiKey>}.
 */
public final class ColdInvoker {
    /** Starts the line that carries the timings; the handler's own logs share stdout. */
    static final String RESULT_PREFIX = "cold-start-result ";

    private ColdInvoker() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        boolean prime = args[0].equals("--prime");
        int first = prime ? 1 : 0;
        String handlerClass = args[first];
        String path = args[first + 1];
        String apiKey = args[first + 2];

        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = construct(handlerClass);
        Instant constructed = Instant.now();
        long primeStart = System.nanoTime();
        if (prime) {
            // what a SnapStart checkpoint runs before the snapshot (org.crac's hooks need a CRaC JVM)
            SnapStartPriming.primeAll();
        }
        long primeNanos = System.nanoTime() - primeStart;
        APIGatewayV2HTTPEvent event = event(path, apiKey);
        Context context = new LocalContext(handlerClass, 1024, 15);
        long invokeStart = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        long invokeNanos = System.nanoTime() - invokeStart;

        // read after the invoke so that the management classes do not count in the measured part
        long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        double initMs = ChronoUnit.MICROS.between(Instant.ofEpochMilli(jvmStartMillis), constructed) / 1000.0;
        System.out.println(RESULT_PREFIX + String.format(Locale.ROOT,
                "{\"initMs\":%.3f,\"primeMs\":%.3f,\"firstInvokeMs\":%.3f,\"status\":%d}",
                initMs, primeNanos / 1e6, invokeNanos / 1e6, response.getStatusCode()));
        System.exit(0); // SDK and handler threads must not keep the JVM alive
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> construct(String className)
            throws ReflectiveOperationException {
        // as the Lambda Java runtime does: load by name, public no-argument constructor
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(className)
                .getConstructor().newInstance();
    }

    /** An HTTP API payload 2.0 {@code GET} without query, as API Gateway sends it. */
    private static APIGatewayV2HTTPEvent event(String path, String apiKey) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        http.setUserAgent("leadbase-bench");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId("123456789012");
        context.setApiId("local");
        context.setDomainName("127.0.0.1");
        context.setRequestId("cold-start");
        context.setRouteKey("GET " + path);
        context.setStage("$default");
        context.setTimeEpoch(System.currentTimeMillis());
        context.setHttp(http);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("GET " + path);
        event.setRawPath(path);
        event.setRawQueryString("");
        event.setHeaders(Map.of("x-api-key", apiKey, "host", "127.0.0.1", "user-agent", "leadbase-bench"));
        event.setRequestContext(context);
        return event;
    }
}
