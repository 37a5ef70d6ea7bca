package dev.leadbase.leads.domain;

/**
 * Mends a lead's search entries after a change to the lead, given the lead as it was and as it is now (in the form
 * the change arrives in, {@code I}: a stream record's images); answers how many entries it wrote or deleted.
 */
public interface SearchRepair<I> {
    int repair(I before, I after);
}
