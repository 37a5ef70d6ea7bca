package dev.leadbase.companies.domain;

/** Reads a company from an image of its item in the form a change arrives in ({@code I}: a stream record's images). */
public interface CompanyImages<I> {
    /** The company the image holds; null when there is no image. An unreadable company throws. */
    Company company(I image);
}
