package dev.leadbase.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
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
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Local embedded in this JVM (no network listener), with the template's tables. */
final class LocalDynamo implements AutoCloseable {
    private static final Logger SDK_V1_LOG = Logger.getLogger("com.amazonaws");
    private static final Logger LOG = Logger.getLogger(LocalDynamo.class.getName());

    private final AmazonDynamoDBLocal embedded;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streams;
    private final Map<String, String> streamArns = new ConcurrentHashMap<>();

    LocalDynamo(Path dataDir) {
        // the embedded AWS SDK v1 warns about JAXB through java.util.logging; it is harmless
        SDK_V1_LOG.setLevel(java.util.logging.Level.SEVERE);
        if (dataDir == null) {
            // the flag disables telemetry, which would otherwise call AWS Pinpoint
            embedded = DynamoDBEmbedded.create(Boolean.TRUE);
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot create data dir " + dataDir, e);
            }
            embedded = DynamoDBEmbedded.create(dataDir.toFile(), Boolean.TRUE);
        }
        client = embedded.dynamoDbClient();
        streams = embedded.dynamoDbStreamsClient();
    }

    DynamoDbClient client() {
        return client;
    }

    DynamoDbStreamsClient streams() {
        return streams;
    }

    String streamArn(String tableLogicalId) {
        return streamArns.get(tableLogicalId);
    }

    /** Creates every table as declared; tables already present (reused data dir) are kept as they are. */
    void createTables(Template template, Resolver resolver) {
        Set<String> existing = new HashSet<>(client.listTables().tableNames());
        for (Template.Table table : template.tables().values()) {
            String name = table.logicalId();
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) resolver.resolve(table.properties());
            if (!existing.contains(name)) {
                client.createTable(createRequest(name, props));
                ttl(name, map(props.get("TimeToLiveSpecification")));
            }
            String arn = client.describeTable(r -> r.tableName(name)).table().latestStreamArn();
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
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (Object raw : list(props.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> index = map(raw);
            gsis.add(GlobalSecondaryIndex.builder()
                    .indexName(str(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(projection(index.get("Projection"))).build());
        }
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = new ArrayList<>();
        for (Object raw : list(props.get("LocalSecondaryIndexes"))) {
            Map<String, Object> index = map(raw);
            lsis.add(LocalSecondaryIndex.builder()
                    .indexName(str(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(projection(index.get("Projection"))).build());
        }
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

    private void ttl(String table, Map<String, Object> spec) {
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

    @Override
    public void close() {
        try {
            embedded.shutdownNow();
        } catch (RuntimeException e) {
            LOG.fine(() -> "DynamoDB Local shutdown: " + e.getMessage());
        }
    }

    static String tableArn(String name) {
        return Resolver.tableArn(name);
    }
}
