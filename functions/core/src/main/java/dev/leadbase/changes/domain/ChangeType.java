package dev.leadbase.changes.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a change event says happened; {@link #wire()} is its {@code type} in the feed and in a webhook delivery. */
public enum ChangeType {
    LEAD_CREATED("lead.created"),
    LEAD_UPDATED("lead.updated"),
    LEAD_DELETED("lead.deleted"),
    LEAD_SCORE_CHANGED("lead.score_changed"),
    ENRICHMENT_COMPLETED("enrichment.completed"),
    COMPANY_CREATED("company.created"),
    COMPANY_UPDATED("company.updated"),
    WEBHOOK_DISABLED("webhook.disabled");

    private final String wire;

    ChangeType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ChangeType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
    }

    public static String allWire() {
        return String.join(", ", Arrays.stream(values()).map(ChangeType::wire).toList());
    }
}
