package dev.leadbase.shared.config;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients of a function from its configuration, with the lightest HTTP client. Holds no state: the
 * composition root builds each client once per container and keeps it.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static DynamoDbClient dynamo(Config config) {
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().build());
        configure(builder, config, config.optional("LEADBASE_DYNAMODB_ENDPOINT"));
        return builder.build();
    }

    public static SqsClient sqs(Config config) {
        var builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        configure(builder, config, config.optional("LEADBASE_SQS_ENDPOINT"));
        return builder.build();
    }

    private static void configure(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, ?> builder,
                                  Config config, Optional<String> endpoint) {
        builder.region(Region.of(config.get("AWS_REGION", "us-east-1")));
        if (endpoint.isPresent()) {
            builder.endpointOverride(URI.create(endpoint.get()));
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            // SnapStart functions get no key variables: Lambda serves their credentials from a container endpoint
            builder.credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                    ContainerCredentialsProvider.builder().build()));
        }
    }
}
