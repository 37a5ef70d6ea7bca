package dev.leadbase.changes.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.leadbase.changes.app.FlushScoreChanges;
import dev.leadbase.composition.ChangesWiring;
import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.BatchFailures;
import dev.leadbase.shared.lambda.UseCaseHandler;

/** ScoreChangesQueue consumer: tells each held-back score change when its minute is over (its message's delay). */
public final class ScoreChangeFlusher extends UseCaseHandler<FlushScoreChanges>
        implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public ScoreChangeFlusher() {
        this(Components.fromEnvironment());
    }

    public ScoreChangeFlusher(Components components) {
        super(new ChangesWiring(components).flushScoreChanges());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return BatchFailures.each(event, "score change flush failed",
                message -> useCase.flush(ScoreFlushMessages.flush(message.getBody())));
    }
}
