package dev.leadbase.local.aws;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** The throttling errors DynamoDB answers with, drawn at the configured rate, and the error details they carry. */
final class Faults {
    private final AwsSemantics settings;
    private final Dice dice;

    Faults(AwsSemantics settings, Dice dice) {
        this.settings = settings;
        this.dice = dice;
    }

    /** Throws a throttling error for {@code operation} at the configured rate. */
    void throttle(String operation) {
        if (!dice.chance(settings.throttleRate(), "throttle|" + operation)) {
            return;
        }
        if (operation.startsWith("Transact")) {
            throw DynamoDbException.builder().message("Throughput exceeds the current capacity for one or more global secondary indexes")
                    .awsErrorDetails(error("ThrottlingException", "Rate of requests exceeds the allowed throughput."))
                    .statusCode(400).build();
        }
        throw ProvisionedThroughputExceededException.builder()
                .message("The level of configured provisioned throughput for the table was exceeded")
                .awsErrorDetails(error("ProvisionedThroughputExceededException",
                        "The level of configured provisioned throughput for the table was exceeded"))
                .statusCode(400).build();
    }

    static AwsErrorDetails error(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb").build();
    }
}
