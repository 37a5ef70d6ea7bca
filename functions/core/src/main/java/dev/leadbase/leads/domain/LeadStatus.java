package dev.leadbase.leads.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Pipeline status of a lead: every status the leads and enrichment APIs use. */
public enum LeadStatus {
    NEW, CONTACTED, REPLIED, QUALIFIED, CONVERTED, COLD, LOST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LeadStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }

    public static String allWire() {
        return Arrays.stream(values()).map(LeadStatus::wire).collect(Collectors.joining(", "));
    }
}
