package dev.leadbase.enrichment.domain;

import java.util.Locale;

/** Where a job stands: failed leads are those that errored; a lead without a match still completes. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, PARTIAL, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
