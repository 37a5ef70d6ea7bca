package dev.leadbase.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.bench.Bench;
import dev.leadbase.it.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the benchmark harness once at its smallest sizes so that it keeps working. No time is asserted. */
class BenchSmokeTest {

    @Test
    void everyBenchmarkRowIsProduced() throws Exception {
        Bench.Result result = Bench.run(Bench.Config.tiny(Fixture.runtime(), Fixture.ADMIN_KEY));

        List<String> names = result.rows().stream().map(Bench.Row::name).toList();
        assertEquals(Bench.expectedRows(), names);
        for (Bench.Row row : result.rows()) {
            assertNotNull(row.goal(), row.name());
            if (!row.name().startsWith("jar size") && !row.name().startsWith("RCU")) {
                assertTrue(!Double.isNaN(row.figure()), row.name() + " has a figure");
            }
        }
        assertEquals(0.0, result.row("ledger max drift").figure(), "ledger drift");
        assertTrue(result.row("ledger requests").figure() > 0, "ledger requests");
        assertTrue(result.machine().containsKey("cores"));

        // the scoring goal's figure is the reference month's mix (50 events per created lead: a burst of 10 on the
        // fresh lead, four on the scored lead) of the two bursts shown beside it
        Bench.Row fresh = result.row("outbound write units per scoring event, fresh lead");
        Bench.Row scored = result.row("outbound write units per scoring event, scored lead");
        assertNotNull(fresh, "fresh-lead burst row");
        assertNotNull(scored, "scored-lead burst row");
        assertTrue(fresh.figure() > 0 && scored.figure() > 0, "both bursts tell score changes");
        assertTrue(scored.figure() <= fresh.figure(), "a scored lead's burst costs no more than a fresh lead's");
        assertEquals((fresh.figure() + 4 * scored.figure()) / 5,
                result.row("outbound write units per scoring event").figure(), 1e-9, "the month's mix");
    }
}
