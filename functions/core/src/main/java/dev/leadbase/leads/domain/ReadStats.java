package dev.leadbase.leads.domain;

/**
 * What serving one list cost, from the counts DynamoDB returned: items evaluated and items matched
 * while reading the page, index entries skipped to reach {@code page=N}, and items evaluated to
 * count the total (zero when counters answered).
 */
public record ReadStats(String index, long scanned, long matched, long skipped, long countScanned, boolean totalFromCounter) {
    /** Items evaluated per item returned while reading the page itself. */
    public double amplification(int returned) {
        return returned == 0 ? scanned : (double) scanned / returned;
    }
}
