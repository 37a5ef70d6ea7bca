package dev.leadbase.leads.domain;

/**
 * Reads a lead from an image of its item in the form a change arrives in ({@code I}: a stream record's images), with
 * the one reader of lead items, so that a change event shows the lead as {@code GET /api/v2/leads/{id}} does.
 */
public interface LeadImages<I> {
    /** The lead the image holds; null when there is no image or it holds no lead. An unreadable lead throws. */
    Lead lead(I image);
}
