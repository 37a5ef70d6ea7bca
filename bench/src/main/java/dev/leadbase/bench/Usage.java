package dev.leadbase.bench;

/**
 * What one operation used: request units, handler seconds at a memory size, and requests to other services; priced
 * at us-east-1 list prices. {@code metering} holds the DynamoDB calls behind the units.
 */
record Usage(double readUnits, double writeUnits, double lambdaSeconds, int memoryMb, double lambdaRequests,
             double httpRequests, double sqsRequests, Metering metering) {
    /** DynamoDB on-demand per request unit, Lambda arm64 per GB-second and per request. */
    private static final double READ_UNIT_USD = 0.125 / 1_000_000;
    private static final double WRITE_UNIT_USD = 0.625 / 1_000_000;
    private static final double LAMBDA_GB_SECOND_USD = 0.0000133334;
    private static final double LAMBDA_REQUEST_USD = 0.20 / 1_000_000;
    private static final double HTTP_API_REQUEST_USD = 1.00 / 1_000_000;
    private static final double SQS_REQUEST_USD = 0.40 / 1_000_000;

    /** The same usage with {@code units} read per operation (a mean over more operations than {@code metering} holds). */
    Usage withReadUnits(double units) {
        return new Usage(units, writeUnits, lambdaSeconds, memoryMb, lambdaRequests, httpRequests, sqsRequests, metering);
    }

    double dynamoUsd() {
        return readUnits * READ_UNIT_USD + writeUnits * WRITE_UNIT_USD;
    }

    double lambdaUsd() {
        return lambdaSeconds * memoryMb / 1024.0 * LAMBDA_GB_SECOND_USD + lambdaRequests * LAMBDA_REQUEST_USD;
    }

    double otherUsd() {
        return httpRequests * HTTP_API_REQUEST_USD + sqsRequests * SQS_REQUEST_USD;
    }

    double totalUsd() {
        return dynamoUsd() + lambdaUsd() + otherUsd();
    }
}
