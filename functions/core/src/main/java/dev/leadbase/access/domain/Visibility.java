package dev.leadbase.access.domain;

import java.util.Optional;

/** Which leads a key sees: all of its tenant's, or only those its user owns. */
public enum Visibility {
    TENANT("tenant"),
    OWN("own");

    private final String wire;

    Visibility(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Visibility> fromWire(String value) {
        for (Visibility v : values()) {
            if (v.wire.equals(value)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
