package dev.leadbase.local.aws;

import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS-semantics mode: wraps the clients of DynamoDB Local, its streams and ElasticMQ so that the functions see
 * what DynamoDB, SQS and Lambda may do on AWS (see {@link AwsSemantics}); one random seed drives every choice.
 */
public record AwsSemanticsMode(DynamoDbClient dynamo, DynamoDbStreamsClient streams, SqsClient sqs) {
    private static final Logger LOG = Logger.getLogger(AwsSemanticsMode.class.getName());

    public static AwsSemanticsMode wrap(AwsSemantics settings, DynamoDbClient dynamo, DynamoDbStreamsClient streams,
                                        SqsClient sqs) {
        Dice dice = new Dice(settings.seed());
        SdkRetries retries = SdkRetries.dynamoDefaults();
        LOG.info(() -> "AWS semantics on: " + settings + " (replay with " + AwsSemantics.ENV + "=" + settings
                + "); throttled DynamoDB calls get the SDK's retry policy, " + retries.maxAttempts() + " attempts");
        return new AwsSemanticsMode(EventualDynamo.around(dynamo, settings, dice, retries),
                LaggingStreams.around(streams, settings, dice), UnorderedSqs.around(sqs, settings, dice));
    }
}
