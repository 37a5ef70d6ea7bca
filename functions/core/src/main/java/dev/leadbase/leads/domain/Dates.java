package dev.leadbase.leads.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Parsing of the API's dates: ISO 8601 date-times (offset optional, UTC assumed) or YYYY-MM-DD. */
public final class Dates {
    public static final String FORMAT_MESSAGE = "Must be an ISO 8601 date-time or a date (YYYY-MM-DD)";

    private Dates() {
    }

    public static Optional<Instant> parseInstant(String raw) {
        String s = raw.trim();
        try {
            if (s.length() == 10) {
                return Optional.of(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
