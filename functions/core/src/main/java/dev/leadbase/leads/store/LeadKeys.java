package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.IndexTable;
import dev.leadbase.shared.dynamo.Items;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.TextKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one place where key and index attribute names and values of the LeadItems and LeadIndex tables are
 * built. Every partition key starts with the tenant id; lead index partitions and lead counters end in the lead's
 * shard. Sort keys end in {@code #leadId} so ties break by id; times are fixed-width UTC strings so they sort as text.
 * See docs/data-model.md for which index serves which filter and sort.
 */
public final class LeadKeys {
    // ---- LeadItems table: keys
    public static final String TENANT_ID = "tenantId";
    public static final String LEAD_ID = "leadId";
    public static final String VERSION = "version";
    /** The lead's shard (number), fixed at create; every index partition key of the lead ends in {@code #shard}. */
    public static final String SHARD = "shard";

    // ---- LeadItems table: index attributes derived from user fields (written by create/update)
    /** {@code tenant#shard}: the partition key of the tenant-wide indexes. */
    public static final String SHARD_PK = "shardPk";
    public static final String CREATED_KEY = "createdKey";
    public static final String UPDATED_KEY = "updatedKey";
    public static final String CONTACTED_KEY = "contactedKey";
    public static final String FIRST_NAME_KEY = "firstNameKey";
    public static final String LAST_NAME_KEY = "lastNameKey";
    public static final String COMPANY_KEY = "companyKey";
    public static final String STATUS_PK = "statusPk";
    public static final String SOURCE_PK = "sourcePk";
    public static final String STATUS_SOURCE_PK = "statusSourcePk";
    public static final String OWNER_PK = "ownerPk";
    public static final String COMPANY_ID_PK = "companyIdPk";
    /**
     * The one non-key attribute every index projects: a map of the lead's non-volatile filterable values, under the
     * names of the filters' conditions ({@code f.status}, {@code f.tags}…), the folded copies under
     * {@link #COMPANY_NORM} and {@link #TITLE_NORM}, and {@code f.phone = true} when the lead has a phone. Absent
     * values are left out. Written with the user fields; never by scoring.
     */
    public static final String FILTERABLE = "f";
    /** In {@link #FILTERABLE}: the lead's creation and last change times (the lead item holds no other copy). */
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    /** In {@link #FILTERABLE}: the folded company name and title. */
    public static final String COMPANY_NORM = "companyNorm";
    public static final String TITLE_NORM = "titleNorm";
    /** The condition fields {@link #FILTERABLE} holds, as named there (a folded condition on company/title reads the norm). */
    public static final List<String> FILTERABLE_FIELDS = List.of("status", "source", "ownerId", "companyId",
            COMPANY_NORM, TITLE_NORM, "tags", "phone", CREATED_AT, UPDATED_AT, "lastContactedAt");
    // ---- LeadItems table: index attributes derived from scoring fields, and the version guarding them (written by
    // LeadItemWriter.scores in scoring's transaction)
    public static final String SCORE_KEY = "scoreKey";
    public static final String LAST_EVENT_KEY = "lastEventKey";
    public static final String SCORE_VERSION = "scoreVersion";

    // ---- LeadIndex table (uniqueness items, counters, search entries, company domains)
    public static final String PK = IndexTable.PK;
    public static final String SK = IndexTable.SK;
    public static final String COUNT = IndexTable.COUNT;
    public static final String WORDS = "words";
    /** Begins the name of a counter item's count of one source ({@link #sourceCount}). */
    public static final String SOURCE_COUNT = "source#";

    /** Precedes the shard in a counter's shard item; below every character a counter name can hold. */
    private static final char SHARD_SEPARATOR = '\u0001';
    /** Marks an absent value in a sort key; sorts below every real value. */
    static final String NONE = "!";
    private static final long SCORE_OFFSET = 1_000_000_000_000L;
    /** The letters of a word its search entry's partition key holds; a search word needs as many. */
    private static final int SEARCH_PK_LETTERS = 2;
    /** The letters of a word a search entry's sort key holds at most (a longer word is checked on {@link #WORDS}). */
    private static final int KEY_WORD_MAX = 64;

    /**
     * The GSIs of the LeadItems table: name, partition-key attribute, sort-key attribute. Each partition key value is
     * a partition base ({@link #partitionBase}) followed by {@code #shard} ({@link #inShard}); each projects the keys
     * and {@link #FILTERABLE}.
     */
    public enum Index {
        CREATED("ByCreated", SHARD_PK, CREATED_KEY),
        STATUS("ByStatus", STATUS_PK, CREATED_KEY),
        SOURCE("BySource", SOURCE_PK, CREATED_KEY),
        STATUS_SOURCE("ByStatusSource", STATUS_SOURCE_PK, CREATED_KEY),
        OWNER("ByOwner", OWNER_PK, CREATED_KEY),
        COMPANY_ID("ByCompanyId", COMPANY_ID_PK, CREATED_KEY),
        UPDATED("ByUpdated", SHARD_PK, UPDATED_KEY),
        CONTACTED("ByContacted", SHARD_PK, CONTACTED_KEY),
        FIRST_NAME("ByFirstName", SHARD_PK, FIRST_NAME_KEY),
        LAST_NAME("ByLastName", SHARD_PK, LAST_NAME_KEY),
        COMPANY("ByCompany", SHARD_PK, COMPANY_KEY),
        SCORE("ByScore", SHARD_PK, SCORE_KEY),
        LAST_EVENT("ByLastEvent", SHARD_PK, LAST_EVENT_KEY);

        public final String indexName;
        public final String pkAttribute;
        public final String skAttribute;

        Index(String indexName, String pkAttribute, String skAttribute) {
            this.indexName = indexName;
            this.pkAttribute = pkAttribute;
            this.skAttribute = skAttribute;
        }
    }

    private LeadKeys() {
    }

    // ------------------------------------------------------------------ values

    /** Fixed-width UTC time, sortable as text. */
    public static String time(Instant t) {
        return IndexTable.time(t);
    }

    public static Map<String, AttributeValue> key(String tenantId, String leadId) {
        return Map.of(TENANT_ID, s(tenantId), LEAD_ID, s(leadId));
    }

    /** An index partition key: the partition base (tenant, tenant#status…) in one shard. */
    public static String inShard(String partitionBase, int shard) {
        return partitionBase + "#" + shard;
    }

    /** {@code tenant#shard}: the partition of the tenant-wide indexes (ByCreated, ByUpdated, ByScore…) in one shard. */
    public static String shardPk(String tenantId, int shard) {
        return inShard(tenantId, shard);
    }

    // Partition bases: an index partition key is one of these followed by #shard (inShard).

    public static String statusPk(String tenantId, String status) {
        return tenantId + "#" + status;
    }

    public static String sourcePk(String tenantId, String source) {
        return tenantId + "#" + source;
    }

    public static String statusSourcePk(String tenantId, String status, String source) {
        return tenantId + "#" + status + "#" + source;
    }

    public static String ownerPk(String tenantId, String ownerId) {
        return tenantId + "#" + ownerId;
    }

    public static String companyIdPk(String tenantId, String companyId) {
        return tenantId + "#" + companyId;
    }

    /** The partition base {@code lead} has in {@code index} (before its {@code #shard}); null when not in that sparse index. */
    public static String partitionBase(Index index, Lead lead) {
        String t = lead.tenantId();
        return switch (index) {
            case STATUS -> statusPk(t, lead.status().wire());
            case SOURCE -> sourcePk(t, lead.source().wire());
            case STATUS_SOURCE -> statusSourcePk(t, lead.status().wire(), lead.source().wire());
            case OWNER -> lead.ownerId() == null ? null : ownerPk(t, lead.ownerId());
            case COMPANY_ID -> lead.companyId() == null ? null : companyIdPk(t, lead.companyId());
            default -> t;
        };
    }

    /** Score as a sortable string: offset so negatives sort first, zero-padded. */
    public static String scoreValue(long score) {
        return "n" + String.format("%013d", score + SCORE_OFFSET);
    }

    /** Sort-key prefix of a folded company name in {@link Index#COMPANY}. */
    public static String companyPrefix(String foldedCompany) {
        return foldedCompany + "#";
    }

    /** The sort-key value {@code lead} has in {@code index}; null when the lead is not in that (sparse) index. */
    public static String sortKey(Index index, Lead lead) {
        return switch (index) {
            case CREATED, STATUS, SOURCE, STATUS_SOURCE, OWNER, COMPANY_ID -> createdKey(lead);
            case UPDATED -> time(lead.updatedAt()) + "#" + lead.id();
            case CONTACTED -> (lead.lastContactedAt() == null ? NONE : time(lead.lastContactedAt())) + "#" + lead.id();
            case FIRST_NAME -> nameKey(lead.firstName(), lead.id());
            case LAST_NAME -> nameKey(lead.lastName(), lead.id());
            case COMPANY -> companyPrefix(lead.company() == null ? NONE : TextKeys.fold(lead.company()))
                    + time(lead.createdAt()) + "#" + lead.id();
            case SCORE -> scoreKey(lead.id(), lead.score());
            case LAST_EVENT -> lead.lastEventAt() == null ? null : lastEventKey(lead.id(), lead.lastEventAt());
        };
    }

    public static String createdKey(Lead lead) {
        return time(lead.createdAt()) + "#" + lead.id();
    }

    public static String scoreKey(String leadId, Long score) {
        return (score == null ? NONE : scoreValue(score)) + "#" + leadId;
    }

    public static String lastEventKey(String leadId, Instant at) {
        return time(at) + "#" + leadId;
    }

    /** The time (as {@link #time} writes it) a {@link #lastEventKey} of the lead begins with. */
    public static String lastEventTime(String lastEventKey, String leadId) {
        return lastEventKey.substring(0, lastEventKey.length() - leadId.length() - 1);
    }

    private static String nameKey(String name, String id) {
        return (name == null ? NONE : TextKeys.fold(name)) + "#" + id;
    }

    /**
     * The lead's {@link #SHARD}, the index attributes derived from the user-writable fields in that shard (absent ones
     * are left out: sparse indexes), and {@link #FILTERABLE}.
     */
    public static Map<String, AttributeValue> userIndexAttributes(Lead lead) {
        Map<String, AttributeValue> a = new LinkedHashMap<>();
        int k = lead.shard();
        a.put(SHARD, Items.n(k));
        a.put(SHARD_PK, s(shardPk(lead.tenantId(), k)));
        a.put(CREATED_KEY, s(createdKey(lead)));
        a.put(UPDATED_KEY, s(sortKey(Index.UPDATED, lead)));
        a.put(CONTACTED_KEY, s(sortKey(Index.CONTACTED, lead)));
        a.put(FIRST_NAME_KEY, s(sortKey(Index.FIRST_NAME, lead)));
        a.put(LAST_NAME_KEY, s(sortKey(Index.LAST_NAME, lead)));
        a.put(COMPANY_KEY, s(sortKey(Index.COMPANY, lead)));
        for (Index index : List.of(Index.STATUS, Index.SOURCE, Index.STATUS_SOURCE, Index.OWNER, Index.COMPANY_ID)) {
            String base = partitionBase(index, lead);
            if (base != null) {
                a.put(index.pkAttribute, s(inShard(base, k)));
            }
        }
        a.put(FILTERABLE, AttributeValue.fromM(filterable(lead)));
        return a;
    }

    /**
     * Every attribute {@link #userIndexAttributes} may write, so that an update can remove those now absent; and the
     * top-level folded copies of the first layout ({@code companyNorm}, {@code titleNorm}, now in {@link #FILTERABLE}),
     * so that a lead carried over from it loses them.
     */
    public static final List<String> USER_INDEX_ATTRIBUTES = List.of(SHARD, SHARD_PK, CREATED_KEY, UPDATED_KEY,
            CONTACTED_KEY, FIRST_NAME_KEY, LAST_NAME_KEY, COMPANY_KEY, STATUS_PK, SOURCE_PK, STATUS_SOURCE_PK, OWNER_PK,
            COMPANY_ID_PK, FILTERABLE, "companyNorm", "titleNorm");

    /** The {@link #FILTERABLE} map of a lead: its non-volatile values the list filters test, absent ones left out. */
    public static Map<String, AttributeValue> filterable(Lead lead) {
        Map<String, AttributeValue> f = new LinkedHashMap<>();
        f.put("status", s(lead.status().wire()));
        f.put("source", s(lead.source().wire()));
        if (lead.ownerId() != null) {
            f.put("ownerId", s(lead.ownerId()));
        }
        if (lead.companyId() != null) {
            f.put("companyId", s(lead.companyId()));
        }
        if (lead.company() != null) {
            f.put(COMPANY_NORM, s(TextKeys.fold(lead.company())));
        }
        if (lead.title() != null) {
            f.put(TITLE_NORM, s(TextKeys.fold(lead.title())));
        }
        if (!lead.tags().isEmpty()) {
            f.put("tags", AttributeValue.fromL(lead.tags().stream().map(Items::s).toList()));
        }
        if (lead.phone() != null) {
            f.put("phone", AttributeValue.fromBool(true));
        }
        f.put(CREATED_AT, s(time(lead.createdAt())));
        f.put(UPDATED_AT, s(time(lead.updatedAt())));
        if (lead.lastContactedAt() != null) {
            f.put("lastContactedAt", s(time(lead.lastContactedAt())));
        }
        return f;
    }

    /** Scoring-side index attributes of a lead as stored at creation. */
    public static Map<String, AttributeValue> scoringIndexAttributes(Lead lead) {
        Map<String, AttributeValue> a = new HashMap<>(Map.of(SCORE_KEY, s(scoreKey(lead.id(), lead.score()))));
        if (lead.lastEventAt() != null) {
            a.put(LAST_EVENT_KEY, s(lastEventKey(lead.id(), lead.lastEventAt())));
        }
        return a;
    }

    // ------------------------------------------------------------------ LeadIndex table

    public static Map<String, AttributeValue> emailKey(String tenantId, String normalisedEmail) {
        return Map.of(PK, s(tenantId + "#email#" + normalisedEmail), SK, s("lead"));
    }

    /** A lead counter as written before counters were sharded: still counted by {@link LeadCounters#total}. */
    public static Map<String, AttributeValue> counterKey(String tenantId, String counter) {
        return IndexTable.counterKey(tenantId, counter);
    }

    /**
     * A lead counter's item in one shard: {@code <tenant>#counts} / {@code <counter>} U+0001 {@code <shard>}. No counter
     * name holds a control character (lead text is control-free), so a counter's shard items sort right after its
     * unsharded item and before every other name that begins with it: {@link #counterRange} reads exactly them.
     */
    public static Map<String, AttributeValue> counterKey(String tenantId, String counter, int shard) {
        return IndexTable.counterKey(tenantId, counter + SHARD_SEPARATOR + shard);
    }

    /**
     * The sort-key range ({@code BETWEEN} bounds) holding a counter's unsharded item, written before counters were
     * sharded, and its shard items.
     */
    public static List<String> counterRange(String counter) {
        return List.of(counter, counter + (char) (SHARD_SEPARATOR + 1));
    }

    /**
     * The attribute of a counter item counting, among the leads it counts ({@link #COUNT}), those of one source. A
     * counter {@code <name>#source#<source>} was an item of its own before; now it is this attribute of {@code <name>}'s
     * items, plus the items written before (still counted, {@link LeadCounters#total}).
     */
    public static String sourceCount(String source) {
        return SOURCE_COUNT + source;
    }

    /** One number a lead adds one to: attribute {@code attribute} ({@link #COUNT} or a {@link #sourceCount}) of counter {@code counter}. */
    public record CounterCell(String counter, String attribute) {
    }

    /**
     * The counter cells a lead adds one to, in its shard ({@link #counterKey(String, String, int)}): in the counters
     * all, per status, and the same per owner, the count {@link #COUNT} and the count of its source: four counter
     * items with an owner, two without.
     */
    public static List<CounterCell> counters(Lead lead) {
        List<String> names = new ArrayList<>();
        names.add(counter(null, null));
        names.add(counter(null, lead.status().wire()));
        if (lead.ownerId() != null) {
            names.add(counter(lead.ownerId(), null));
            names.add(counter(lead.ownerId(), lead.status().wire()));
        }
        List<CounterCell> cells = new ArrayList<>();
        for (String name : names) {
            cells.add(new CounterCell(name, COUNT));
            cells.add(new CounterCell(name, sourceCount(lead.source().wire())));
        }
        return cells;
    }

    /** The counter holding the number of leads of this owner and status (either may be null). */
    public static String counter(String ownerId, String status) {
        return "leads" + (ownerId == null ? "" : "#owner#" + ownerId) + (status == null ? "" : "#status#" + status);
    }

    /**
     * The number of leads matching exactly these filters (any may be null): {@link #COUNT} of counter
     * {@code counter(ownerId, status)}, or with a source its {@link #sourceCount}.
     */
    public record LeadCount(String counter, String source) {
        public static LeadCount of(String ownerId, String status, String source) {
            return new LeadCount(LeadKeys.counter(ownerId, status), source);
        }

        /** The counter that held this count in an item of its own before (still counted). */
        public String formerCounter() {
            return source == null ? counter : counter + "#source#" + source;
        }
    }

    /**
     * The words of a lead's search entries, from its search words ({@link TextKeys#searchWords}): one entry per distinct
     * word of {@value #SEARCH_PK_LETTERS} letters or more, keyed by its first {@value #KEY_WORD_MAX} letters, in word
     * order (the last is the entry a create puts last). Shorter words have no entry of their own: a search checks them
     * on {@link #WORDS}.
     */
    public static SequencedSet<String> searchTerms(Set<String> words) {
        SequencedSet<String> terms = new LinkedHashSet<>();
        for (String w : words) {
            if (w.length() >= SEARCH_PK_LETTERS) {
                terms.add(keyWord(w));
            }
        }
        return terms;
    }

    /** A word as a search entry's sort key holds it: its first {@value #KEY_WORD_MAX} letters. */
    public static String keyWord(String word) {
        return word.length() <= KEY_WORD_MAX ? word : word.substring(0, KEY_WORD_MAX);
    }

    /**
     * What every search entry of a lead holds in {@link #WORDS}: all its search words, sorted, each preceded by a space,
     * so that {@code contains(words, " <prefix>")} holds exactly when one of them begins with the prefix.
     */
    public static String searchText(Set<String> words) {
        StringBuilder sb = new StringBuilder();
        new TreeSet<>(words).forEach(w -> sb.append(' ').append(w));
        return sb.toString();
    }

    /**
     * The partition of the search entries, in lead shard {@code shard}, of words beginning with {@code word}'s first
     * {@value #SEARCH_PK_LETTERS} letters (a word of at least that many): {@code <tenant>#s#<letters>#<shard>}. A
     * search reads that partition in each of the tenant's shards, as a list does its index.
     */
    public static String searchPk(String tenantId, String word, int shard) {
        return inShard(tenantId + "#s#" + word.substring(0, SEARCH_PK_LETTERS), shard);
    }

    /**
     * A search entry's sort key: the entry's key word, then the lead's creation key. A word holds no {@code #}, so
     * {@code begins_with(sk, prefix)} holds exactly for the words beginning with the prefix.
     */
    public static String searchSk(String keyWord, String createdKey) {
        return keyWord + "#" + createdKey;
    }

    /** The creation key a search entry's sort key ends with ({@link #searchSk}). */
    public static String createdKeyOfSearchSk(String sk) {
        return sk.substring(sk.indexOf('#') + 1);
    }

    /** The shortest search word a search entry can be looked up by: shorter words are checked on the entries' words. */
    public static int shortestSearchKeyWord() {
        return SEARCH_PK_LETTERS;
    }
}
