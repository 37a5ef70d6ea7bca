package dev.leadbase.bench;

import dev.leadbase.local.RunningRuntime;
import java.util.List;

/**
 * One benchmark family added to the run after the seeded latency, amplification and ledger figures. Each section
 * names its rows up front (the smoke test checks that a run produces exactly those) and appends them when it runs.
 */
interface Section {

    /** What a section gets: the run's sizes, the local runtime, the admin client and the seeded tenant. */
    record Context(Bench.Config config, RunningRuntime runtime, Bench.Api admin, Bench.Tenant tenant) {
    }

    /** The family name {@code --only} selects it by: the class name in lower case. */
    default String name() {
        return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether it reads the seeded tenant's leads (a run of other families alone seeds none). */
    default boolean readsSeededLeads() {
        return false;
    }

    /** The names of the rows {@link #run} appends, in order. */
    List<String> rowNames();

    void run(Context context, List<Bench.Row> rows) throws Exception;
}
