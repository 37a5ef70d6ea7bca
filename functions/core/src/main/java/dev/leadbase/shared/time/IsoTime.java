package dev.leadbase.shared.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as ISO-8601 UTC text, written and read without a formatter: a lead read or written carries several, and a
 * {@link DateTimeFormatter} takes microseconds for each. Years 0 to 9999 take the short path; any other instant
 * goes through the JDK and comes out the same.
 */
public final class IsoTime {
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long YEAR_0 = -62_167_219_200L;
    private static final long YEAR_10000 = 253_402_300_800L;

    private IsoTime() {
    }

    /** Exactly {@link Instant#toString()}: the fraction in groups of three digits, left out when zero. */
    public static String text(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= YEAR_10000) {
            return t.toString();
        }
        int nanos = t.getNano();
        StringBuilder out = dateTime(seconds, 30);
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(out, nanos / 1_000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    /** Fixed width to the millisecond ({@code 2024-01-15T10:30:00.000Z}, finer digits cut off), so it sorts as text. */
    public static String fixed(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= YEAR_10000) {
            return FIXED.format(t);
        }
        StringBuilder out = dateTime(seconds, 24).append('.');
        digits(out, t.getNano() / 1_000_000, 3);
        return out.append('Z').toString();
    }

    /** What {@link #fixed} writes, or any other form {@link Instant#parse} reads, refused as it refuses it. */
    public static Instant parse(String s) {
        if (s.length() == 24 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':' && s.charAt(19) == '.' && s.charAt(23) == 'Z') {
            int year = number(s, 0, 4);
            int month = number(s, 5, 7);
            int day = number(s, 8, 10);
            int hour = number(s, 11, 13);
            int minute = number(s, 14, 16);
            int second = number(s, 17, 19);
            int milli = number(s, 20, 23);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).length(Year.isLeap(year))
                    && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60 && milli >= 0) {
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, milli * 1_000_000L);
            }
        }
        return Instant.parse(s);
    }

    /** {@code uuuu-MM-ddTHH:mm:ss} of an epoch second in years 0 to 9999. */
    private static StringBuilder dateTime(long epochSecond, int capacity) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        StringBuilder out = new StringBuilder(capacity);
        digits(out, date.getYear(), 4);
        digits(out.append('-'), date.getMonthValue(), 2);
        digits(out.append('-'), date.getDayOfMonth(), 2);
        digits(out.append('T'), secondOfDay / 3_600, 2);
        digits(out.append(':'), secondOfDay / 60 % 60, 2);
        digits(out.append(':'), secondOfDay % 60, 2);
        return out;
    }

    /** {@code value} (not negative) in exactly {@code width} decimal digits, zeros in front. */
    private static void digits(StringBuilder out, int value, int width) {
        int end = out.length() + width;
        out.setLength(end);
        for (int i = end - 1; i >= end - width; i--) {
            out.setCharAt(i, (char) ('0' + value % 10));
            value /= 10;
        }
    }

    /** The decimal number of {@code s} from {@code from} to {@code to}, or -1 unless those are all ASCII digits. */
    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
