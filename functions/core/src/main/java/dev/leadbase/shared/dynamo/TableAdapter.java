package dev.leadbase.shared.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The base of an adapter over one DynamoDB table: the client it is given, and the table's name from the template. */
public abstract class TableAdapter {
    protected final DynamoDbClient dynamo;
    protected final String table;

    protected TableAdapter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }
}
