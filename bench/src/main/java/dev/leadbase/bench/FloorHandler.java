package dev.leadbase.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start floor: the least a DynamoDB-backed handler can do. It builds the same SDK client as the functions
 * (URL connection HTTP client, endpoint from the environment) and answers each request with one {@code GetItem} of
 * the tenant named by {@code FLOOR_TENANT_ID}. It runs in the child JVM with the SDK of the function jar beside it.
 */
public final class FloorHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, AttributeValue> key;

    public FloorHandler() {
        dynamo = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(System.getenv("LEADBASE_DYNAMODB_ENDPOINT")))
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        table = System.getenv("TENANTS_TABLE");
        key = Map.of("tenantId", AttributeValue.fromS(System.getenv("FLOOR_TENANT_ID")));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        boolean found = dynamo.getItem(r -> r.tableName(table).key(key)).hasItem();
        return APIGatewayV2HTTPResponse.builder().withStatusCode(found ? 200 : 404).build();
    }
}
