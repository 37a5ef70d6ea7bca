package dev.leadbase.local;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB and SQS served by something outside this JVM (LocalStack, say) instead of DynamoDB Local and
 * ElasticMQ: the runtime creates the template's tables and queues there and points every function at it.
 *
 * @param dynamoEndpoint DynamoDB (and DynamoDB Streams) endpoint, e.g. {@code http://127.0.0.1:4566}
 * @param sqsEndpoint    SQS endpoint
 * @param region         signing region
 * @param accessKey      access key id
 * @param secretKey      secret access key
 */
public record ExternalBackends(URI dynamoEndpoint, URI sqsEndpoint, String region, String accessKey,
                               String secretKey) {
    public ExternalBackends {
        Objects.requireNonNull(dynamoEndpoint, "dynamoEndpoint");
        Objects.requireNonNull(sqsEndpoint, "sqsEndpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    DynamoDbClient dynamoClient() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(dynamoEndpoint)
                .region(Region.of(region)).credentialsProvider(credentials()).build();
    }

    DynamoDbStreamsClient streamsClient() {
        return DynamoDbStreamsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(dynamoEndpoint).region(Region.of(region)).credentialsProvider(credentials()).build();
    }

    SqsClient sqsClient() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(sqsEndpoint)
                .region(Region.of(region)).credentialsProvider(credentials()).build();
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
