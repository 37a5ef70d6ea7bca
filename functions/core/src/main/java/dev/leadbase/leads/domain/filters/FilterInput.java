package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Dates;
import dev.leadbase.leads.domain.WireEnum;
import dev.leadbase.shared.ids.IdKind;
import java.time.Instant;
import java.util.Optional;

/**
 * The query parameters of a list request as filters read them: by name with accepted aliases; a bad
 * value is reported under its name and all are answered in one 400. {@code now} resolves relative dates.
 */
public interface FilterInput {
    Optional<String> get(String name, String... aliases);

    /** An id of {@code kind}; a malformed one is reported and reads as absent. */
    Optional<String> id(String name, IdKind kind, String... aliases);

    void invalid(String name, String message);

    Instant now();

    /** The user an own-visibility key is restricted to; null for tenant keys. */
    String visibleOwner();

    /** True when the request holds no parameter but its paging and its order: it names no filter. */
    boolean onlyPagingAndOrder();

    /** A trimmed text of at most {@code max} characters; blank reads as absent. */
    default String text(String name, int max, String... aliases) {
        Optional<String> raw = get(name, aliases);
        if (raw.isEmpty() || raw.get().isBlank()) {
            return null;
        }
        if (raw.get().length() > max) {
            invalid(name, "Must be at most " + max + " characters");
            return null;
        }
        return raw.get().trim();
    }

    /** An ISO-8601 time, or null when absent or bad. */
    default Instant date(String name, String... aliases) {
        Optional<String> raw = get(name, aliases);
        if (raw.isEmpty()) {
            return null;
        }
        Optional<Instant> at = Dates.parseInstant(raw.get());
        if (at.isEmpty()) {
            invalid(name, Dates.FORMAT_MESSAGE);
        }
        return at.orElse(null);
    }

    /** One constant of {@code type} by its wire form; another value is reported and reads as absent. */
    default <E extends Enum<E> & WireEnum> Optional<E> oneOf(String name, Class<E> type) {
        return get(name).flatMap(v -> {
            Optional<E> value = WireEnum.fromWire(type, v.trim());
            if (value.isEmpty()) {
                invalid(name, "Must be one of: " + WireEnum.allWire(type));
            }
            return value;
        });
    }

    /** A half-open range whose start is not before its end is empty: both its parameters are named. */
    default void ordered(Instant from, Instant to, String fromName, String toName) {
        if (from != null && to != null && !from.isBefore(to)) {
            invalid(fromName, "Must be earlier than " + toName);
            invalid(toName, "Must be later than " + fromName);
        }
    }

    /** True when {@code t} lies in [from, to); a missing bound is open, a missing time passes only when both are. */
    static boolean within(Instant t, Instant from, Instant to) {
        if (from == null && to == null) {
            return true;
        }
        return t != null && (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }
}
