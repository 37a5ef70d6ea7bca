package dev.leadbase.scoring.domain;

import java.util.List;

/** Hands accepted events to the event worker. */
public interface EventQueue {
    void send(List<ScoringEvent> events);
}
