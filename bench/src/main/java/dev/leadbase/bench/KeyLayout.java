package dev.leadbase.bench;

import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.leads.domain.LeadShards;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The key layout the tenant-ceiling model ({@link Ceilings}) assumes: for every table and index of template.yaml, its
 * key attributes, how one tenant's writes spread over its partition key values and whether its sort key only grows.
 * {@code KeyLayoutTest} holds it to the template, so a layout change without a model change fails.
 */
public final class KeyLayout {

    /** Over how many partition key values one tenant's writes to a table or index spread. */
    public enum Spread {
        /** One value per item the tenant owns (a lead id, a lead key, a request): many, so it never limits a tenant. */
        PER_ITEM,
        /** The tenant alone, or a value that all of one tenant's writes of an operation may share (a status). */
        TENANT,
        /** {@code tenant#k} over the tenant's lead shards (K of them). */
        TENANT_SHARDS,
        /** {@code tenant#i} over the tenant's feed partitions ({@link FeedPartition#COUNT}, whatever K is). */
        FEED_PARTITIONS,
        /** One value for every tenant. */
        GLOBAL
    }

    /**
     * A table ({@code Table}) or index ({@code Table.Index}, as DynamoDB reports consumed capacity). {@code sortKey} is
     * null when there is none.
     */
    public record Target(String name, String partitionKey, String sortKey, Spread spread, boolean sortKeyGrows) {
        /**
         * Whether all the writes of one partition key value land on one partition: there is no sort key, or it only
         * grows (a time), so DynamoDB cannot split the value's writes. Otherwise it splits them and they do not limit.
         */
        public boolean onePartitionPerValue() {
            return sortKey == null || sortKeyGrows;
        }
    }

    /**
     * Items that many operations of one tenant write (a tenant's counters), found by a text in their partition key: an
     * item lives on one partition whatever its sort key, so it limits even where the table is split. {@code spread}
     * says over how many items one such counter is spread ({@link Spread#TENANT}: one; {@link Spread#TENANT_SHARDS}: K,
     * so the load measured at {@link #DEFAULT_SHARDS} is scaled for another K). With {@code wholeValue}, the items of
     * one partition key value are taken to share a partition (search entries: within one word their sort key only
     * grows), so the group's unit is the value, not the item.
     */
    public record HotItems(String table, String partitionKeyContains, Spread spread, boolean wholeValue) {
    }

    /** A tenant's lead shards by default and at most. */
    public static final int DEFAULT_SHARDS = LeadShards.DEFAULT;
    public static final int MAX_SHARDS = LeadShards.MAX;

