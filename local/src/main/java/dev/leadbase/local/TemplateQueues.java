package dev.leadbase.local;

import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's queues on any SQS endpoint: ElasticMQ or LocalStack. URLs and ARNs are the ones the
 * endpoint reports, so {@code !Ref}, {@code !GetAtt Q.Arn} and redrive policies match what it expects.
 */
final class TemplateQueues {
    private static final List<String> PASSED_ATTRIBUTES = List.of("VisibilityTimeout", "MessageRetentionPeriod",
            "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize", "FifoQueue",
            "ContentBasedDeduplication");

    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final Map<String, String> arns = new ConcurrentHashMap<>();

    /** The queue's URL, or null before it is created. */
    String url(String logicalId) {
        return urls.get(logicalId);
    }

    /** The queue's ARN as its endpoint reports it, or null before it is created. */
    String arn(String logicalId) {
        return arns.get(logicalId);
    }

    /** Creates every queue on {@code client}, dead-letter queues first so redrive policies can use their ARNs. */
    void create(SqsClient client, Template template, Resolver resolver) {
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
                create(client, pending.remove(id), resolver);
            }
        }
    }

    private void create(SqsClient client, Template.Queue queue, Resolver resolver) {
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
        String arn = client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        urls.put(queue.logicalId(), url);
        arns.put(queue.logicalId(), arn != null ? arn : Resolver.queueArn(queue.queueName()));
    }
}
