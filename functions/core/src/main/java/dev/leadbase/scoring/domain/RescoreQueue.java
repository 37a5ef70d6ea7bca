package dev.leadbase.scoring.domain;

/** Hands re-scoring pages to the background re-score worker. */
public interface RescoreQueue {
    void request(RescoreJob job);
}
