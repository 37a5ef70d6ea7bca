package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import java.util.List;
import java.util.Optional;

/** {@code phone} ({@code present}, {@code absent}): leads with a phone number, or without one. */
public record PhoneFilter(boolean present) implements LeadFilter {
    public static Optional<PhoneFilter> parse(FilterInput in) {
        return in.get("phone").flatMap(v -> switch (v.trim()) {
            case "present" -> Optional.of(new PhoneFilter(true));
            case "absent" -> Optional.of(new PhoneFilter(false));
            default -> {
                in.invalid("phone", "Must be one of: present, absent");
                yield Optional.empty();
            }
        });
    }

    @Override
    public boolean test(Lead lead) {
        return (lead.phone() != null) == present;
    }

    @Override
    public List<Condition> conditions() {
        return List.of(present ? Condition.present("phone") : Condition.absent("phone"));
    }
}
