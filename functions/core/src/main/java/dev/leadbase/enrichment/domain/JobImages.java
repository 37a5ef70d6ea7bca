package dev.leadbase.enrichment.domain;

/**
 * Reads a job header from an image of an EnrichmentJobs item in the form a change arrives in ({@code I}: a stream
 * record's images).
 */
public interface JobImages<I> {
    /** The job the image holds; null when there is no image or it is not a job header (a result, a rate counter). */
    EnrichmentJob job(I image);
}
