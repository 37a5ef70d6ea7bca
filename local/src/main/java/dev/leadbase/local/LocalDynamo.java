package dev.leadbase.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Local embedded in this JVM (no network listener); {@link TemplateTables} creates the tables. */
final class LocalDynamo implements AutoCloseable {
    private static final Logger SDK_V1_LOG = Logger.getLogger("com.amazonaws");
    private static final Logger LOG = Logger.getLogger(LocalDynamo.class.getName());

    private final AmazonDynamoDBLocal embedded;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streams;

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

    @Override
    public void close() {
        try {
            embedded.shutdownNow();
        } catch (RuntimeException e) {
            LOG.fine(() -> "DynamoDB Local shutdown: " + e.getMessage());
        }
    }
}
