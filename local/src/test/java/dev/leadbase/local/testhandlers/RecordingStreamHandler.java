package dev.leadbase.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the stream records it receives; fails on the one keyed {@code L#poison}. */
public class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    public static final List<DynamodbEvent.DynamodbStreamRecord> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            // a record keyed L#poison always fails, from there on (as a real handler reports the first failure)
            if ("L#poison".equals(record.getDynamodb().getKeys().get("sk").getS())) {
                return new StreamsEventResponse(List.of(
                        new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber())));
            }
            SEEN.add(record);
        }
        return new StreamsEventResponse();
    }
}
