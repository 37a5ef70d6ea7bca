package dev.leadbase.local.aws;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The retry strategy a deployed function's DynamoDB client uses (built as {@code AwsClients} builds it, so the
 * SDK resolves DynamoDB's defaults: 9 attempts, longer backoff on throttling), applied around the embedded
 * client, which has no SDK pipeline of its own. Errors the mode injects below it are retried or not exactly as
 * the SDK would retry the same errors from DynamoDB.
 */
final class SdkRetries {
    private final RetryStrategy strategy;

    private SdkRetries(RetryStrategy strategy) {
        this.strategy = strategy;
    }

    static SdkRetries dynamoDefaults() {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().build())
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            RetryStrategy strategy = client.serviceClientConfiguration().overrideConfiguration().retryStrategy()
                    .orElseThrow(() -> new IllegalStateException("The SDK resolved no retry strategy for DynamoDB"));
            return new SdkRetries(strategy);
        }
    }

    int maxAttempts() {
        return strategy.maxAttempts();
    }

    <T> T call(String scope, Supplier<T> attempt) {
        AcquireInitialTokenResponse initial = strategy.acquireInitialToken(AcquireInitialTokenRequest.create(scope));
        RetryToken token = initial.token();
        sleep(initial.delay());
        while (true) {
            try {
                T result = attempt.get();
                strategy.recordSuccess(RecordSuccessRequest.create(token));
                return result;
            } catch (SdkException e) {
                RefreshRetryTokenResponse next;
                try {
                    next = strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(e).build());
                } catch (TokenAcquisitionFailedException notRetried) {
                    throw e;
                }
                token = next.token();
                sleep(next.delay());
            }
        }
    }

    private static void sleep(Duration delay) {
        if (delay == null || delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
