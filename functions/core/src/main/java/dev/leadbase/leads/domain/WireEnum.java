package dev.leadbase.leads.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A lead enum whose wire form is its name in lower case ({@link LeadStatus}, {@link LeadSource}). */
public interface WireEnum {
    String name();

    int ordinal();

    Class<?> getDeclaringClass();

    default String wire() {
        return WireForms.wire(this);
    }

    /** The constant of {@code type} whose wire form is {@code value}. */
    static <E extends Enum<E> & WireEnum> Optional<E> fromWire(Class<E> type, String value) {
        return Optional.ofNullable(WireForms.find(type, value));
    }

    /** Every wire form of {@code type}, for the message that refuses another. */
    static <E extends Enum<E> & WireEnum> String allWire(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
    }
}
