package dev.leadbase.access.domain;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. */
public enum Permission {
    LEADS_READ("leads:read"),
    LEADS_WRITE("leads:write"),
    LEADS_ENRICH("leads:enrich"),
    SCORING_READ("scoring:read"),
    SCORING_WRITE("scoring:write"),
    EVENTS_WRITE("events:write"),
    KEYS_ADMIN("keys:admin"),
    WEBHOOKS_WRITE("webhooks:write");

    private final String wire;

    Permission(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Permission> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(value)).findFirst();
    }

    public static String allWire() {
        return String.join(", ", Arrays.stream(values()).map(Permission::wire).toList());
    }
}
