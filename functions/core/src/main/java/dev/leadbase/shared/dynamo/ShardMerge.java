package dev.leadbase.shared.dynamo;

import dev.leadbase.shared.concurrent.AtOnce;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The Queries of one index's shards read as one sequence in sort-key order (a K-way merge). Every shard is
 * read with a small first limit, all at once ({@link AtOnce}); later a shard is read again only when the
 * merge has taken all it returned and needs its next entry, each time with twice the limit. Sort keys must be
 * unique across shards (they end in an id), so the order is total and the same as one index holding them all.
 *
 * <p>Keys are compared as DynamoDB compares strings: by their UTF-8 bytes, i.e. by code point.
 */
public final class ShardMerge {
    private static final int MAX_LIMIT = 1000;
    private final List<Shard> shards = new ArrayList<>();
    private final String sortKey;
    private final boolean ascending;
    private long entriesRead;
    private long queries;

    /**
     * @param queries    one Query a shard, each with its key condition, filter and projection (which must keep
     *                   {@code sortKey}); their own limits are ignored
     * @param startKeys  for each shard, the key to resume after (built from a client's cursor: a refused one is the
     *                   cursor's fault, see {@link Pages#resuming}), or null to start at its first entry
     * @param firstLimit the limit of each shard's first read
     */
    public ShardMerge(DynamoDbClient dynamo, List<QueryRequest> queries, List<Map<String, AttributeValue>> startKeys,
                      String sortKey, boolean ascending, int firstLimit) {
        this.sortKey = sortKey;
        this.ascending = ascending;
        for (int i = 0; i < queries.size(); i++) {
            shards.add(new Shard(Pages.resuming(dynamo, queries.get(i), startKeys.get(i)), Math.max(1, firstLimit)));
        }
    }

    /**
     * The limit of each shard's first read when {@code wanted} entries are expected in all: ceil(wanted / K) + 4.
     * The margin lets most shards hold more than their even share without a second Query, and costs nothing while
     * the entries read stay within one 4 KB read unit (a page of 50 over 8 shards: 11 entries of keys and a small
     * {@code f} each). With + 2 some shard of 8 was read again on about three pages of 50 in four; with + 4, on
     * about one in four.
     */
    public static int firstLimit(long wanted, int shards) {
        return (int) Math.min(MAX_LIMIT, (wanted + shards - 1) / shards + 4);
    }

    /** True when another entry follows (reading shards as needed to know). */
    public boolean hasNext() {
        return head() != null;
    }

    /** The next entry in merged order. */
    public Map<String, AttributeValue> next() {
        Shard s = head();
        if (s == null) {
            throw new NoSuchElementException("Every shard is exhausted");
        }
        return s.buffer.poll();
    }

    /**
     * True unless every shard is known to be exhausted; unlike {@link #hasNext} it reads nothing, so it may be true
     * when nothing follows.
     */
    public boolean mayHaveMore() {
        for (Shard s : shards) {
            if (!s.buffer.isEmpty() || s.pages.hasNext()) {
                return true;
            }
        }
        return false;
    }

    /** Index entries DynamoDB evaluated for this merge so far (the sum of every shard Query's ScannedCount). */
    public long entriesRead() {
        return entriesRead;
    }

    /** Queries sent so far. */
    public long queries() {
        return queries;
    }

    /** The shard holding the next entry, after reading every shard that has none buffered and may hold more. */
    private Shard head() {
        List<Shard> drained = drained(shards);
        while (!drained.isEmpty()) {
            read(drained);
            drained = drained(drained);
        }
        Shard best = null;
        for (Shard s : shards) {
            if (!s.buffer.isEmpty() && (best == null || before(s.key(sortKey), best.key(sortKey)))) {
                best = s;
            }
        }
        return best;
    }

    /** The shards of {@code among} that have nothing buffered and may hold more. */
    private static List<Shard> drained(List<Shard> among) {
        List<Shard> drained = new ArrayList<>();
        for (Shard s : among) {
            if (s.buffer.isEmpty() && s.pages.hasNext()) {
                drained.add(s);
            }
        }
        return drained;
    }

    private boolean before(String a, String b) {
        int c = compare(a, b);
        return ascending ? c < 0 : c > 0;
    }

    /**
     * Counts the matches of every shard's Query at once (each with Select COUNT, page after page):
     * {matches, entries evaluated}.
     */
    public static long[] count(DynamoDbClient dynamo, List<QueryRequest> queries) {
        List<Callable<long[]>> counts = queries.stream().map(query -> (Callable<long[]>) () -> {
            long[] c = {0, 0};
            for (Pages pages = Pages.of(dynamo, query.toBuilder().select(Select.COUNT).build()); pages.hasNext(); ) {
                QueryResponse r = pages.next();
                c[0] += r.count();
                c[1] += r.scannedCount();
            }
            return c;
        }).toList();
        long[] sum = {0, 0};
        for (long[] c : AtOnce.all(counts)) {
            sum[0] += c[0];
            sum[1] += c[1];
        }
        return sum;
    }

    /** DynamoDB's order of string values: by UTF-8 bytes, which is code-point order. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Reads one page of each shard, at once. */
    private void read(List<Shard> toRead) {
        List<Callable<QueryResponse>> reads = new ArrayList<>();
        for (Shard s : toRead) {
            reads.add(s::read);
        }
        for (QueryResponse r : AtOnce.all(reads)) {
            entriesRead += r.scannedCount();
            queries++;
        }
    }

    /** One shard's Query: its pages, the entries read and not yet taken, and the limit of its next read. */
    private static final class Shard {
        final Pages pages;
        final ArrayDeque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        int limit;

        Shard(Pages pages, int limit) {
            this.pages = pages;
            this.limit = limit;
        }

        QueryResponse read() {
            QueryResponse r = pages.next(limit);
            buffer.addAll(r.items());
            limit = Math.min(MAX_LIMIT, limit * 2);
            return r;
        }

        String key(String attribute) {
            return buffer.peek().get(attribute).s();
        }
    }
}
