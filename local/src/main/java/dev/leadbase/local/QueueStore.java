package dev.leadbase.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scalikejdbc.ConnectionPool;
import scalikejdbc.ConnectionPoolSettings;
import scala.util.Either;

/**
 * ElasticMQ's queues and messages kept in an H2 file ({@value #FILE}.mv.db) of the data directory. ElasticMQ answers
 * a SendMessage only once the message is in the file, so every message the functions sent survives a kill -9.
 * Messages that were in flight (received, not deleted) when the previous process died are made visible at once:
 * their consumer died with that process, and waiting out a 180 s visibility timeout would only delay them.
 */
final class QueueStore {
    static final String FILE = "queues";
    private static final Logger LOG = Logger.getLogger(QueueStore.class.getName());
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    /** ElasticMQ's SQL store writes through scalikejdbc's one default pool: one open store per JVM. */
    private static String openUri;

    private QueueStore() {
    }

    /** A queue manager holding the queues and messages of {@code dataDir}, restored before it is returned. */
    static synchronized ActorRef restore(ActorSystem system, Path dataDir) {
        // FILE_LOCK=FS: an OS lock, released by a killed process (H2's default lock file outlives it);
        // WRITE_DELAY=0: each commit goes to the file before SendMessage is answered
        String uri = "jdbc:h2:file:" + dataDir.resolve(FILE).toAbsolutePath() + ";FILE_LOCK=FS;WRITE_DELAY=0";
        if (openUri != null) {
            throw new IllegalStateException("This JVM already keeps its queues in " + openUri
                    + "; ElasticMQ's message store cannot hold two data directories at once");
        }
        openUri = uri;
        int released = releaseInFlight(uri);
        if (released > 0) {
            LOG.info(() -> released + " message(s) in flight at the last stop are visible again");
        }
        // ElasticMQ sets the default pool only on its first store in a JVM; this points it at this one
        ConnectionPoolSettings settings = ConnectionPool.singleton$default$4();
        ConnectionPool.singleton(uri, "", "", settings, ConnectionPool.singleton$default$5(uri, "", "", settings));
        SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "", "", false);
        scala.collection.immutable.List<CreateQueueMetadata> noBaseQueues = scala.collection.immutable.List$.MODULE$.empty();
        ActorRef store = system.actorOf(Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config, noBaseQueues)), "queue-store");
        ActorRef manager = system.actorOf(Props.create(QueueManagerActor.class,
                () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(store))),
                "queue-manager");
        Object result;
        try {
            result = Patterns.ask(store, new QueueEvent.Restore(manager), RESTORE_TIMEOUT).toCompletableFuture()
                    .get(RESTORE_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restoring the queues of " + dataDir, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot restore the queues of " + dataDir, e);
        }
        if (result instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException("Cannot restore the queues of " + dataDir + ": " + either.left().get());
        }
        return manager;
    }

    /** Closes the store's connections (and so its file); call it once its ElasticMQ has stopped. */
    static synchronized void close() {
        ConnectionPool.closeAll();
        openUri = null;
    }

    /** Makes every received, undeleted message of the store visible now; returns how many there were. */
    private static int releaseInFlight(String uri) {
        long now = System.currentTimeMillis();
        try (Connection connection = DriverManager.getConnection(uri, "", "")) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, null, "MESSAGE_%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            int released = 0;
            for (String table : tables) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE \"" + table.replace("\"", "\"\"")
                        + "\" SET next_delivery = ? WHERE receive_count > 0 AND next_delivery > ?")) {
                    update.setLong(1, now);
                    update.setLong(2, now);
                    released += update.executeUpdate();
                }
            }
            return released;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the queue store " + uri, e);
        }
    }
}
