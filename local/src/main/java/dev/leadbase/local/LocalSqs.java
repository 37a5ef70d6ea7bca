package dev.leadbase.local;

import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ in this JVM, listening on 127.0.0.1 only, with the template's queues. */
final class LocalSqs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalSqs.class.getName());
    private static final List<String> PASSED_ATTRIBUTES = List.of("VisibilityTimeout", "MessageRetentionPeriod",
            "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize", "FifoQueue",
            "ContentBasedDeduplication");

    private final SQSRestServer server;
    private final SqsClient client;
    private final String endpoint;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    LocalSqs() {
        int port = freePort();
        endpoint = "http://127.0.0.1:" + port;
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(Resolver.REGION)
                .withAWSAccountId(Resolver.ACCOUNT)
                .start();
        server.waitUntilStarted();
        client = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(Resolver.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    SqsClient client() {
        return client;
    }

    String endpoint() {
        return endpoint;
    }

    String queueUrl(String logicalId) {
        return queueUrls.get(logicalId);
    }

    /** Creates every queue, dead-letter queues first so redrive policies can point at them. */
    void createQueues(Template template, Resolver resolver) {
        Map<String, Template.Queue> pending = new LinkedHashMap<>(template.queues());
        while (!pending.isEmpty()) {
            List<String> ready = new ArrayList<>();
            pending.forEach((id, queue) -> {
                String dlq = queue.deadLetterQueue().orElse(null);
                if (dlq == null || !pending.containsKey(dlq) || dlq.equals(id)) {
                    ready.add(id);
                }
            });
            if (ready.isEmpty()) {
                throw new IllegalStateException("Cyclic redrive policies among " + pending.keySet());
            }
            for (String id : ready) {
                create(pending.remove(id), resolver);
            }
        }
    }

    private void create(Template.Queue queue, Resolver resolver) {
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) resolver.resolve(queue.properties());
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        for (String name : PASSED_ATTRIBUTES) {
            if (props.get(name) != null) {
                attributes.put(QueueAttributeName.fromValue(name), String.valueOf(props.get(name)));
            }
        }
        Object redrive = props.get("RedrivePolicy");
        if (redrive instanceof Map<?, ?> policy) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY, LambdaJson.write(Map.of(
                    "deadLetterTargetArn", String.valueOf(policy.get("deadLetterTargetArn")),
                    "maxReceiveCount", String.valueOf(policy.get("maxReceiveCount")))));
        } else if (redrive != null) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY, String.valueOf(redrive));
        }
        String url = client.createQueue(r -> r.queueName(queue.queueName()).attributes(attributes)).queueUrl();
        queueUrls.put(queue.logicalId(), url);
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
        } catch (RuntimeException e) {
            LOG.fine(() -> "ElasticMQ shutdown: " + e.getMessage());
        }
    }
}
