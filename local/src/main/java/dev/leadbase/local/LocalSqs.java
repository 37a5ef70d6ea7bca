package dev.leadbase.local;

import dev.leadbase.local.template.Resolver;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ in this JVM, listening on 127.0.0.1 only; {@link TemplateQueues} creates the queues. With a data
 * directory its queues and messages live there ({@link QueueStore}).
 */
final class LocalSqs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalSqs.class.getName());

    private final ActorSystem storeSystem;
    private final SQSRestServer server;
    private final SqsClient client;

    /** {@code dataDir} null: the messages live in memory only. */
    LocalSqs(Path dataDir) {
        int port = freePort();
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(Resolver.REGION)
                .withAWSAccountId(Resolver.ACCOUNT);
        if (dataDir == null) {
            storeSystem = null;
        } else {
            storeSystem = ActorSystem.create("elasticmq");
            builder = builder.withActorSystem(storeSystem).withQueueManagerActor(QueueStore.restore(storeSystem, dataDir));
        }
        server = builder.start();
        server.waitUntilStarted();
        client = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.of(Resolver.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    SqsClient client() {
        return client;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for ElasticMQ", e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
            server.stopAndWait();
            if (storeSystem != null) {
                storeSystem.terminate();
                storeSystem.getWhenTerminated().toCompletableFuture().join();
                QueueStore.close();
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "ElasticMQ shutdown: " + e.getMessage());
        }
    }
}
