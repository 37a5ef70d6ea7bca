package dev.leadbase.scoring.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How an engagement score fades with inactivity, measured from the newest event: halved every
 * {@code halfLifeDays}, or lowered by {@code points} per full {@code intervalDays}. Never below 0.
 */
public sealed interface Decay {
    /** The score {@code undecayed} becomes after inactivity from {@code since} to {@code now}. */
    long apply(long undecayed, Instant since, Instant now);

    record HalfLife(double halfLifeDays) implements Decay {
        public HalfLife {
            if (!(halfLifeDays > 0)) {
                throw new IllegalArgumentException("halfLifeDays must be positive");
            }
        }

        @Override
        public long apply(long undecayed, Instant since, Instant now) {
            if (undecayed <= 0 || !now.isAfter(since)) {
                return Math.max(0, undecayed);
            }
            double days = Duration.between(since, now).toMillis() / 86_400_000.0;
            return Math.max(0, Math.round(undecayed * Math.pow(0.5, days / halfLifeDays)));
        }
    }

    record Linear(long points, int intervalDays) implements Decay {
        public Linear {
            if (points < 1 || intervalDays < 1) {
                throw new IllegalArgumentException("points and intervalDays must be at least 1");
            }
        }

        @Override
        public long apply(long undecayed, Instant since, Instant now) {
            if (undecayed <= 0 || !now.isAfter(since)) {
                return Math.max(0, undecayed);
            }
            long intervals = Duration.between(since, now).toDays() / intervalDays;
            return Math.max(0, undecayed - intervals * points);
        }
    }
}
