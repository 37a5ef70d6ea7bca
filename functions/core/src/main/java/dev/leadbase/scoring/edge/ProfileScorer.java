package dev.leadbase.scoring.edge;

import dev.leadbase.composition.Components;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.composition.ScoringWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.leadbase.shared.lambda.StreamBatch;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.scoring.app.LeadScorer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * LeadItemsTable stream consumer: re-scores a lead's profile when it is created or a field other than
 * scoring's own changes. Scoring's writes differ only in scoring's fields, so they are skipped here,
 * and an unchanged profile is never rewritten: the trigger cannot loop.
 */
public final class ProfileScorer extends UseCaseHandler<LeadScorer>
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    /**
     * Attributes scoring writes (and attributes derived from them), ignored when comparing images; and {@code f}, the
     * indexes' copy of user fields, compared without its {@code updatedAt}.
     */
    static final Set<String> SCORING_OWNED = Set.of("score", "level", "engagementScores", "profileScores",
            "rulesetNames", "engagementPrimaryRulesetName", "profilePrimaryRulesetName", "lastEventAt",
            "lastEventType", "sc", "scoreVersion", "scoreKey", "lastEventKey", "updatedAt", "updatedKey", "version", "f");

    public ProfileScorer() {
        this(Components.fromEnvironment());
    }

    public ProfileScorer(Components components) {
        super(new ScoringWiring(components).leadScorer());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.inOrder(event, "profile scoring failed", record -> {
            var change = record.getDynamodb();
            if (profileMayHaveChanged(record.getEventName(), change.getOldImage(), change.getNewImage())) {
                String tenantId = change.getKeys().get("tenantId").getS();
                String leadId = change.getKeys().get("leadId").getS();
                LeadScorer.Outcome outcome = useCase.rescoreProfile(tenantId, leadId);
                JsonLog.info("profile scored", Map.of("tenantId", tenantId, "leadId", leadId, "outcome", outcome.name()));
            }
        });
    }

    static boolean profileMayHaveChanged(String eventName, Map<String, AttributeValue> oldImage,
                                         Map<String, AttributeValue> newImage) {
        if ("INSERT".equals(eventName)) {
            return true;
        }
        if (!"MODIFY".equals(eventName) || oldImage == null || newImage == null) {
            return false;
        }
        return !withoutScoring(oldImage).equals(withoutScoring(newImage));
    }

    private static Map<String, AttributeValue> withoutScoring(Map<String, AttributeValue> image) {
        Map<String, AttributeValue> copy = new HashMap<>(image);
        copy.keySet().removeIf(k -> SCORING_OWNED.contains(k) || k.startsWith("gsi"));
        AttributeValue f = image.get("f");
        if (f != null && f.getM() != null) {
            Map<String, AttributeValue> fields = new HashMap<>(f.getM());
            fields.remove("updatedAt");
            copy.put("f", new AttributeValue().withM(fields));
        }
        return copy;
    }
}
