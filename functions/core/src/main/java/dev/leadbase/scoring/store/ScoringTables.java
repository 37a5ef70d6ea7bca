package dev.leadbase.scoring.store;

import dev.leadbase.shared.config.Config;

/** Names of the scoring tables, as the template passes them; read from the function's configuration. */
public final class ScoringTables {
    private ScoringTables() {
    }

    public static String rulesets(Config config) {
        return config.required("RULESETS_TABLE");
    }

    public static String scores(Config config) {
        return config.required("SCORES_TABLE");
    }

    public static String events(Config config) {
        return config.required("EVENTS_TABLE");
    }
}
