package dev.leadbase.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the stream records it receives. */
public class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    public static final List<DynamodbEvent.DynamodbStreamRecord> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        SEEN.addAll(event.getRecords());
        return new StreamsEventResponse();
    }
}
