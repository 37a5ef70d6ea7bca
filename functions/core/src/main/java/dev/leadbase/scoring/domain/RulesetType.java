package dev.leadbase.scoring.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two kinds of rule sets: points for engagement events, or points for lead attributes. */
public enum RulesetType {
    ENGAGEMENT, PROFILE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RulesetType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst();
    }
}
