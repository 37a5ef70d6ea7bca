package dev.leadbase.it.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.it.Fixture;
import dev.leadbase.shared.dynamo.Pages;
import dev.leadbase.shared.dynamo.ShardMerge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The kit's K-way merge against the runtime's DynamoDB: keys spread over five partitions merge into exactly the order
 * DynamoDB gives the same keys in one partition (accents, letters beyond the BMP and the highest BMP letters included),
 * both ways, resuming after any key, reading a shard again only when it is drained.
 */
class ShardMergeTest {
    private static final int SHARDS = 5;
    private static final String[] STEMS = {"a", "B", "émile", "zoë", "\uD83D\uDE00smile", "\uFF21wide", "", "a#b", "~"};
    private static DynamoDbClient dynamo;
    private static String table;
    private static String base;
    private static List<String> keys;

    @BeforeAll
    static void keysSpreadOverFivePartitionsAndAllInOne() {
        dynamo = Fixture.runtime().dynamo();
        table = Fixture.runtime().tableName("LeadIndexTable");
        base = "merge-test#" + System.nanoTime();
        keys = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            keys.add(STEMS[i % STEMS.length] + "#id" + random.nextInt(1_000_000) + "_" + i);
        }
        Collections.shuffle(keys, random);
        for (int i = 0; i < keys.size(); i++) {
            String sk = keys.get(i);
            int shard = i % SHARDS;
            dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s(base + "#" + shard), "sk", s(sk))));
            dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s(base + "#all"), "sk", s(sk))));
        }
    }

    @Test
    void shardsMergeIntoTheOrderDynamoDbGivesOnePartitionBothWays() {
        for (boolean ascending : new boolean[] {true, false}) {
            List<String> expected = onePartition(ascending);
            ShardMerge merge = merge(ascending, null, 2);
            List<String> merged = new ArrayList<>();
            while (merge.hasNext()) {
                merged.add(merge.next().get("sk").s());
            }
            assertEquals(expected, merged, ascending ? "asc" : "desc");
            assertFalse(merge.mayHaveMore());
            assertEquals(keys.size(), merge.entriesRead(), "each entry is read once");
        }
    }

    @Test
    void aMergeResumesInEveryShardAfterOneKeyEvenWhereItIsNotStored() {
        List<String> expected = onePartition(true);
        String after = expected.get(21);
        ShardMerge merge = merge(true, after, 3);
        List<String> rest = new ArrayList<>();
        while (merge.hasNext()) {
            rest.add(merge.next().get("sk").s());
        }
        assertEquals(expected.subList(22, expected.size()), rest);
    }

    @Test
    void onlyTheShardsTheMergeDrainsAreReadAgain() {
        ShardMerge merge = merge(true, null, 2);
        for (int i = 0; i < 3; i++) {
            merge.next();
        }
        assertTrue(merge.queries() <= SHARDS + 2, "the first read of each shard and at most two more: " + merge.queries());
        assertTrue(merge.mayHaveMore());
    }

    @Test
    void keysCompareAsDynamoDbComparesThemByCodePoint() {
        assertTrue(ShardMerge.compare("\uFF21", "\uD83D\uDE00") < 0, "U+FF21 sorts before U+1F600 in UTF-8");
        assertTrue(ShardMerge.compare("a", "a#") < 0);
        assertEquals(0, ShardMerge.compare("é", "é"));
    }

    private static ShardMerge merge(boolean ascending, String after, int firstLimit) {
        List<QueryRequest> queries = new ArrayList<>();
        List<Map<String, AttributeValue>> starts = new ArrayList<>();
        for (int k = 0; k < SHARDS; k++) {
            queries.add(query(base + "#" + k, ascending));
            String pk = base + "#" + k;
            starts.add(after == null ? null : Map.of("pk", s(pk), "sk", s(after)));
        }
        return new ShardMerge(dynamo, queries, starts, "sk", ascending, firstLimit);
    }

    private static List<String> onePartition(boolean ascending) {
        List<String> all = new ArrayList<>();
        for (Pages pages = Pages.of(dynamo, query(base + "#all", ascending)); pages.hasNext(); ) {
            pages.next().items().forEach(i -> all.add(i.get("sk").s()));
        }
        assertEquals(keys.size(), all.size());
        return all;
    }

    private static QueryRequest query(String pk, boolean ascending) {
        // consistent: the items were written a moment ago (DynamoDB may answer an eventually consistent read without them)
        return QueryRequest.builder().tableName(table).consistentRead(true).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(pk))).scanIndexForward(ascending).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
