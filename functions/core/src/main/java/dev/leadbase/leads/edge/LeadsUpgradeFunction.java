package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.LeadsWiring;
import dev.leadbase.leads.app.LeadsUpgrade;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.shared.logging.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Invoked by an operator (no route, no schedule): copies the leads of the previous storage layout's table
 * ({@code PreviousLeadsTableName}) into today's, for at most {@code maxItems} leads (default {@value #DEFAULT_MAX})
 * or until the invocation has less than {@value #MARGIN_MS} ms left, and answers
 * {@code {copied, skipped, cursor, done, totalCopied, totalSkipped, source}}. Invoke it again (with the cursor it
 * returned, or with none) until {@code done}; see the README's "Upgrading from the previous layout".
 */
public final class LeadsUpgradeFunction extends UseCaseHandler<LeadsUpgrade>
        implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final int DEFAULT_MAX = 100_000;
    /** Time kept for the step under way and the answer. */
    static final int MARGIN_MS = 20_000;
    private static final Set<String> FIELDS = Set.of("cursor", "maxItems");

    public LeadsUpgradeFunction() {
        this(Components.fromEnvironment());
    }

    public LeadsUpgradeFunction(Components components) {
        super(new LeadsWiring(components).leadsUpgrade());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> input = event == null ? Map.of() : event;
        for (String field : input.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new ValidationFailed("Unknown field " + field + ": the event takes cursor and maxItems");
            }
        }
        Object cursor = input.get("cursor");
        if (cursor != null && !(cursor instanceof String s && !s.isBlank())) {
            throw new ValidationFailed("cursor must be the string a previous run returned");
        }
        Object max = input.getOrDefault("maxItems", DEFAULT_MAX);
        if (!(max instanceof Integer || max instanceof Long)) {
            throw new ValidationFailed("maxItems must be a whole number");
        }
        LeadsUpgrade.Outcome outcome = useCase.run((String) cursor, (int) Math.max(Integer.MIN_VALUE,
                        Math.min(Integer.MAX_VALUE, ((Number) max).longValue())),
                () -> context == null || context.getRemainingTimeInMillis() > MARGIN_MS);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("copied", outcome.copied());
        result.put("skipped", outcome.skipped());
        result.put("cursor", outcome.cursor());
        result.put("done", outcome.done());
        result.put("totalCopied", outcome.totalCopied());
        result.put("totalSkipped", outcome.totalSkipped());
        result.put("source", outcome.source());
        JsonLog.info(outcome.done() ? "leads upgrade done" : "leads upgrade step", result);
        return result;
    }
}
