package dev.leadbase.shared.dynamo;

import dev.leadbase.shared.paging.InvalidCursor;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Queries that may resume at a key built from a client's cursor. The key is built from a checked
 * cursor, so DynamoDB should never refuse it; if it does, the cursor is at fault (400 naming
 * {@code cursor}), not the server.
 */
public final class Resume {
    private static final String VALIDATION = "ValidationException";

    private Resume() {
    }

    public static QueryResponse query(DynamoDbClient dynamo, QueryRequest request) {
        try {
            return dynamo.query(request);
        } catch (DynamoDbException e) {
            if (request.hasExclusiveStartKey() && e.awsErrorDetails() != null
                    && VALIDATION.equals(e.awsErrorDetails().errorCode())) {
                throw InvalidCursor.error();
            }
            throw e;
        }
    }

    public static QueryResponse query(DynamoDbClient dynamo, Consumer<QueryRequest.Builder> request) {
        QueryRequest.Builder builder = QueryRequest.builder();
        request.accept(builder);
        return query(dynamo, builder.build());
    }
}
