package dev.leadbase.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets reach a function as a value (local) or as an ARN / parameter name it reads once at init. The AWS side is
 * a stub endpoint answering as Secrets Manager and SSM do, which checks that each call is SigV4-signed for its service.
 */
class SecretConfigTest {
    private HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(target + " " + body);
            String answer;
            int status = 200;
            if (!auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/") || !"session".equals(token)) {
                status = 403;
                answer = "{\"__type\":\"UnrecognizedClientException\"}";
            } else if ("secretsmanager.GetSecretValue".equals(target) && auth.contains("/secretsmanager/aws4_request")) {
                answer = "{\"ARN\":\"arn:x\",\"Name\":\"CursorSecret\",\"SecretString\":\"generated-cursor-secret-value\"}";
            } else if ("AmazonSSM.GetParameter".equals(target) && auth.contains("/ssm/aws4_request")
                    && body.contains("\"WithDecryption\":true") && body.contains("/leadbase/hunter-api-key")) {
                answer = "{\"Parameter\":{\"Name\":\"/leadbase/hunter-api-key\",\"Type\":\"SecureString\",\"Value\":\"hunter-key\",\"Version\":1}}";
            } else {
                status = 400;
                answer = "{\"__type\":\"ParameterNotFound\",\"message\":\"no\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SecretConfig aws(String... pairs) {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> env = new java.util.HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "session", "AWS_REGION", "eu-west-1",
                "LEADBASE_SECRETSMANAGER_ENDPOINT", endpoint, "LEADBASE_SSM_ENDPOINT", endpoint));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return new SecretConfig(Config.of(env));
    }

    @Test
    void aPlainValueIsUsedAsItIsWithoutCallingAws() {
        Optional<String> value = aws("LEADBASE_CURSOR_SECRET", "local-value-0123456789",
                "LEADBASE_CURSOR_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:x")
                .optional("LEADBASE_CURSOR_SECRET");
        assertEquals(Optional.of("local-value-0123456789"), value);
        assertEquals(List.of(), calls);
    }

    @Test
    void aSecretArnIsReadFromSecretsManagerOnceAndCached() {
        SecretConfig secrets = aws("LEADBASE_CURSOR_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:CursorSecret-AbC");
        String first = secrets.required("LEADBASE_CURSOR_SECRET");
        String second = secrets.required("LEADBASE_CURSOR_SECRET");
        assertEquals("generated-cursor-secret-value", first);
        assertEquals(first, second);
        assertEquals(List.of("secretsmanager.GetSecretValue {\"SecretId\":\"arn:aws:secretsmanager:eu-west-1:1:secret:CursorSecret-AbC\"}"),
                calls);
    }

    @Test
    void aParameterNameIsReadFromSsmDecrypted() {
        var lookup = aws("HUNTER_API_KEY_PARAMETER", "/leadbase/hunter-api-key").lookup(java.util.Set.of("HUNTER_API_KEY"));
        String key = lookup.apply("HUNTER_API_KEY");
        assertEquals("hunter-key", key);
        assertTrue(calls.getFirst().startsWith("AmazonSSM.GetParameter"), calls.toString());
    }

    @Test
    void aSecretNobodyConfiguredIsAbsentAndRequiredFailsAtInit() {
        assertEquals(Optional.empty(), aws().optional("PDL_API_KEY"));
        var e = assertThrows(IllegalStateException.class, () -> aws().required("LEADBASE_CURSOR_SECRET"));
        assertTrue(e.getMessage().contains("LEADBASE_CURSOR_SECRET_ARN"), e.getMessage());
    }

    @Test
    void anAwsErrorNamesItsTypeAndNeverAValue() {
        var e = assertThrows(IllegalStateException.class,
                () -> aws("PDL_API_KEY_PARAMETER", "/leadbase/missing").optional("PDL_API_KEY"));
        assertTrue(e.getMessage().contains("ParameterNotFound"), e.getMessage());
    }
}
