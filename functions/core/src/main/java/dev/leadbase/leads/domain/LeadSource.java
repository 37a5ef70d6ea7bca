package dev.leadbase.leads.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a lead came from. */
public enum LeadSource {
    LINKEDIN, WEBSITE, REFERRAL, IMPORT, API;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LeadSource> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }

    public static String allWire() {
        return Arrays.stream(values()).map(LeadSource::wire).collect(Collectors.joining(", "));
    }
}
