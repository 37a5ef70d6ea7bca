package dev.leadbase.changes.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.changes.app.FeedWriter;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.composition.ChangesWiring;
import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.BatchFailures;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.shared.logging.JsonLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ChangesQueue (FIFO) consumer, the feed's writer: places each batch's events in their partitions and fans them out.
 * A message group (a feed partition) must keep its order, so once one of its messages fails, every later message of
 * that group in the batch is reported failed too (and none of them is placed): SQS hands them over again in order.
 * A message that fails on every receive lands in ChangesDLQ after maxReceiveCount, and the group goes on after it.
 * A message holding no readable event could never succeed: it is kept in ChangesDLQ at once (logged with its message
 * id) instead of holding up its partition for all its receives.
 */
public final class ChangesWorker extends UseCaseHandler<FeedWriter> implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final String FAILED = "change failed";

    public ChangesWorker() {
        this(Components.fromEnvironment());
    }

    public ChangesWorker(Components components) {
        this(new ChangesWiring(components).feedWriter());
    }

    public ChangesWorker(FeedWriter writer) {
        super(writer);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        BatchFailures failures = new BatchFailures();
        Set<String> stopped = new HashSet<>();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        List<ChangeEvent> events = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String group = group(message);
            if (stopped.contains(group)) {
                failures.report(message.getMessageId());
                continue;
            }
            ChangeEvent change;
            try {
                change = useCase.read(message.getBody());
            } catch (IllegalArgumentException unreadable) {
                keepUnreadable(message, group, unreadable, failures, stopped);
                continue;
            }
            messages.add(message);
            events.add(change);
        }
        List<RuntimeException> outcomes = useCase.place(events);
        int placed = 0;
        for (int i = 0; i < messages.size(); i++) {
            SQSEvent.SQSMessage message = messages.get(i);
            String group = group(message);
            if (outcomes.get(i) != null) {
                failures.fail(message.getMessageId(), FAILED, outcomes.get(i));
                stopped.add(group);
            } else if (stopped.contains(group)) {
                failures.report(message.getMessageId());
            } else {
                placed++;
            }
        }
        JsonLog.info("changes placed", Map.of("messages", event.getRecords().size(), "placed", placed));
        return failures.response();
    }

    private void keepUnreadable(SQSEvent.SQSMessage message, String group, IllegalArgumentException why,
                                BatchFailures failures, Set<String> stopped) {
        try {
            useCase.keepUnreadable(message.getMessageId(), group, message.getBody());
            JsonLog.error("unreadable change message kept in ChangesDLQ",
                    Map.of("messageId", message.getMessageId(), "messageGroupId", group), why);
        } catch (RuntimeException e) {
            failures.fail(message.getMessageId(), FAILED, e);
            stopped.add(group);
        }
    }

    /** The message's group (its feed partition), as SQS gives it. */
    private static String group(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String group = attributes == null ? null : attributes.get("MessageGroupId");
        return group == null ? "" : group;
    }
}
