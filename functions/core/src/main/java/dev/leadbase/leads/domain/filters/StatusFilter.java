package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadStatus;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import java.util.List;
import java.util.Optional;

/** {@code status}: leads in one pipeline status. */
public record StatusFilter(LeadStatus status) implements LeadFilter {
    public static Optional<StatusFilter> parse(FilterInput in) {
        return in.get("status").flatMap(v -> {
            Optional<LeadStatus> status = LeadStatus.fromWire(v.trim());
            if (status.isEmpty()) {
                in.invalid("status", "Must be one of: " + LeadStatus.allWire());
            }
            return status.map(StatusFilter::new);
        });
    }

    @Override
    public boolean test(Lead lead) {
        return status == lead.status();
    }

    @Override
    public List<Condition> conditions() {
        return List.of(Condition.equal("status", status.wire()));
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.equal(Key.STATUS, status.wire()));
    }

    @Override
    public boolean counted() {
        return true;
    }
}
