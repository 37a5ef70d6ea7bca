package dev.leadbase.local.aws;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Settings of the AWS-semantics mode: how far the local stack strays from DynamoDB Local's and ElasticMQ's
 * always-consistent, always-once answers towards what DynamoDB, SQS and Lambda may do. Every random choice
 * derives from {@code seed}, so a run that failed can be replayed with the same random seed.
 *
 * @param seed          the random seed: drives every choice below
 * @param staleMs       a read without ConsistentRead may answer an item as it was up to this long ago
 * @param staleRate     the chance that such a read of an item written within {@code staleMs} is stale
 * @param indexLagMs    a GSI query sees the table as it was up to this long ago (always; GSIs are never consistent)
 * @param streamLagMs   stream records reach their consumers up to this long after the write
 * @param throttleRate  the share of DynamoDB calls throttled (the SDK's retry policy then retries them)
 * @param holdMs        how long a TransactWriteItems stays in flight; another write of one of its items meanwhile
 *                      is cancelled with TransactionConflict (or fails with TransactionConflictException)
 * @param duplicateRate the share of SQS messages received a second time
 * @param delayRate     the share of SQS messages held back and received after later ones
 * @param asyncRetries  how often a failed asynchronous invocation (a schedule) is retried, as Lambda does: twice
 */
public record AwsSemantics(long seed, long staleMs, double staleRate, long indexLagMs, long streamLagMs,
                           double throttleRate, long holdMs, double duplicateRate, double delayRate, int asyncRetries) {
    /** The environment variable that turns the mode on for {@code ./leadbase serve}: {@code seed=42,staleMs=800}. */
    public static final String ENV = "LEADBASE_AWS_SEMANTICS";

    public AwsSemantics {
        if (staleMs < 0 || indexLagMs < 0 || streamLagMs < 0 || holdMs < 0 || asyncRetries < 0) {
            throw new IllegalArgumentException("AWS semantics: durations and retries cannot be negative");
        }
        for (double rate : new double[] {staleRate, throttleRate, duplicateRate, delayRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("AWS semantics: rates are between 0 and 1");
            }
        }
    }

    /** The defaults with this seed. */
    public static AwsSemantics withSeed(long seed) {
        return new AwsSemantics(seed, 1000, 0.5, 1000, 500, 0.01, 5, 0.05, 0.05, 2);
    }

    /**
     * Reads {@code spec}: empty, {@code on} or {@code true} for the defaults with a random seed; a number for that
     * seed; or {@code name=value} pairs separated by commas (names as the record's, plus {@code lagMs} for the three
     * windows at once).
     */
    public static AwsSemantics parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.isEmpty() || text.equalsIgnoreCase("on") || text.equalsIgnoreCase("true")) {
            return withSeed(ThreadLocalRandom.current().nextLong(1, 1_000_000));
        }
        if (text.matches("-?\\d+")) {
            return withSeed(Long.parseLong(text));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("AWS semantics: expected name=value, got '" + pair.trim() + "'");
            }
            values.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1).trim());
        }
        AwsSemantics d = values.containsKey("seed") ? withSeed(number(values, "seed"))
                : withSeed(ThreadLocalRandom.current().nextLong(1, 1_000_000));
        long lag = values.containsKey("lagms") ? number(values, "lagms") : -1;
        AwsSemantics s = new AwsSemantics(d.seed(),
                longOr(values, "stalems", lag >= 0 ? lag : d.staleMs()),
                rateOr(values, "stalerate", d.staleRate()),
                longOr(values, "indexlagms", lag >= 0 ? lag : d.indexLagMs()),
                longOr(values, "streamlagms", lag >= 0 ? lag : d.streamLagMs()),
                rateOr(values, "throttlerate", d.throttleRate()),
                longOr(values, "holdms", d.holdMs()),
                rateOr(values, "duplicaterate", d.duplicateRate()),
                rateOr(values, "delayrate", d.delayRate()),
                (int) longOr(values, "asyncretries", d.asyncRetries()));
        values.keySet().removeAll(java.util.Set.of("seed", "lagms", "stalems", "stalerate", "indexlagms",
                "streamlagms", "throttlerate", "holdms", "duplicaterate", "delayrate", "asyncretries"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("AWS semantics: unknown setting(s) " + values.keySet());
        }
        return s;
    }

    /** What {@link #parse} reads back into these settings. */
    @Override
    public String toString() {
        return "seed=" + seed + ",staleMs=" + staleMs + ",staleRate=" + staleRate + ",indexLagMs=" + indexLagMs
                + ",streamLagMs=" + streamLagMs + ",throttleRate=" + throttleRate + ",holdMs=" + holdMs
                + ",duplicateRate=" + duplicateRate + ",delayRate=" + delayRate + ",asyncRetries=" + asyncRetries;
    }

    private static long number(Map<String, String> values, String name) {
        try {
            return Long.parseLong(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AWS semantics: " + name + " must be a whole number");
        }
    }

    private static long longOr(Map<String, String> values, String name, long fallback) {
        return values.containsKey(name) ? number(values, name) : fallback;
    }

    private static double rateOr(Map<String, String> values, String name, double fallback) {
        if (!values.containsKey(name)) {
            return fallback;
        }
        try {
            return Double.parseDouble(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AWS semantics: " + name + " must be a number between 0 and 1");
        }
    }
}
