package dev.leadbase.shared.dynamo;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The credit ledger on a Tenants item ({@code remaining + reserved + used == granted}). The access slice grants
 * credits; the enrichment slice reserves and settles them in the transactions that write its jobs. Both name the
 * item's key and ledger attributes from here.
 */
public final class CreditLedger {
    public static final String PK = "tenantId";
    public static final String REMAINING = "creditsRemaining";
    public static final String RESERVED = "creditsReserved";
    public static final String USED = "creditsUsed";
    public static final String GRANTED = "creditsGranted";

    private CreditLedger() {
    }

    /** The key of a tenant's item. */
    public static Map<String, AttributeValue> key(String tenantId) {
        return Map.of(PK, Items.s(tenantId));
    }
}
