package dev.leadbase.leads.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A lead enum whose wire form is its name in lower case ({@link LeadStatus}, {@link LeadSource}). */
public interface WireEnum {
    String name();

    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose wire form is {@code value}. */
    static <E extends Enum<E> & WireEnum> Optional<E> fromWire(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(value)).findFirst();
    }

    /** Every wire form of {@code type}, for the message that refuses another. */
    static <E extends Enum<E> & WireEnum> String allWire(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
    }
}
