package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.LeadStatus;
import java.util.Optional;

/** {@code status}: leads in one pipeline status. */
public final class StatusFilter {
    private StatusFilter() {
    }

    public static Optional<LeadFilter> parse(FilterInput in) {
        return in.get("status").flatMap(v -> {
            Optional<LeadStatus> status = LeadStatus.fromWire(v.trim());
            if (status.isEmpty()) {
                in.invalid("status", "Must be one of: " + LeadStatus.allWire());
            }
            return status.map(s -> new FieldEquals(FieldEquals.Field.STATUS, s.wire()));
        });
    }
}
