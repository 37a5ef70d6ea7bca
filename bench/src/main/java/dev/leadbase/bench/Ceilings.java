package dev.leadbase.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The tenant-ceiling model: the sustained rate of one tenant's operation at which the busiest partition of any table
 * or index reaches what a DynamoDB partition serves. DynamoDB Local does not throttle, so it is computed, not measured:
 * from the units per operation metered on each table and index, the partition key values a tenant's operations spread
 * over ({@link KeyLayout}), and the rule that all of one value's units land on one partition when its sort key only
 * grows or is absent (otherwise DynamoDB splits the value and it does not limit, except a single item: a hot item).
 */
final class Ceilings {
    static final double PARTITION_WRITE_UNITS = 1_000;
    static final double PARTITION_READ_UNITS = 3_000;
    /** What a row shows when nothing limits (every unit goes to values that spread per item). */
    private static final double UNBOUNDED = 1e9;

    private Ceilings() {
    }

    /** A ceiling and what sets it, and the next limits. */
    record Ceiling(double perSecond, String note) {
    }

    private record Limit(String what, double perSecond, String why) {
    }

    /** The rate at which the busiest partition takes {@value #PARTITION_WRITE_UNITS} write units a second. */
    static Ceiling writes(Metering m, int shards) {
        List<Limit> limits = limits(m.writesByTarget(), shards, PARTITION_WRITE_UNITS);
        for (Metering.HotItem hot : m.hotItems()) {
            // measured on the run's tenant, whose counters (if sharded) spread over the default shards already
            double scale = hot.group().spread() == KeyLayout.Spread.TENANT_SHARDS
                    ? (double) shards / KeyLayout.DEFAULT_SHARDS : 1;
            limits.add(new Limit("hot item " + hot.item(), PARTITION_WRITE_UNITS * scale / hot.unitsPerOperation(),
                    String.format(Locale.ROOT, "%.2f WRU per op on the most-written item (AWS units of an item up to"
                            + " 1 KB), %s, scaled by %.1f for the shards", hot.unitsPerOperation(), hot.group().spread(),
                            scale)));
        }
        return ceiling(limits, "write", PARTITION_WRITE_UNITS, shards);
    }

    /** The rate at which the busiest partition takes {@value #PARTITION_READ_UNITS} read units a second. */
    static Ceiling reads(Metering m, int shards) {
        return ceiling(limits(m.readsByTarget(), shards, PARTITION_READ_UNITS), "read", PARTITION_READ_UNITS, shards);
    }

    private static List<Limit> limits(Map<String, Double> unitsByTarget, int shards, double partitionUnits) {
        List<Limit> limits = new ArrayList<>();
        unitsByTarget.forEach((name, units) -> {
            KeyLayout.Target t = KeyLayout.target(name);
            OptionalDouble values = KeyLayout.values(t.spread(), shards);
            if (units > 0 && t.onePartitionPerValue() && values.isPresent()) {
                limits.add(new Limit(t.name(), partitionUnits * values.getAsDouble() / units, String.format(Locale.ROOT,
                        "%.2f units per op over %.0f partition key value(s) (%s, sort key %s)", units,
                        values.getAsDouble(), t.spread(), t.sortKey() == null ? "absent" : "only grows")));
            }
        });
        return limits;
    }

    private static Ceiling ceiling(List<Limit> limits, String kind, double partitionUnits, int shards) {
        limits.sort(Comparator.comparingDouble(Limit::perSecond));
        String model = String.format(Locale.ROOT, "model (DynamoDB Local does not throttle): %,.0f %s units/s per"
                + " partition, K = %d shards, key layout of KeyLayout", partitionUnits, kind, shards);
        if (limits.isEmpty()) {
            return new Ceiling(UNBOUNDED, "no partition limits it: every unit goes to values spread per item; " + model);
        }
        Limit first = limits.getFirst();
        List<String> tied = limits.stream().skip(1).filter(l -> l.perSecond() <= first.perSecond() * (1 + 1e-9))
                .map(Limit::what).toList();
        String next = limits.stream().skip(1 + tied.size()).limit(3)
                .map(l -> String.format(Locale.ROOT, "%s %,.0f/s", l.what(), l.perSecond()))
                .collect(Collectors.joining(", "));
        return new Ceiling(first.perSecond(), String.format(Locale.ROOT, "limited by %s: %s%s; next: %s; %s",
                first.what(), first.why(), tied.isEmpty() ? "" : "; as low: " + String.join(", ", tied),
                next.isEmpty() ? "none" : next, model));
    }
}
