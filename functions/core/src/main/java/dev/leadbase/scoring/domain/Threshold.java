package dev.leadbase.scoring.domain;

import java.util.List;

/** A level name and the lowest score that reaches it. */
public record Threshold(String level, long min) {
    public static final List<Threshold> DEFAULTS = List.of(new Threshold("cold", 0), new Threshold("warm", 20),
            new Threshold("hot", 50));

    public Threshold {
        if (level == null || level.isBlank()) {
            throw new IllegalArgumentException("level is required");
        }
    }
}
