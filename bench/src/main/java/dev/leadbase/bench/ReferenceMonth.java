package dev.leadbase.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One month of a reference tenant base (issue 11): so many of each operation, priced with the per-operation figures
 * of the same run (DynamoDB, Lambda, API Gateway, SQS).
 */
final class ReferenceMonth {
    static final String ROW = "USD per reference month";
    static final double GOAL_USD = 400;
    /** Operations a month, by the cost section's case names. */
    static final Map<String, Long> OPERATIONS = operations();

    private ReferenceMonth() {
    }

    private static Map<String, Long> operations() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("create", 1_000_000L);
        m.put("patch", 200_000L);
        m.put("list", 5_000_000L);
        m.put("get", 10_000_000L);
        m.put("event", 50_000_000L);
        m.put("enrichment lead", 500_000L);
        return m;
    }

    static Bench.Row row(Map<String, Usage> perOperation) {
        Map<String, Double> usd = new LinkedHashMap<>();
        double dynamo = 0;
        double lambda = 0;
        double other = 0;
        for (var e : OPERATIONS.entrySet()) {
            Usage u = perOperation.get(e.getKey());
            if (u == null) {
                throw new IllegalStateException("no cost measured for " + e.getKey());
            }
            usd.put(e.getKey(), u.totalUsd() * e.getValue());
            dynamo += u.dynamoUsd() * e.getValue();
            lambda += u.lambdaUsd() * e.getValue();
            other += u.otherUsd() * e.getValue();
        }
        double total = usd.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder note = new StringBuilder();
        usd.forEach((name, v) -> note.append(note.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT,
                "%,d %s $%,.2f (%.1f %%)", OPERATIONS.get(name), name, v, 100 * v / total)));
        note.append(String.format(Locale.ROOT, "; by service: DynamoDB $%,.2f, Lambda $%,.2f, API Gateway/SQS $%,.2f;"
                + " priced with this run's USD per million of each operation", dynamo, lambda, other));
        double ratio = total / GOAL_USD;
        return new Bench.Row(ROW, total, "USD", GOAL_USD, ratio, "<= 1", ratio <= 1, note.toString());
    }
}
