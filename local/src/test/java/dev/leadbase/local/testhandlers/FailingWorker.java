package dev.leadbase.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reports every message whose body is "fail" as a batch item failure; records every body it sees. */
public class FailingWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final List<SQSEvent.SQSMessage> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            SEEN.add(message);
            if (message.getBody().equals("fail")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
