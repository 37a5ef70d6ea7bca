package dev.leadbase.leads.domain;

/**
 * What serving one list cost, from the counts DynamoDB returned: leads read from the table for the page
 * ({@code scanned}; for a search, the search entries evaluated) and leads returned ({@code matched}), entries skipped
 * to reach {@code page=N}, items evaluated to count the total (zero when counters answered), and the index entries
 * read to merge the index's shards ({@code entriesRead}: every shard Query's ScannedCount, skipping included).
 */
public record ReadStats(String index, long scanned, long matched, long skipped, long countScanned, boolean totalFromCounter,
                        long entriesRead) {
    /** Stats of a read that merges no shards. */
    public ReadStats(String index, long scanned, long matched, long skipped, long countScanned, boolean totalFromCounter) {
        this(index, scanned, matched, skipped, countScanned, totalFromCounter, 0);
    }

    /** Leads read per lead returned while reading the page itself (read amplification). */
    public double amplification(int returned) {
        return returned == 0 ? scanned : (double) scanned / returned;
    }
}
