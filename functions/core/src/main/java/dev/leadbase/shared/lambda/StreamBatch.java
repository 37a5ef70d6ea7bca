package dev.leadbase.shared.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.leadbase.shared.logging.JsonLog;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a DynamoDB stream batch record by record, in order, as a stream consumer with ReportBatchItemFailures must. */
public final class StreamBatch {
    private StreamBatch() {
    }

    /**
     * Runs {@code work} on each record until one throws; that record is logged as {@code failed} and reported, and
     * Lambda retries the batch from it (stream records are in order, so nothing after it may run first).
     */
    public static StreamsEventResponse inOrder(DynamodbEvent event, String failed,
                                               Consumer<DynamodbEvent.DynamodbStreamRecord> work) {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            try {
                work.accept(record);
            } catch (RuntimeException e) {
                JsonLog.error(failed, Map.of("eventId", String.valueOf(record.getEventID())), e);
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                        record.getDynamodb().getSequenceNumber())));
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
