package dev.leadbase.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadbase.it.Fixture;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The bench bills a transaction by AWS's rule (2 units per started KB of each item of the transaction; 1 per started KB
 * of each index entry it adds, removes, moves or changes, written by the propagation after it), on a scratch table of
 * the test DynamoDB Local with a keys-only and an all-attributes index.
 */
class TransactionBillingTest {
    private static final String TABLE = "billing-" + UUID.randomUUID();
    private static DynamoDbClient raw;
    private static MeteredDynamo meter;
    private static DynamoDbClient metered;

    @BeforeAll
    static void table() {
        raw = Fixture.runtime().dynamo();
        raw.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("pk"), string("g"), string("s"))
                .keySchema(key("pk", KeyType.HASH))
                .globalSecondaryIndexes(index("Keys", ProjectionType.KEYS_ONLY), index("Whole", ProjectionType.ALL)));
        meter = MeteredDynamo.around(raw);
        metered = meter.client();
    }

    @Test
    void aSmallItemInATransactionBillsTwoUnitsAndOnePerIndexEntryItAdds() {
        meter.reset();
        transact(put("a", Map.of("g", s("x"), "s", s("1"))));
        MeteredDynamo.Reading r = meter.reset();
        assertEquals(4.0, r.writeUnits(), "table 2 (prepare and commit) + two new index entries 1 each");
        assertEquals(2.0, r.byTarget().get(TABLE));
        assertEquals(1.0, r.byTarget().get(TABLE + ".Keys"));
        assertEquals(1.0, r.byTarget().get(TABLE + ".Whole"));
    }

    @Test
    void aChangeOutsideAKeysOnlyIndexLeavesItUnbilledAndAMovedKeyBillsDeleteAndPut() {
        transact(put("b", Map.of("g", s("x"), "s", s("1"))));
        meter.reset();
        transact(update("b", "SET note = :v", Map.of(":v", s("changed"))));
        MeteredDynamo.Reading changed = meter.reset();
        assertEquals(null, changed.byTarget().get(TABLE + ".Keys"), "keys-only entry untouched");
        assertEquals(1.0, changed.byTarget().get(TABLE + ".Whole"), "the whole copy is rewritten, once");

        transact(update("b", "SET s = :v", Map.of(":v", s("2"))));
        MeteredDynamo.Reading moved = meter.reset();
        assertEquals(2.0, moved.byTarget().get(TABLE + ".Keys"), "delete + put, 1 each");
        assertEquals(2.0, moved.byTarget().get(TABLE), "the item itself still 2");
    }

    @Test
    void unitsGrowWithEachStartedKilobyteOfTheItem() {
        meter.reset();
        transact(put("c", Map.of("big", s("x".repeat(2500)))));
        MeteredDynamo.Reading r = meter.reset();
        assertEquals(6.0, r.writeUnits(), "a 2.5 KB item is 3 started KB, doubled; it is in no index");
        assertEquals(List.of(TABLE), List.copyOf(r.byTarget().keySet()));
    }

    @Test
    void aLargeItemsIndexEntriesBillOncePerStartedKilobyteWhereTheItemBillsTwice() {
        meter.reset();
        transact(put("f", Map.of("g", s("x"), "s", s("1"), "big", s("x".repeat(2500)))));
        MeteredDynamo.Reading r = meter.reset();
        assertEquals(6.0, r.byTarget().get(TABLE), "3 started KB, prepare and commit");
        assertEquals(3.0, r.byTarget().get(TABLE + ".Whole"), "the whole copy: 3 started KB, once");
        assertEquals(1.0, r.byTarget().get(TABLE + ".Keys"), "keys only: under 1 KB");
    }

    @Test
    void twoSmallItemsBillTwoEach() {
        meter.reset();
        transact(put("d", Map.of()), put("e", Map.of()));
        assertEquals(4.0, meter.reset().writeUnits());
    }

    private static void transact(TransactWriteItem... writes) {
        metered.transactWriteItems(t -> t.transactItems(writes));
    }

    private static TransactWriteItem put(String pk, Map<String, AttributeValue> rest) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(rest);
        item.put("pk", s(pk));
        return TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item)).build();
    }

    private static TransactWriteItem update(String pk, String expression, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(Map.of("pk", s(pk)))
                .updateExpression(expression).expressionAttributeValues(values)).build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, ProjectionType projection) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key("g", KeyType.HASH), key("s", KeyType.RANGE))
                .projection(p -> p.projectionType(projection)).build();
    }
}
