package dev.leadbase.webhooks.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final RetrySchedule PRODUCTION = new RetrySchedule(RetrySchedule.DEFAULT_BASE,
            RetrySchedule.DEFAULT_GIVE_UP_AFTER);

    @Test
    void startsAt10SecondsAndDoublesUpTo15MinutesPerStep() {
        // unit 0.5: no jitter
        long[] expected = {10, 20, 40, 80, 160, 320, 640, 900, 900};
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            assertEquals(Duration.ofSeconds(expected[attempt - 1]), PRODUCTION.delayAfter(attempt, 0.5), "after " + attempt);
        }
        assertEquals(Duration.ofMinutes(15), PRODUCTION.delayAfter(300, 0.5));
    }

    @Test
    void jitterStaysWithinAQuarterAndNeverPassesTheCap() {
        assertEquals(Duration.ofMillis(7500), PRODUCTION.delayAfter(1, 0.0));
        assertTrue(PRODUCTION.delayAfter(1, 0.999).toMillis() < 12_500);
        assertEquals(Duration.ofMinutes(15), PRODUCTION.delayAfter(8, 0.999));
        assertEquals(Duration.ofMillis(675_000), PRODUCTION.delayAfter(20, 0.0));
    }

    @Test
    void givesUp72HoursAfterTheFirstAttempt() {
        Instant first = Instant.parse("2026-12-01T00:00:00Z");
        assertFalse(PRODUCTION.exhausted(first, first.plus(Duration.ofHours(72)).minusSeconds(1)));
        assertTrue(PRODUCTION.exhausted(first, first.plus(Duration.ofHours(72))));
    }

    @Test
    void theScheduleMakesAbout290AttemptsIn72Hours() {
        long elapsed = 0;
        int attempts = 1;
        while (elapsed < Duration.ofHours(72).toMillis()) {
            elapsed += PRODUCTION.delayAfter(attempts, 0.5).toMillis();
            attempts++;
        }
        assertTrue(attempts > 280 && attempts < 300, attempts + " attempts");
    }
}
