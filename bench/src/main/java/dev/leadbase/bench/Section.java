package dev.leadbase.bench;

import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.local.RunningRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark family. Each section names its rows up front (the smoke test checks that a run produces exactly
 * those) and appends them when it runs.
 */
interface Section {

    /**
     * What a section gets: the run's sizes, the local runtime, the admin client, the seeded tenant and the instant
     * halfway through its seeding (ISO-8601), which splits its leads in two for {@code createdAfter}.
     */
    record Context(Bench.Config config, RunningRuntime runtime, ApiClient admin, Bench.Tenant tenant, String createdAfter) {
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

    /** Row names: for each subject in turn, each pattern with the subject in place of its {@code %s}. */
    static List<String> each(Iterable<String> subjects, String... patterns) {
        List<String> names = new ArrayList<>();
        for (String subject : subjects) {
            for (String pattern : patterns) {
                names.add(pattern.formatted(subject));
            }
        }
        return names;
    }
}
