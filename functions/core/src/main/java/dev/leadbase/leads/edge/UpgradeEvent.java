package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import dev.leadbase.shared.errors.ValidationFailed;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The event an operator invokes an upgrade function with ({@link LeadsUpgradeFunction}, {@link SearchUpgradeFunction}):
 * {@code maxItems} and the {@code cursor} a previous run returned, both optional; any other field is refused.
 */
record UpgradeEvent(String cursor, int maxItems) {
    static final int DEFAULT_MAX = 100_000;
    /** Time kept for the step under way and the answer. */
    static final int MARGIN_MS = 20_000;
    private static final Set<String> FIELDS = Set.of("cursor", "maxItems");

    static UpgradeEvent of(Map<String, Object> event) {
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
        // out of int range: clamped, then refused by the use case's bounds
        return new UpgradeEvent((String) cursor, (int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, ((Number) max).longValue())));
    }

    /** Whether the invocation has time for one more step (always, without a Lambda context). */
    static BooleanSupplier timeLeft(Context context) {
        return () -> context == null || context.getRemainingTimeInMillis() > MARGIN_MS;
    }
}