    private static final List<Target> TARGETS = List.of(
            new Target("TenantsTable", "tenantId", null, Spread.TENANT, false),
            // a tenant's few API keys: at worst one takes every write
            new Target("ApiKeysTable", "keyHash", null, Spread.TENANT, false),
            new Target("ApiKeysTable.ByTenant", "tenantId", "keyId", Spread.TENANT, false),
            new Target("ApiKeysTable.ByKeyId", "keyId", null, Spread.TENANT, false),
            new Target("IdempotencyTable", "idempotencyKey", null, Spread.PER_ITEM, false),
            // the lead item: random lead ids under the tenant, split by DynamoDB
            new Target("LeadItemsTable", "tenantId", "leadId", Spread.TENANT, false),
            // every lead index is partitioned by tenant#k (or tenant#status#k, ...) over the tenant's K lead shards
            new Target("LeadItemsTable.ByCreated", "shardPk", "createdKey", Spread.TENANT_SHARDS, true),
            new Target("LeadItemsTable.ByStatus", "statusPk", "createdKey", Spread.TENANT_SHARDS, true),
            new Target("LeadItemsTable.BySource", "sourcePk", "createdKey", Spread.TENANT_SHARDS, true),
            new Target("LeadItemsTable.ByStatusSource", "statusSourcePk", "createdKey", Spread.TENANT_SHARDS, true),
            new Target("LeadItemsTable.ByOwner", "ownerPk", "createdKey", Spread.TENANT_SHARDS, true),
            new Target("LeadItemsTable.ByCompanyId", "companyIdPk", "createdKey", Spread.TENANT_SHARDS, true),
            new Target("LeadItemsTable.ByUpdated", "shardPk", "updatedKey", Spread.TENANT_SHARDS, true),
            new Target("LeadItemsTable.ByContacted", "shardPk", "contactedKey", Spread.TENANT_SHARDS, true),
            new Target("LeadItemsTable.ByFirstName", "shardPk", "firstNameKey", Spread.TENANT_SHARDS, false),
            new Target("LeadItemsTable.ByLastName", "shardPk", "lastNameKey", Spread.TENANT_SHARDS, false),
            new Target("LeadItemsTable.ByCompany", "shardPk", "companyKey", Spread.TENANT_SHARDS, false),
            new Target("LeadItemsTable.ByScore", "shardPk", "scoreKey", Spread.TENANT_SHARDS, false),
            new Target("LeadItemsTable.ByLastEvent", "shardPk", "lastEventKey", Spread.TENANT_SHARDS, true),
            // counters (tenant#counts), uniqueness items (tenant#email#...), search entries (tenant#s#<two letters>#k)
            new Target("LeadIndexTable", "pk", "sk", Spread.TENANT, false),
            new Target("CompaniesTable", "tenantId", "companyId", Spread.TENANT, false),
            new Target("CompaniesTable.ByName", "tenantId", "nameKey", Spread.TENANT, false),
            new Target("EnrichmentJobsTable", "tenantId", "sk", Spread.TENANT, false),
            new Target("EnrichmentJobsTable.ByOpenJob", "openKey", "openedAt", Spread.GLOBAL, true),
            new Target("RulesetsTable", "tenantId", "rulesetId", Spread.TENANT, false),
            new Target("ScoresTable", "leadKey", "rulesetId", Spread.PER_ITEM, false),
            new Target("ScoresTable.ByRulesetScore", "rankKey", "score", Spread.TENANT, false),
            new Target("ScoresTable.ByDecay", "decayKey", "leadKey", Spread.GLOBAL, false),
            new Target("EventsTable", "leadKey", "eventId", Spread.PER_ITEM, false),
            new Target("EventsTable.ByOccurredAt", "leadKey", "occurredMs", Spread.PER_ITEM, true),
            // outbound events: feed items under tenant#i (positions only grow; the id pointers, one per event, are
            // counted with them, which overstates the feed partitions' load), what was last told of a lead's score,
            // subscriptions, and the delivery log under tenant#subscription#status (attempts sorted by time)
            new Target("ChangesTable", "pk", "position", Spread.FEED_PARTITIONS, true),
            new Target("ScoreChangesTable", "leadKey", "rulesetId", Spread.PER_ITEM, false),
            new Target("WebhooksTable", "tenantId", "subscriptionId", Spread.TENANT, false),
            new Target("WebhookDeliveriesTable", "pk", "sk", Spread.TENANT, true));

    private static final List<HotItems> HOT_ITEMS = List.of(
            // a counter's K shard items (<name> U+0001 k) under tenant#counts
            new HotItems("LeadIndexTable", "#counts", Spread.TENANT_SHARDS, false),
            // search entries: one partition key value per first two letters of a word and lead shard (tenant#s#ab#k),
            // sort key word#createdAt#leadId. Within one word the sort key only grows (a time), so that word's writes
            // in one shard land on one partition; the words of one value could split, but the model takes the whole
            // value as one hot item (conservative: the busiest two letters carry all their words' creates in a shard)
            new HotItems("LeadIndexTable", "#s#", Spread.TENANT_SHARDS, true));

    private KeyLayout() {
    }

    /** Every table and index, by name. */
    public static Map<String, Target> targets() {
        Map<String, Target> byName = new LinkedHashMap<>();
        TARGETS.forEach(t -> byName.put(t.name(), t));
        return byName;
    }

    public static List<HotItems> hotItems() {
        return HOT_ITEMS;
    }

    /** The table or index DynamoDB names in consumed capacity, a stack prefix ({@code stack-}) left out. */
    static Target target(String reportedName) {
        Target t = targets().get(reportedName.replaceFirst("^.*?-", ""));
        if (t == null) {
            throw new IllegalStateException("KeyLayout does not know " + reportedName + "; add it (KeyLayoutTest)");
        }
        return t;
    }

    /** The hot-item group a write to this table and partition key belongs to, if any. */
    static Optional<HotItems> hotItems(String table, String partitionKey) {
        String name = table.replaceFirst("^.*?-", "");
        return HOT_ITEMS.stream().filter(h -> h.table().equals(name) && partitionKey.contains(h.partitionKeyContains()))
                .findFirst();
    }

    /** The partition key values a spread gives one tenant: 1, or the shard count; none (no limit) for {@link Spread#PER_ITEM}. */
    static OptionalDouble values(Spread spread, int shards) {
        return switch (spread) {
            case PER_ITEM -> OptionalDouble.empty();
            case TENANT, GLOBAL -> OptionalDouble.of(1);
            case TENANT_SHARDS -> OptionalDouble.of(shards);
            case FEED_PARTITIONS -> OptionalDouble.of(FeedPartition.COUNT);
        };
    }
}
