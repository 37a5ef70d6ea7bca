package dev.leadbase.core.scoring;

/** Hands re-scoring pages to the background re-score worker. */
public interface RescoreQueue {
    void request(RescoreJob job);
}
