package dev.leadbase.changes.domain;

/** Reads the change event a message of the changes queue carries (the changes store knows the format). */
@FunctionalInterface
public interface ChangeMessageReader {
    /** The event {@code body} carries; a body that holds no readable event is an IllegalArgumentException. */
    ChangeEvent event(String body);
}
