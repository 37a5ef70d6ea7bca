package dev.leadbase.local.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * An SQS client over ElasticMQ that delivers as a standard queue may: at least once and in no set order. A share of
 * received messages is received again a moment later (a copy whose receipt handle deletes nothing), a share is held
 * back and received after later messages, and each batch comes shuffled. Held and copied messages count as in
 * flight in the queue's attributes. FIFO queues ({@code .fifo}) are left as they are: SQS delivers a message group
 * in order and once per receive, which is what their consumers rely on.
 */
final class UnorderedSqs implements InvocationHandler {
    private static final String COPY = "leadbase-copy:";
    private static final long HOLD_MS = 1000;

    private record Held(Message message, long dueAt) {
    }

    private final SqsClient delegate;
    private final AwsSemantics settings;
    private final Dice dice;
    private final Map<String, List<Held>> held = new HashMap<>();

    private UnorderedSqs(SqsClient delegate, AwsSemantics settings, Dice dice) {
        this.delegate = delegate;
        this.settings = settings;
        this.dice = dice;
    }

    static SqsClient around(SqsClient delegate, AwsSemantics settings, Dice dice) {
        return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                new UnorderedSqs(delegate, settings, dice));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null && args.length == 1) {
            switch (args[0]) {
                // a FIFO queue keeps the order of each message group and delivers each message once within it
                case ReceiveMessageRequest r when r.queueUrl().endsWith(".fifo") -> {
                    return Delegation.passOn(proxy, method, args, delegate);
                }
                case ReceiveMessageRequest r -> {
                    return receive(r);
                }
                case DeleteMessageRequest r when r.receiptHandle().startsWith(COPY) -> {
                    return DeleteMessageResponse.builder().build();
                }
                case DeleteMessageBatchRequest r -> {
                    return deleteBatch(r);
                }
                case ChangeMessageVisibilityRequest r when r.receiptHandle().startsWith(COPY) -> {
                    return ChangeMessageVisibilityResponse.builder().build();
                }
                case GetQueueAttributesRequest r -> {
                    return attributes(r);
                }
                default -> {
                }
            }
        }
        return Delegation.passOn(proxy, method, args, delegate);
    }

    private ReceiveMessageResponse receive(ReceiveMessageRequest r) {
        String queue = r.queueUrl();
        int max = r.maxNumberOfMessages() == null ? 1 : r.maxNumberOfMessages();
        List<Message> out = new ArrayList<>(due(queue, max));
        ReceiveMessageResponse response = out.size() >= max ? ReceiveMessageResponse.builder().build()
                : delegate.receiveMessage(r.toBuilder().maxNumberOfMessages(max - out.size())
                        .waitTimeSeconds(out.isEmpty() ? r.waitTimeSeconds() : Integer.valueOf(0)).build());
        for (Message m : response.messages()) {
            String name = queue + "|" + m.messageId();
            if (dice.chance(settings.duplicateRate(), "duplicate|" + name)) {
                hold(queue, m.toBuilder().receiptHandle(COPY + UUID.randomUUID()).build(), name);
            }
            if (dice.chance(settings.delayRate(), "delay|" + name)) {
                hold(queue, m, name);
            } else {
                out.add(m);
            }
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = (int) dice.upTo(i, "shuffle|" + queue);
            Message t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return response.toBuilder().messages(out).build();
    }

    private void hold(String queue, Message message, String name) {
        long due = System.currentTimeMillis() + 50 + dice.upTo(HOLD_MS, "holdFor|" + name);
        synchronized (held) {
            held.computeIfAbsent(queue, q -> new ArrayList<>()).add(new Held(message, due));
        }
    }

    private List<Message> due(String queue, int max) {
        List<Message> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        synchronized (held) {
            List<Held> waiting = held.getOrDefault(queue, List.of());
            for (Iterator<Held> it = waiting.iterator(); it.hasNext() && out.size() < max; ) {
                Held h = it.next();
                if (h.dueAt() <= now) {
                    out.add(h.message());
                    it.remove();
                }
            }
        }
        return out;
    }

    private DeleteMessageBatchResponse deleteBatch(DeleteMessageBatchRequest r) {
        List<DeleteMessageBatchRequestEntry> real = new ArrayList<>();
        List<DeleteMessageBatchResultEntry> copies = new ArrayList<>();
        for (DeleteMessageBatchRequestEntry e : r.entries()) {
            if (e.receiptHandle().startsWith(COPY)) {
                copies.add(DeleteMessageBatchResultEntry.builder().id(e.id()).build());
            } else {
                real.add(e);
            }
        }
        if (real.isEmpty()) {
            return DeleteMessageBatchResponse.builder().successful(copies).build();
        }
        DeleteMessageBatchResponse response = delegate.deleteMessageBatch(r.toBuilder().entries(real).build());
        List<DeleteMessageBatchResultEntry> successful = new ArrayList<>(response.successful());
        successful.addAll(copies);
        return response.toBuilder().successful(successful).build();
    }

    private GetQueueAttributesResponse attributes(GetQueueAttributesRequest r) {
        GetQueueAttributesResponse response = delegate.getQueueAttributes(r);
        int waiting;
        synchronized (held) {
            waiting = held.getOrDefault(r.queueUrl(), List.of()).size();
        }
        String inFlight = response.attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        if (waiting == 0 || inFlight == null) {
            return response;
        }
        Map<QueueAttributeName, String> attributes = new HashMap<>(response.attributes());
        attributes.put(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                String.valueOf(Long.parseLong(inFlight) + waiting));
        return response.toBuilder().attributes(attributes).build();
    }
}
