package dev.leadbase.shared.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written forms answer exactly what the JDK's formatters answer, on the edges and on random instants. */
class IsoTimeTest {
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static List<Instant> instants() {
        List<Instant> all = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2024-02-29T23:59:59.100Z"), Instant.parse("2023-03-01T00:00:00.000001Z"),
                Instant.parse("1969-12-31T23:59:59.000000001Z"), Instant.MIN, Instant.MAX, Instant.now()));
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            all.add(Instant.ofEpochSecond(second, nanos));
        }
        return all;
    }

    @Test
    void textIsWhatInstantToStringWrites() {
        for (Instant t : instants()) {
            assertEquals(t.toString(), IsoTime.text(t));
        }
    }

    @Test
    void fixedIsTheMillisecondPatternAndReadsBackToTheMillisecond() {
        for (Instant t : instants()) {
            if (t.equals(Instant.MIN) || t.equals(Instant.MAX)) {
                continue;  // beyond what the pattern's year prints, for both
            }
            String fixed = IsoTime.fixed(t);
            assertEquals(FIXED.format(t), fixed);
            if (fixed.length() == 24) {
                assertEquals(Instant.ofEpochSecond(t.getEpochSecond(), t.getNano() / 1_000_000 * 1_000_000L), IsoTime.parse(fixed));
            }
        }
    }

    @Test
    void parseReadsWhatInstantParseReadsAndRefusesWhatItRefuses() {
        for (Instant t : instants()) {
            assertEquals(t, IsoTime.parse(t.toString()));
        }
        for (String odd : List.of("2024-01-01T24:00:00.000Z", "2024-06-30T23:59:60.000Z", "2024-01-01T10:00:00Z",
                "2024-01-01T10:00:00.123456Z")) {
            assertEquals(Instant.parse(odd), IsoTime.parse(odd), odd);
        }
        for (String bad : List.of("2024-02-30T10:00:00.000Z", "2023-02-29T10:00:00.000Z", "2024-13-01T10:00:00.000Z",
                "2024-01-01T10:60:00.000Z", "2024-01-01T10:00:60.000Z", "2024-01-01T10:00:00.0a0Z",
                "2024-01-01 10:00:00.000Z", "20x4-01-01T10:00:00.000Z", "", "yesterday")) {
            assertThrows(DateTimeParseException.class, () -> Instant.parse(bad), bad);
            assertThrows(DateTimeParseException.class, () -> IsoTime.parse(bad), bad);
        }
    }
}
