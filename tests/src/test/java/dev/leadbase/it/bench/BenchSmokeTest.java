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
    }
}
