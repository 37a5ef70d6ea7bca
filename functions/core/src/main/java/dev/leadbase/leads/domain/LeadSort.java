package dev.leadbase.leads.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Orders a lead list can be read in; {@link #LAST_EVENT_AT} is only chosen implicitly, by {@code lastActive}. */
public enum LeadSort {
    CREATED_AT("createdAt"), UPDATED_AT("updatedAt"), FIRST_NAME("firstName"), LAST_NAME("lastName"),
    COMPANY("company"), LAST_CONTACTED_AT("lastContactedAt"), SCORE("score"), LAST_EVENT_AT("lastEventAt");

    private final String wire;

    LeadSort(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static List<LeadSort> requestable() {
        return Arrays.stream(values()).filter(s -> s != LAST_EVENT_AT).toList();
    }

    public static Optional<LeadSort> fromWire(String value) {
        return requestable().stream().filter(s -> s.wire.equals(value)).findFirst();
    }

    public static String allWire() {
        return String.join(", ", requestable().stream().map(LeadSort::wire).toList());
    }
}
