package dev.leadbase.changes.edge;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.leadbase.changes.domain.SourceRecord;
import java.time.Instant;

/** A DynamoDB stream record as the source of change events: its stream, sequence number, event name and time. */
public final class SourceRecords {
    private SourceRecords() {
    }

    /** An unknown event name or a record without its sequence number is an IllegalArgumentException. */
    public static SourceRecord of(DynamodbEvent.DynamodbStreamRecord record) {
        var change = record.getDynamodb();
        if (change == null || change.getSequenceNumber() == null) {
            throw new IllegalArgumentException("A stream record without its sequence number");
        }
        SourceRecord.Kind kind = SourceRecord.Kind.valueOf(String.valueOf(record.getEventName()));
        // the record's time is to the second on AWS; a record without one is handled now
        Instant at = change.getApproximateCreationDateTime() == null ? Instant.now()
                : change.getApproximateCreationDateTime().toInstant();
        return new SourceRecord(String.valueOf(record.getEventSourceARN()), change.getSequenceNumber(), kind, at);
    }
}
