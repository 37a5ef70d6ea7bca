package dev.leadbase.shared.dynamo;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.shared.time.IsoTime;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The LeadIndex table's shared shape: its key attributes, the per-tenant counters that the leads and companies slices
 * keep there, and the fixed-width UTC time that every key sorting by time uses, so that times sort as text.
 */
public final class IndexTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /** A counter's value. */
    public static final String COUNT = "n";

    private IndexTable() {
    }

    /** A tenant's counter item, {@code <tenant>#counts} / {@code counter}. */
    public static Map<String, AttributeValue> counterKey(String tenantId, String counter) {
        return Map.of(PK, s(tenantId + "#counts"), SK, s(counter));
    }

    /** {@code 2024-01-15T10:30:00.000Z}: fixed width, so it sorts as text. */
    public static String time(Instant t) {
        return IsoTime.fixed(t);
    }
}
