package dev.leadbase.local;

import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/** The template's tables (keys, indexes, streams, TTL) on any DynamoDB endpoint: DynamoDB Local or LocalStack. */
final class TemplateTables {
    private static final Logger LOG = Logger.getLogger(TemplateTables.class.getName());

    private final Map<String, String> streamArns = new ConcurrentHashMap<>();

    String streamArn(String tableLogicalId) {
        return streamArns.get(tableLogicalId);
    }

    /**
     * Creates every table on {@code client} as declared, named by its logical id; tables already present
     * (a reused data directory) are kept as they are.
     */
    void create(DynamoDbClient client, Template template, Resolver resolver) {
        Set<String> existing = new HashSet<>(client.listTables().tableNames());
        for (Template.Table table : template.tables().values()) {
            String name = table.logicalId();
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) resolver.resolve(table.properties());
            String arn;
            if (existing.contains(name)) {
                arn = client.describeTable(r -> r.tableName(name)).table().latestStreamArn();
            } else {
                // the create response already carries the stream ARN: no DescribeTable round trip
                arn = client.createTable(createRequest(name, props)).tableDescription().latestStreamArn();
                ttl(client, name, map(props.get("TimeToLiveSpecification")));
            }
            if (arn != null) {
                streamArns.put(name, arn);
            }
        }
    }

    private static CreateTableRequest createRequest(String name, Map<String, Object> props) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(props.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(str(map(a).get("AttributeName")))
                                .attributeType(str(map(a).get("AttributeType"))).build())
                        .toList())
                .keySchema(keySchema(props.get("KeySchema")));
        List<GlobalSecondaryIndex> gsis = indexes(props.get("GlobalSecondaryIndexes"), (indexName, keys, projection) ->
                GlobalSecondaryIndex.builder().indexName(indexName).keySchema(keys).projection(projection).build());
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = indexes(props.get("LocalSecondaryIndexes"), (indexName, keys, projection) ->
                LocalSecondaryIndex.builder().indexName(indexName).keySchema(keys).projection(projection).build());
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis);
        }
        Map<String, Object> stream = map(props.get("StreamSpecification"));
        if (stream.get("StreamViewType") != null) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true).streamViewType(str(stream.get("StreamViewType"))).build());
        }
        return request.build();
    }

    private static void ttl(DynamoDbClient client, String table, Map<String, Object> spec) {
        if (spec.get("AttributeName") == null || !Boolean.parseBoolean(str(spec.getOrDefault("Enabled", "true")))) {
            return;
        }
        try {
            // DynamoDB Local accepts the setting but does not delete expired items
            client.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(
                    t -> t.attributeName(str(spec.get("AttributeName"))).enabled(true)));
        } catch (RuntimeException e) {
            LOG.fine(() -> "TTL not applied on " + table + ": " + e.getMessage());
        }
    }

    /** An index of the template, as the SDK's global or local index type. */
    @FunctionalInterface
    private interface IndexType<T> {
        T of(String name, List<KeySchemaElement> keys, Projection projection);
    }

    private static <T> List<T> indexes(Object raw, IndexType<T> type) {
        List<T> out = new ArrayList<>();
        for (Object item : list(raw)) {
            Map<String, Object> index = map(item);
            out.add(type.of(str(index.get("IndexName")), keySchema(index.get("KeySchema")), projection(index.get("Projection"))));
        }
        return out;
    }

    private static List<KeySchemaElement> keySchema(Object raw) {
        return list(raw).stream().map(k -> KeySchemaElement.builder()
                .attributeName(str(map(k).get("AttributeName")))
                .keyType(str(map(k).get("KeyType"))).build()).toList();
    }

    private static Projection projection(Object raw) {
        Map<String, Object> p = map(raw);
        Projection.Builder projection = Projection.builder()
                .projectionType(str(p.getOrDefault("ProjectionType", "ALL")));
        List<Object> nonKey = list(p.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) {
            projection.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return projection.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
