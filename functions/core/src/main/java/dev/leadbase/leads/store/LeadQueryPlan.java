package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.Expr;
import dev.leadbase.shared.dynamo.Items;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.domain.filters.Condition;
import dev.leadbase.leads.domain.filters.KeyPart;
import dev.leadbase.leads.domain.filters.KeyPart.Key;
import dev.leadbase.leads.domain.filters.LeadFilter;
import dev.leadbase.leads.store.LeadKeys.Index;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Which GSI serves a lead list, with its key condition (partition base and sort-key range; a list queries that
 * partition in every shard), and a filter made of the conditions of every filter the key does not serve, on the
 * values the index projects; the rest is checked on the fetched leads. The table in docs/data-model.md is this class
 * in prose.
 */
final class LeadQueryPlan {
    /** Partition keys of the creation-ordered indexes, most selective first. */
    private static final List<Key> CREATED_PARTITIONS = List.of(Key.OWNER, Key.COMPANY_ID, Key.COMPANY);

    final Index index;
    /** The partition key's base (tenant, tenant#status…): shard k's partition is {@code pk#k}. */
    final String pk;
    final String lo;
    final String hi;
    final boolean forward;
    /** The exact counter answering the total, or null when the matches must be counted. */
    final LeadKeys.LeadCount counter;
    private final String tenantId;
    private final List<LeadFilter> unserved = new ArrayList<>();

    private LeadQueryPlan(ListLeadsQuery q, Index index, String pk, String[] range, Set<Key> served) {
        this.tenantId = q.tenantId();
        this.index = index;
        this.pk = pk;
        this.lo = range[0];
        this.hi = range[1];
        this.forward = q.ascending();
        for (LeadFilter f : q.filters()) {
            if (f.key().map(k -> !served.contains(k.key())).orElse(true)) {
                unserved.add(f);
            }
        }
        this.counter = counterFor(q);
    }

    static LeadQueryPlan of(ListLeadsQuery q) {
        String t = q.tenantId();
        Map<Key, KeyPart> keys = new EnumMap<>(Key.class);
        for (LeadFilter f : q.filters()) {
            f.key().ifPresent(k -> keys.put(k.key(), k));
        }
        Set<Key> served = EnumSet.noneOf(Key.class);
        String[] none = {null, null};
        return switch (q.sortBy()) {
            case CREATED_AT -> {
                Index index = Index.CREATED;
                String pk = t;
                String prefix = "";
                Key partition = null;
                for (Key candidate : CREATED_PARTITIONS) {
                    if (keys.containsKey(candidate)) {
                        partition = candidate;
                        break;
                    }
                }
                if (partition == Key.OWNER) {
                    index = Index.OWNER;
                    pk = LeadKeys.ownerPk(t, keys.get(Key.OWNER).value());
                } else if (partition == Key.COMPANY_ID) {
                    index = Index.COMPANY_ID;
                    pk = LeadKeys.companyIdPk(t, keys.get(Key.COMPANY_ID).value());
                } else if (partition == Key.COMPANY) {
                    index = Index.COMPANY;
                    prefix = LeadKeys.companyPrefix(keys.get(Key.COMPANY).value());
                } else if (keys.containsKey(Key.STATUS) && keys.containsKey(Key.SOURCE)) {
                    index = Index.STATUS_SOURCE;
                    pk = LeadKeys.statusSourcePk(t, keys.get(Key.STATUS).value(), keys.get(Key.SOURCE).value());
                    served.add(Key.SOURCE);
                    partition = Key.STATUS;
                } else if (keys.containsKey(Key.STATUS)) {
                    index = Index.STATUS;
                    pk = LeadKeys.statusPk(t, keys.get(Key.STATUS).value());
                    partition = Key.STATUS;
                } else if (keys.containsKey(Key.SOURCE)) {
                    index = Index.SOURCE;
                    pk = LeadKeys.sourcePk(t, keys.get(Key.SOURCE).value());
                    partition = Key.SOURCE;
                }
                if (partition != null) {
                    served.add(partition);
                }
                served.add(Key.CREATED);
                yield new LeadQueryPlan(q, index, pk, times(index, prefix, keys.get(Key.CREATED)), served);
            }
            case UPDATED_AT -> {
                served.add(Key.UPDATED);
                yield new LeadQueryPlan(q, Index.UPDATED, t, times(Index.UPDATED, "", keys.get(Key.UPDATED)), served);
            }
            case LAST_CONTACTED_AT -> {
                served.add(Key.CONTACTED);
                yield new LeadQueryPlan(q, Index.CONTACTED, t, times(Index.CONTACTED, "", keys.get(Key.CONTACTED)), served);
            }
            case FIRST_NAME -> new LeadQueryPlan(q, Index.FIRST_NAME, t, none, served);
            case LAST_NAME -> new LeadQueryPlan(q, Index.LAST_NAME, t, none, served);
            case COMPANY -> {
                if (keys.containsKey(Key.COMPANY)) {
                    served.add(Key.COMPANY);
                    served.add(Key.CREATED);
                    yield new LeadQueryPlan(q, Index.COMPANY, t, times(Index.COMPANY,
                            LeadKeys.companyPrefix(keys.get(Key.COMPANY).value()), keys.get(Key.CREATED)), served);
                }
                yield new LeadQueryPlan(q, Index.COMPANY, t, none, served);
            }
            case SCORE -> {
                served.add(Key.SCORE);
                KeyPart score = keys.get(Key.SCORE);
                Long min = score == null ? null : score.min();
                Long max = score == null ? null : score.max();
                yield new LeadQueryPlan(q, Index.SCORE, t, new String[] {
                        min == null ? (max == null ? null : "n") : LeadKeys.scoreValue(min),
                        max == null ? null : LeadKeys.scoreValue(max) + "#~"}, served);
            }
            case LAST_EVENT_AT -> {
                served.add(Key.LAST_EVENT);
                yield new LeadQueryPlan(q, Index.LAST_EVENT, t, times(Index.LAST_EVENT, "", keys.get(Key.LAST_EVENT)), served);
            }
        };
    }

