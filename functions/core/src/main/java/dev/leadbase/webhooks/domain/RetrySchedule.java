package dev.leadbase.webhooks.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed delivery is tried again: after {@code base} (10 s), doubling with each failed attempt, each step at
 * most 15 minutes, with ±25 % jitter so that the deliveries of a receiver that came back do not all arrive at once;
 * and for how long: a delivery whose first attempt lies {@code giveUpAfter} (72 h) back is not tried again.
 */
public record RetrySchedule(Duration base, Duration giveUpAfter) {
    public static final Duration MAX_STEP = Duration.ofMinutes(15);
    public static final Duration DEFAULT_BASE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofHours(72);

    /** The pause after failed attempt {@code attempt} (from 1), for a random draw {@code unit} in [0, 1). */
    public Duration delayAfter(int attempt, double unit) {
        long baseMs = base.toMillis();
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long stepMs = Math.min(MAX_STEP.toMillis(), baseMs * (1L << Math.min(doublings, 20)));
        long jittered = (long) (stepMs * (0.75 + 0.5 * unit));
        return Duration.ofMillis(Math.min(MAX_STEP.toMillis(), Math.max(0, jittered)));
    }

    /** Whether a delivery first attempted at {@code firstAttemptAt} has run out of retries at {@code now}. */
    public boolean exhausted(Instant firstAttemptAt, Instant now) {
        return !now.isBefore(firstAttemptAt.plus(giveUpAfter));
    }
}
