package dev.leadbase.local;

import com.almworks.sqlite4java.SQLiteConnection;
import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local embedded in this JVM (no network listener); {@link TemplateTables} creates the tables. With a data
 * directory its tables live in the SQLite file {@value #DB_FILE} there.
 */
final class LocalDynamo implements AutoCloseable {
    private static final Logger SDK_V1_LOG = Logger.getLogger("com.amazonaws");
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");
    private static final Logger LOG = Logger.getLogger(LocalDynamo.class.getName());
    static final String DB_FILE = "dynamodb.db";

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
            // the embedded API takes the database file itself (the server's -dbPath is a folder)
            File file = dataDir.resolve(DB_FILE).toFile();
            useWriteAheadLog(file);
            embedded = DynamoDBEmbedded.create(file, Boolean.TRUE);
        }
        client = embedded.dynamoDbClient();
        // its records' times as DynamoDB gives them (seconds), not as DynamoDB Local does
        streams = dev.leadbase.local.aws.StreamRecordTimes.around(embedded.dynamoDbStreamsClient());
    }

    /**
     * Puts the database in WAL mode, which SQLite keeps in the file: a commit then costs one fsync instead of the
     * rollback journal's several, and writes run several times faster. Every commit is still on disk when
     * DynamoDB Local answers.
     */
    private static void useWriteAheadLog(File file) {
        try {
            SQLiteLibraryLoader.initialize();
            // sqlite4java logs every open at INFO; DynamoDB Local quiets it the same way
            SQLITE_LOG.setLevel(java.util.logging.Level.WARNING);
            SQLiteConnection connection = new SQLiteConnection(file);
            try {
                connection.open(true);
                connection.exec("PRAGMA journal_mode=WAL");
            } finally {
                connection.dispose();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open the DynamoDB Local database " + file, e);
        }
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
