package dev.leadbase.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records scheduled events and answers with a small summary. */
public class TickHandler implements RequestHandler<ScheduledEvent, Map<String, String>> {
    public static final List<ScheduledEvent> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> handleRequest(ScheduledEvent event, Context context) {
        SEEN.add(event);
        return Map.of("ticked", event.getDetailType());
    }
}
