package dev.leadbase.leads.domain;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Each {@link WireEnum} type's wire forms, made once per type (leads are read and written many times a second): the
 * constant's name in lower case.
 */
final class WireForms {
    private static final ClassValue<WireForms> OF_TYPE = new ClassValue<>() {
        @Override
        protected WireForms computeValue(Class<?> type) {
            return new WireForms(type.getEnumConstants());
        }
    };

    private final String[] byOrdinal;
    private final Map<String, Object> byWire;

    private WireForms(Object[] constants) {
        byOrdinal = new String[constants.length];
        Map<String, Object> wire = new HashMap<>();
        for (Object constant : constants) {
            Enum<?> e = (Enum<?>) constant;
            byOrdinal[e.ordinal()] = e.name().toLowerCase(Locale.ROOT);
            wire.put(byOrdinal[e.ordinal()], constant);
        }
        byWire = Map.copyOf(wire);
    }

    static String wire(WireEnum constant) {
        return OF_TYPE.get(constant.getDeclaringClass()).byOrdinal[constant.ordinal()];
    }

    /** The constant of {@code type} whose wire form is {@code value}, or null. */
    static <E extends Enum<E> & WireEnum> E find(Class<E> type, String value) {
        return value == null ? null : type.cast(OF_TYPE.get(type).byWire.get(value));
    }
}
