package dev.leadbase.scoring.store;

import dev.leadbase.shared.config.Env;

/** Names of the scoring tables, as the template passes them; read once at construction. */
public final class ScoringTables {
    private ScoringTables() {
    }

    public static String rulesets() {
        return Env.required("RULESETS_TABLE");
    }

    public static String scores() {
        return Env.required("SCORES_TABLE");
    }

    public static String events() {
        return Env.required("EVENTS_TABLE");
    }
}