    /** The sort-key range {lo, hi} of a time window (null: unbounded) under a sort-key prefix. */
    private static String[] times(Index index, String prefix, KeyPart window) {
        Instant from = window == null ? null : window.from();
        Instant to = window == null ? null : window.to();
        String lo = from == null ? (prefix.isEmpty() ? null : prefix) : prefix + LeadKeys.time(from);
        String hi = to == null ? (prefix.isEmpty() ? null : prefix + "~")
                : prefix + LeadKeys.time(to.minusMillis(1)) + "~";
        if (index == Index.CONTACTED && lo == null && hi != null) {
            lo = "#"; // leads never contacted have no contact time: they are not "before" anything
        }
        return new String[] {lo, hi};
    }

    /** The counter answering the total when every filter is one the counters are kept by (owner, status, source). */
    private static LeadKeys.LeadCount counterFor(ListLeadsQuery q) {
        Map<Key, String> values = new EnumMap<>(Key.class);
        for (LeadFilter f : q.filters()) {
            if (!f.counted()) {
                return null;
            }
            f.key().ifPresent(k -> values.put(k.key(), k.value()));
        }
        return LeadKeys.LeadCount.of(values.get(Key.OWNER), values.get(Key.STATUS), values.get(Key.SOURCE));
    }

    /**
     * The Query of shard {@code k} of this plan's index: key condition and the FilterExpression of the unserved
     * conditions on fields the index projects (its map {@code f}). The caller adds select, limit and start key.
     */
    QueryRequest.Builder query(String table, int k) {
        Expr e = new Expr();
        String key = e.name(index.pkAttribute) + " = " + e.value(s(LeadKeys.inShard(pk, k)));
        String sk = lo == null && hi == null ? null : e.name(index.skAttribute);
        if (lo != null && hi != null) {
            key += " AND " + sk + " BETWEEN " + e.value(s(lo)) + " AND " + e.value(s(hi));
        } else if (lo != null) {
            key += " AND " + sk + " >= " + e.value(s(lo));
        } else if (hi != null) {
            key += " AND " + sk + " <= " + e.value(s(hi));
        }
        Expr f = e.sibling();
        for (LeadFilter filter : unserved) {
            for (Condition c : filter.conditions()) {
                if (projected(c)) {
                    f.and(expression(e, c));
                }
            }
        }
        QueryRequest.Builder b = QueryRequest.builder().tableName(table).indexName(index.indexName)
                .keyConditionExpression(key).scanIndexForward(forward)
                .expressionAttributeNames(e.names).expressionAttributeValues(e.values);
        if (!f.isEmpty()) {
            b.filterExpression(f.joined(" AND "));
        }
        return b;
    }

    /** {@link #query} projecting only what a merge needs of an entry: its lead id and sort key (the lead is read whole). */
    QueryRequest entries(String table, int k) {
        QueryRequest.Builder b = query(table, k);
        Map<String, String> names = new HashMap<>(b.build().expressionAttributeNames());
        names.put("#e0", LeadKeys.LEAD_ID);
        names.put("#e1", index.skAttribute);
        return b.projectionExpression("#e0, #e1").expressionAttributeNames(names).build();
    }

    /**
     * True when some condition is on a field the index does not project (score, the last event): only the fetched
     * leads can tell whether an entry matches, so skipping and counting read the leads too.
     */
    boolean checksOnLeads() {
        for (LeadFilter filter : unserved) {
            for (Condition c : filter.conditions()) {
                if (!projected(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean projected(Condition c) {
        return LeadKeys.FILTERABLE_FIELDS.contains(c.folded() ? folded(c.field()) : c.field());
    }

    /** One condition as a DynamoDB filter expression on the entry's copy {@code f} of the lead's fields. */
    private static String expression(Expr e, Condition c) {
        String a = e.name(LeadKeys.FILTERABLE) + "." + e.name(c.folded() ? folded(c.field()) : c.field());
        return switch (c.op()) {
            case EQUALS -> a + " = " + e.value(value(c.value()));
            case CONTAINS -> "contains(" + a + ", " + e.value(value(c.value())) + ")";
            case AT_LEAST -> a + " >= " + e.value(value(c.value()));
            case AT_MOST -> a + " <= " + e.value(value(c.value()));
            case BEFORE -> a + " < " + e.value(value(c.value()));
            case PRESENT -> "attribute_exists(" + a + ")";
            case ABSENT -> "attribute_not_exists(" + a + ")";
        };
    }

    /** The attribute holding the folded copy of a field. */
    private static String folded(String field) {
        return switch (field) {
            case "company" -> LeadKeys.COMPANY_NORM;
            case "title" -> LeadKeys.TITLE_NORM;
            default -> throw new IllegalArgumentException("no folded copy of " + field);
        };
    }

    private static AttributeValue value(Object v) {
        return switch (v) {
            case Instant t -> s(LeadKeys.time(t));
            case Long n -> Items.n(n);
            default -> s(String.valueOf(v));
        };
    }

    /** The start key of shard {@code k} resuming after the entry whose sort key and lead id are given. */
    Map<String, AttributeValue> startAfter(int k, String sortKey, String leadId) {
        Map<String, AttributeValue> key = new HashMap<>(LeadKeys.key(tenantId, leadId));
        key.put(index.pkAttribute, s(LeadKeys.inShard(pk, k)));
        key.put(index.skAttribute, s(sortKey));
        return key;
    }
}
