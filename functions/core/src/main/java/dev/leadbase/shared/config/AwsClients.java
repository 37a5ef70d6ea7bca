package dev.leadbase.shared.config;

import dev.leadbase.shared.config.Env;
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
 * SDK clients, built once per container with the lightest HTTP client. The local runtime and
 * tests install their own clients (DynamoDB Local, ElasticMQ) before any handler is constructed.
 */
public final class AwsClients {
    private static volatile DynamoDbClient dynamo;
    private static volatile SqsClient sqs;

    private AwsClients() {
    }

    public static synchronized void install(DynamoDbClient dynamoClient, SqsClient sqsClient) {
        dynamo = dynamoClient;
        sqs = sqsClient;
    }

    public static DynamoDbClient dynamo() {
        DynamoDbClient client = dynamo;
        if (client == null) {
            synchronized (AwsClients.class) {
                if (dynamo == null) {
                    var builder = DynamoDbClient.builder()
                            .httpClient(UrlConnectionHttpClient.create())
                            .overrideConfiguration(ClientOverrideConfiguration.builder().build());
                    configure(builder, Env.optional("LEADBASE_DYNAMODB_ENDPOINT"));
                    dynamo = builder.build();
                }
                client = dynamo;
            }
        }
        return client;
    }

    public static SqsClient sqs() {
        SqsClient client = sqs;
        if (client == null) {
            synchronized (AwsClients.class) {
                if (sqs == null) {
                    var builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
                    configure(builder, Env.optional("LEADBASE_SQS_ENDPOINT"));
                    sqs = builder.build();
                }
                client = sqs;
            }
        }
        return client;
    }

    private static void configure(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, ?> builder,
                                  Optional<String> endpoint) {
        builder.region(Region.of(Env.get("AWS_REGION", "us-east-1")));
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
