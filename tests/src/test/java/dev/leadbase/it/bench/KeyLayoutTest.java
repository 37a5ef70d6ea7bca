package dev.leadbase.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadbase.bench.KeyLayout;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.local.template.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The tenant-ceiling model's key layout (bench {@link KeyLayout}) is template.yaml's: the same tables and indexes, with
 * the same key attributes, so that a layout change without a model change fails here.
 */
class KeyLayoutTest {
    private final Template template = Template.load(Path.of("template.yaml"));

    @Test
    void everyTableAndIndexOfTheTemplateIsInTheKeyLayoutWithItsKeyAttributes() {
        Map<String, String> inTemplate = new TreeMap<>();
        for (Template.Table table : template.tables().values()) {
            Map<String, Object> p = table.properties();
            inTemplate.put(table.logicalId(), keys(p.get("KeySchema")));
            for (String indexes : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
                for (Object index : list(p.get(indexes))) {
                    Map<?, ?> i = (Map<?, ?>) index;
                    inTemplate.put(table.logicalId() + "." + i.get("IndexName"), keys(i.get("KeySchema")));
                }
            }
        }
        Map<String, String> inLayout = new TreeMap<>();
        KeyLayout.targets().forEach((name, t) -> inLayout.put(name,
                "HASH " + t.partitionKey() + (t.sortKey() == null ? "" : ", RANGE " + t.sortKey())));

        assertEquals(inTemplate, inLayout, "tables and indexes of template.yaml (key attributes) vs KeyLayout");
    }

    @Test
    void hotItemGroupsAreInTablesOfTheLayout() {
        for (KeyLayout.HotItems hot : KeyLayout.hotItems()) {
            assertEquals(true, KeyLayout.targets().containsKey(hot.table()), hot.table());
        }
    }

    @Test
    void searchEntriesOfOneTwoLetterKeyInOneShardAreOneHotItemAndTheFormerPrefixAndPairGroupsAreGone() {
        String pk = LeadKeys.searchPk("t1", "acme", 3);
        assertEquals("t1#s#ac#3", pk, "a search entry's pk: <tenant>#s#<two letters>#<the lead's shard>");
        List<KeyLayout.HotItems> search = KeyLayout.hotItems().stream()
                .filter(h -> h.table().equals("LeadIndexTable") && pk.contains(h.partitionKeyContains()))
                .toList();
        assertEquals(1, search.size(), "one group holds a search entry's pk");
        assertEquals(true, search.getFirst().wholeValue(), "a whole pk value is one hot item (conservative)");
        assertEquals(KeyLayout.Spread.TENANT_SHARDS, search.getFirst().spread(), "spread over the tenant's K shards");
        assertEquals(List.of(), KeyLayout.hotItems().stream()
                .filter(h -> "t1#w#acme".contains(h.partitionKeyContains())
                        || "t1#p#acm#lab".contains(h.partitionKeyContains())).toList(),
                "no group for the former word-prefix (#w#) and pair (#p#) entries");
    }

    private static String keys(Object keySchema) {
        List<String> keys = new ArrayList<>();
        for (String type : List.of("HASH", "RANGE")) {
            for (Object key : list(keySchema)) {
                Map<?, ?> k = (Map<?, ?>) key;
                if (type.equals(k.get("KeyType"))) {
                    keys.add(type + " " + k.get("AttributeName"));
                }
            }
        }
        return String.join(", ", keys);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
