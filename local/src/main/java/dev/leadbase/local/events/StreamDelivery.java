package dev.leadbase.local.events;

import dev.leadbase.local.Pause;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import dev.leadbase.shared.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Hands a stream batch to its function as Lambda's event source mapping does. A failing batch is retried with
 * backoff (from the first reported failure when the handler returns batchItemFailures), then narrowed down to the
 * failing record (as BisectBatchOnFunctionError does), which alone is skipped and reported to the OnFailure queue.
 */
final class StreamDelivery {
    private static final Logger LOG = Logger.getLogger(StreamDelivery.class.getName());
    private static final int MAX_ATTEMPTS = 4;

    private final LocalFunction function;
    private final Template.StreamEvent source;
    private final String streamArn;
    private final Consumer<String> onFailure;
    private final BooleanSupplier running;

    /** {@code running} turns false when the poller closes: delivery then stops retrying. */
    StreamDelivery(LocalFunction function, Template.StreamEvent source, String streamArn, Consumer<String> onFailure,
                   BooleanSupplier running) {
        this.function = function;
        this.source = source;
        this.streamArn = streamArn;
        this.onFailure = onFailure;
        this.running = running;
    }

    /** Invokes the function with {@code batch}, retrying, narrowing down and giving up as described above. */
    void deliver(String shardId, List<Record> batch) {
        List<Record> pending = batch;
        boolean reported = false;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && running.getAsBoolean(); attempt++) {
            DynamodbEvent event = StreamPoller.toEvent(pending, streamArn);
            try {
                Object result = function.invoke(event);
                int failedFrom = firstFailure(result, pending);
                if (failedFrom < 0) {
                    return;
                }
                pending = pending.subList(failedFrom, pending.size());
                reported = true;
                LOG.warning(function.name() + " reported stream item failures; retrying from "
                        + pending.get(0).dynamodb().sequenceNumber());
            } catch (RuntimeException | Error e) {
                reported = false;
                LOG.log(Level.WARNING, function.name() + " failed on a stream batch (attempt " + attempt + ")", e);
            }
            Pause.sleep(200L << (attempt - 1));
        }
        if (!running.getAsBoolean()) {
            return;
        }
        if (pending.size() > 1) {
            // as Lambda's BisectBatchOnFunctionError: narrow down to the failing record, so its batch mates still run
            if (reported) {
                giveUp(shardId, pending.subList(0, 1));
                deliver(shardId, pending.subList(1, pending.size()));
            } else {
                int half = pending.size() / 2;
                deliver(shardId, pending.subList(0, half));
                deliver(shardId, pending.subList(half, pending.size()));
            }
            return;
        }
        giveUp(shardId, pending);
    }

    private void giveUp(String shardId, List<Record> records) {
        LOG.severe(function.name() + " gave up on " + records.size() + " stream record(s) after "
                + MAX_ATTEMPTS + " attempts; skipping them" + (onFailure == null ? "" : " (sent to its OnFailure queue)"));
        if (onFailure != null) {
            onFailure.accept(failureRecord(shardId, records));
        }
    }

    /** What Lambda sends an OnFailure destination for a stream batch: where the records are, not the records. */
    private String failureRecord(String shardId, List<Record> batch) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("shardId", shardId);
        info.put("startSequenceNumber", batch.getFirst().dynamodb().sequenceNumber());
        info.put("endSequenceNumber", batch.getLast().dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", String.valueOf(batch.getFirst().dynamodb().approximateCreationDateTime()));
        info.put("approximateArrivalOfLastRecord", String.valueOf(batch.getLast().dynamodb().approximateCreationDateTime()));
        info.put("batchSize", batch.size());
        info.put("streamArn", streamArn);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestContext", Map.of("requestId", UUID.randomUUID().toString(), "functionArn",
                "arn:aws:lambda:" + Resolver.REGION + ":000000000000:function:" + function.name(),
                "condition", "RetryAttemptsExhausted", "approximateInvokeCount", MAX_ATTEMPTS));
        body.put("responseContext", Map.of("statusCode", 200, "executedVersion", "$LATEST", "functionError", "Unhandled"));
        body.put("version", "1.0");
        body.put("timestamp", Instant.now().toString());
        body.put("DDBStreamBatchInfo", info);
        return Json.write(body);
    }

    /** Index of the first failed record reported by the handler, or -1 when the batch succeeded. */
    private int firstFailure(Object result, List<Record> batch) {
        if (!(result instanceof StreamsEventResponse response) || response.getBatchItemFailures() == null
                || response.getBatchItemFailures().isEmpty()) {
            return -1;
        }
        if (!source.reportBatchItemFailures()) {
            LOG.warning(function.name() + " returned batchItemFailures but event " + source.name()
                    + " lacks FunctionResponseTypes: [ReportBatchItemFailures]; AWS ignores them");
            return -1;
        }
        int first = Integer.MAX_VALUE;
        for (var failure : response.getBatchItemFailures()) {
            int index = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).dynamodb().sequenceNumber().equals(failure.getItemIdentifier())) {
                    index = i;
                }
            }
            // an unknown identifier fails the whole batch, as in Lambda
            first = Math.min(first, index < 0 ? 0 : index);
        }
        return first;
    }
}
