package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.BatchWrite;
import dev.leadbase.shared.dynamo.Items;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.TextKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The search entries of leads in the lead index table: one per distinct search word of a lead ({@link LeadKeys#searchTerms}),
 * keyed by the word and the lead's creation key, each holding the lead id and all the lead's search words. The lead's own
 * write brings them up to date right after its transaction ({@link #write}): a create puts the entry of the last word
 * only once all others are written. The Leads stream brings them up to date again from the stored lead
 * ({@link #repair}), so that a write cut short, or two writes finishing out of order, leave no lead unfindable.
 */
public record LeadSearchIndex(DynamoDbClient dynamo, String leads, String index) {
    /**
     * Brings the entries from those of {@code before} to those of {@code after} (either may be null), unread: when the
     * searchable text changed, the entries of words {@code after} has not are deleted and every entry of
     * {@code after} is put (each holds all its words).
     */
    void write(Lead before, Lead after) {
        Text was = Text.of(before);
        Text now = Text.of(after);
        if (!textChanged(was, now)) {
            return;
        }
        boolean moved = before == null || after == null || !sameCreatedKey(before, after);
        List<WriteRequest> requests = new ArrayList<>();
        for (String term : was.terms()) {
            if (moved || !now.terms().contains(term)) {
                requests.add(delete(before, term));
            }
        }
        for (String term : now.terms()) {
            requests.add(put(now, term));
        }
        if (before != null || requests.isEmpty()) {
            send(requests);
        } else {
            // the last word's entry marks the others written: a create's check reads only that one
            send(requests.subList(0, requests.size() - 1));
            send(requests.subList(requests.size() - 1, requests.size()));
        }
    }

    /**
     * What one change of a Leads stream record asks of the entries, given its old and new images (either null):
     * nothing when the searchable text did not change, nor for a create whose last entry is in place (its write
     * put that one after all the others, and any later change has a record of its own). Otherwise the lead as
     * stored now decides: its entries are read and written where missing or stale, and the entries of the images'
     * words it no longer has are deleted. Answers how many entries it wrote or deleted.
     */
    public int repair(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        Lead before = indexable(oldImage);
        Lead after = indexable(newImage);
        Text was = Text.of(before);
        Text now = Text.of(after);
        if (before == null && after == null || !textChanged(was, now) || before == null && lastEntryWritten(now)) {
            return 0;
        }
        Lead any = after != null ? after : before;
        Set<String> gone = new HashSet<>(was.terms());
        gone.addAll(now.terms());
        return bringUpToDate(any.tenantId(), any.id(), any, gone);
    }

    /**
     * Brings the search entries of the lead stored under {@code tenantId}/{@code leadId} to its stored text: reads it
     * consistently and puts its entries that are missing or stale. Answers how many it wrote (0 when no lead is
     * stored there, or its entries are up to date). Idempotent: the search upgrade calls it for every lead.
     */
    public int index(String tenantId, String leadId) {
        return bringUpToDate(tenantId, leadId, null, Set.of());
    }

    /**
     * Whether an item of the lead index table is a search entry of a layout before: a word prefix or a pair of them
     * ({@code <tenant>#w#…}, {@code <tenant>#p#…}), or a word's entry not yet in a lead shard ({@code <tenant>#s#ab}).
     */
    public static boolean formerEntry(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(LeadKeys.PK);
        if (pk == null || pk.s() == null) {
            return false;
        }
        String[] parts = pk.s().split("#", -1);
        return parts.length >= 3 && (parts[1].equals("w") || parts[1].equals("p"))
                || parts.length == 3 && parts[1].equals("s");
    }

    /**
     * Reads the lead as stored now (consistently), its entries, and those of {@code goneWords} (words of an
     * {@code earlier} version of it, keyed by that version's creation key); puts the stored lead's entries that are
     * missing or stale and deletes the entries of {@code goneWords} it no longer has. Answers how many entries it wrote
     * or deleted.
     */
    private int bringUpToDate(String tenantId, String leadId, Lead earlier, Set<String> goneWords) {
        Optional<Text> stored = Optional.ofNullable(indexable(dynamo.getItem(g -> g.tableName(leads).consistentRead(true)
                .key(LeadKeys.key(tenantId, leadId))).item())).map(Text::of);
        Set<String> wanted = stored.<Set<String>>map(Text::terms).orElse(Set.of());
        Set<String> gone = new HashSet<>(goneWords);
        gone.removeAll(wanted);
        if (wanted.isEmpty() && gone.isEmpty()) {
            return 0;
        }
        Map<Map<String, AttributeValue>, String> termsByKey = new LinkedHashMap<>();
        wanted.forEach(term -> termsByKey.put(key(stored.get().lead(), term), term));
        gone.forEach(term -> termsByKey.put(key(earlier, term), term));
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, index, termsByKey.keySet(), true)) {
            found.put(termsByKey.get(Map.of(LeadKeys.PK, item.get(LeadKeys.PK), LeadKeys.SK, item.get(LeadKeys.SK))), item);
        }
        List<WriteRequest> requests = new ArrayList<>();
        for (String term : wanted) {
            if (!holds(found.get(term), stored.get())) {
                requests.add(put(stored.get(), term));
            }
        }
        for (String term : gone) {
            if (found.containsKey(term)) {
                requests.add(delete(earlier, term));
            }
        }
        send(requests);
        return requests.size();
    }

    private static boolean sameCreatedKey(Lead a, Lead b) {
        return Objects.equals(LeadKeys.createdKey(a), LeadKeys.createdKey(b));
    }

    /** True when the entry of the lead's last word is there as its write puts it (one consistent read). */
    private boolean lastEntryWritten(Text created) {
        SequencedSet<String> terms = created.terms();
        if (terms.isEmpty()) {
            return true;
        }
        Map<String, AttributeValue> found = dynamo.getItem(g -> g.tableName(index).consistentRead(true)
                .key(key(created.lead(), terms.getLast()))).item();
        return holds(found, created);
    }

    /** Whether {@code found}, a stored entry of the lead (or null), names the lead and holds its words as they are now. */
    private static boolean holds(Map<String, AttributeValue> found, Text lead) {
        return found != null && lead.lead().id().equals(Items.str(found, LeadKeys.LEAD_ID))
                && lead.text().equals(Items.str(found, LeadKeys.WORDS));
    }

    /** The lead an item holds, or null: no item, or one without the creation time every lead's entries key on. */
    private static Lead indexable(Map<String, AttributeValue> item) {
        return LeadItems.holdsLead(item) ? LeadItems.lead(item) : null;
    }

    private static boolean textChanged(Text was, Text now) {
        return was.lead() == null || now.lead() == null || !was.text().equals(now.text())
                || !Objects.equals(LeadKeys.createdKey(was.lead()), LeadKeys.createdKey(now.lead()));
    }

    /**
     * A lead (or none) with its search words folded once for every entry a write or a repair concerns (folding the
     * text is most of a PATCH's own time): the words of its entries, and what each entry holds.
     */
    private record Text(Lead lead, SequencedSet<String> terms, String text) {
        static final Text NONE = new Text(null, Collections.unmodifiableSequencedSet(new LinkedHashSet<>()), "");

        static Text of(Lead lead) {
            if (lead == null) {
                return NONE;
            }
            Set<String> words = TextKeys.searchWords(lead);
            return new Text(lead, LeadKeys.searchTerms(words), LeadKeys.searchText(words));
        }
    }

    private static Map<String, AttributeValue> key(Lead lead, String term) {
        return Map.of(LeadKeys.PK, s(LeadKeys.searchPk(lead.tenantId(), term, lead.shard())),
                LeadKeys.SK, s(LeadKeys.searchSk(term, LeadKeys.createdKey(lead))));
    }

    private static WriteRequest put(Text text, String term) {
        Map<String, AttributeValue> item = new HashMap<>(key(text.lead(), term));
        item.put(LeadKeys.LEAD_ID, s(text.lead().id()));
        item.put(LeadKeys.WORDS, s(text.text()));
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(Lead lead, String term) {
        return WriteRequest.builder().deleteRequest(d -> d.key(key(lead, term))).build();
    }

    private void send(List<WriteRequest> requests) {
        BatchWrite.all(dynamo, index, requests);
    }
}
