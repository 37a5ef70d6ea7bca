package dev.leadbase.shared.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.leadbase.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Reads one secret value from AWS Secrets Manager ({@code GetSecretValue}) or SSM Parameter Store
 * ({@code GetParameter} with decryption). Both are one signed JSON call, made here with the SDK's
 * SigV4 signer and the URL-connection client the functions already carry, so the deployable jars
 * gain no service module (the SSM one alone is 6 MB).
 */
public final class AwsSecrets {
    private static final JsonFactory JSON = new JsonFactory();

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final Map<String, String> endpoints;

    public AwsSecrets(SdkHttpClient http, AwsCredentialsProvider credentials, String region, Map<String, String> endpoints) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoints = Map.copyOf(endpoints);
    }

    /** The function's own: Lambda's credentials and region; endpoints overridable for tests. */
    public static AwsSecrets fromConfig(Config config) {
        Map<String, String> endpoints = new java.util.HashMap<>();
        config.optional("LEADBASE_SECRETSMANAGER_ENDPOINT").ifPresent(e -> endpoints.put("secretsmanager", e));
        config.optional("LEADBASE_SSM_ENDPOINT").ifPresent(e -> endpoints.put("ssm", e));
        return new AwsSecrets(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5)).build(), () -> lambdaCredentials(config),
                config.get("AWS_REGION", "us-east-1"), endpoints);
    }

    /**
     * The function's credentials: the access key variables Lambda sets (read from its configuration, as all
     * configuration), or, where they are absent (SnapStart functions), the container credentials endpoint Lambda
     * provides instead.
     */
    static AwsCredentials lambdaCredentials(Config config) {
        Optional<String> id = config.optional("AWS_ACCESS_KEY_ID");
        if (id.isEmpty()) {
            return Container.PROVIDER.resolveCredentials();
        }
        String secret = config.required("AWS_SECRET_ACCESS_KEY");
        return config.optional("AWS_SESSION_TOKEN").<AwsCredentials>map(t -> AwsSessionCredentials.create(id.get(), secret, t))
                .orElseGet(() -> AwsBasicCredentials.create(id.get(), secret));
    }

    private static final class Container {
        static final ContainerCredentialsProvider PROVIDER = ContainerCredentialsProvider.builder().build();
    }

    /** The {@code SecretString} of a Secrets Manager secret, by ARN or name. */
    public String secretString(String secretId) {
        return call("secretsmanager", "secretsmanager.GetSecretValue", Map.of("SecretId", secretId),
                List.of("SecretString"));
    }

    /** The decrypted value of an SSM parameter (a SecureString or a String), by name or ARN. */
    public String parameter(String name) {
        return call("ssm", "AmazonSSM.GetParameter", Map.of("Name", name, "WithDecryption", true),
                List.of("Parameter", "Value"));
    }

    private String call(String service, String target, Map<String, Object> request, List<String> path) {
        String body = Json.write(request);
        String endpoint = endpoints.getOrDefault(service, "https://" + service + "." + region + ".amazonaws.com");
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(endpoint))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            String text;
            try (InputStream in = response.responseBody().orElseThrow(() -> new IOException("empty response"))) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = response.httpResponse().statusCode();
            if (status != 200) {
                // the error body names the error type (e.g. ParameterNotFound, AccessDeniedException), never the value
                throw new IllegalStateException(target + " failed with HTTP " + status + ": " + errorType(text));
            }
            String value = find(text, path);
            if (value == null) {
                throw new IllegalStateException(target + " answered without " + String.join(".", path));
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(target + " failed", e);
        }
    }

    /** The string at {@code path} (object keys) in a JSON document, without building a tree. */
    static String find(String json, List<String> path) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int depth = 0;
            while (p.nextToken() != null) {
                JsonToken t = p.currentToken();
                if (t == JsonToken.END_OBJECT) {
                    return null;
                }
                if (t != JsonToken.FIELD_NAME) {
                    continue;
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(path.get(depth))) {
                    if (depth == path.size() - 1) {
                        return value == JsonToken.VALUE_STRING ? p.getText() : null;
                    }
                    if (value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    depth++;
                } else if (value.isStructStart()) {
                    p.skipChildren();
                }
            }
            return null;
        }
    }

    private static String errorType(String body) {
        try {
            String type = find(body, List.of("__type"));
            return type == null ? "unknown error" : type;
        } catch (IOException e) {
            return "unreadable error";
        }
    }
}
