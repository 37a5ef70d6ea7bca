package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.retry.Backoff;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.TextKeys;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The search entries of leads in the lead index table: one per term (word prefixes and word pairs) of a lead's
 * searchable text, each holding the lead id and the lead's words its prefixes begin ({@link LeadKeys#termWords}).
 * The lead's own write brings them up to date right after its transaction ({@link #write}): a create puts the entry
 * of the last term only once all others are written; an update puts and deletes only the entries it changes. The
 * Leads stream brings them up to date again from the stored lead ({@link #repair}), so that a write cut short, or two
 * writes finishing out of order, leave no lead unfindable.
 */
public record LeadSearchIndex(DynamoDbClient dynamo, String leads, String index) {
    private static final int ATTEMPTS = 8;

    /**
     * Brings the entries from those of {@code before} to those of {@code after} (either may be null), unread: the
     * entries of terms {@code before} had and {@code after} has not are deleted, and those {@code after} has are put
     * when new or holding other words; the others stay as they are.
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
            if (moved || changed(was, now, term)) {
                requests.add(put(now, term));
            }
        }
        if (before != null || requests.isEmpty()) {
            send(requests);
        } else {
            // the last term's entry marks the others written: a create's check reads only that one
            send(requests.subList(0, requests.size() - 1));
            send(requests.subList(requests.size() - 1, requests.size()));
        }
    }

    /**
     * What one change of a Leads stream record asks of the entries, given its old and new images (either null):
     * nothing when the searchable text did not change, nor for a create whose last entry is in place (its write
     * put that one after all the others, and any later change has a record of its own). Otherwise the lead as
     * stored now decides: its entries are read and written where missing or stale, and the entries of the old
     * image's terms it no longer has are deleted, with the 1-letter entries of leads written before searches
     * needed two letters. An update's check reads only the entries its change concerns ({@link #changedTerms}):
     * it wrote no other, and an earlier write finishing late wrote only those of its own change, which agree with
     * this one's images on every term this change leaves alone. Answers how many entries it wrote or deleted.
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
        Optional<Text> stored = Optional.ofNullable(indexable(dynamo.getItem(g -> g.tableName(leads).consistentRead(true)
                .key(LeadKeys.key(any.tenantId(), any.id()))).item())).map(Text::of);
        Set<String> wanted = stored.<Set<String>>map(Text::terms).orElse(Set.of());
        Set<String> gone = new HashSet<>(was.terms());
        gone.addAll(now.terms());
        for (Text text : List.of(was, now, stored.orElse(Text.NONE))) {
            gone.addAll(LeadKeys.retiredTerms(text.words()));
        }
        gone.removeAll(wanted);
        if (before != null && after != null && stored.isPresent()
                && sameCreatedKey(before, after) && sameCreatedKey(after, stored.get().lead())) {
            Set<String> changed = changedTerms(was, now);
            wanted = new HashSet<>(wanted);
            wanted.retainAll(changed);
            gone.retainAll(changed);
        }

        Map<Map<String, AttributeValue>, String> termsByKey = new LinkedHashMap<>();
        wanted.forEach(term -> termsByKey.put(key(stored.get().lead(), term), term));
        gone.forEach(term -> termsByKey.put(key(any, term), term));
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, index, termsByKey.keySet(), true)) {
            found.put(termsByKey.get(Map.of(LeadKeys.PK, item.get(LeadKeys.PK), LeadKeys.SK, item.get(LeadKeys.SK))), item);
        }
        List<WriteRequest> requests = new ArrayList<>();
        for (String term : wanted) {
            if (!holds(found.get(term), stored.get(), term)) {
                requests.add(put(stored.get(), term));
            }
        }
        for (String term : gone) {
            if (found.containsKey(term)) {
                requests.add(delete(any, term));
            }
        }
        send(requests);
        return requests.size();
    }

    /**
     * Brings the search entries of the lead stored under {@code tenantId}/{@code leadId} to its stored text: reads it
     * consistently and puts its entries that are missing or stale. Answers how many it wrote (0 when no lead is
     * stored there). Idempotent: the search upgrade calls it for every lead.
     */
    public int index(String tenantId, String leadId) {
        throw new UnsupportedOperationException("search layout v3: being written");
    }

    /** Whether an item of the lead index table is a search entry of the layout before ({@code <tenant>#w#…} or {@code <tenant>#p#…}). */
    public static boolean formerEntry(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(LeadKeys.PK);
        if (pk == null || pk.s() == null) {
            return false;
        }
        String[] parts = pk.s().split("#", 3);
        return parts.length == 3 && (parts[1].equals("w") || parts[1].equals("p"));
    }

    /**
     * The terms whose entries differ between two versions of a lead on one creation key: added, removed, or holding
     * other words; and the 1-letter terms of the words added or removed (leads written before 2-letter searches had
     * such entries).
     */
    private static Set<String> changedTerms(Text was, Text now) {
        Set<String> changed = new HashSet<>();
        for (Set<String> terms : List.of(was.terms(), now.terms())) {
            for (String term : terms) {
                if (changed(was, now, term)) {
                    changed.add(term);
                }
            }
        }
        Set<String> wordsBefore = was.words();
        Set<String> wordsAfter = now.words();
        wordsBefore.stream().filter(w -> !wordsAfter.contains(w)).forEach(w -> changed.add(LeadKeys.singleTerm(w.substring(0, 1))));
        wordsAfter.stream().filter(w -> !wordsBefore.contains(w)).forEach(w -> changed.add(LeadKeys.singleTerm(w.substring(0, 1))));
        return changed;
    }

    /** Whether the entry of {@code term} differs between two versions of a lead. */
    private static boolean changed(Text was, Text now, String term) {
        return !was.terms().contains(term) || !now.terms().contains(term)
                || !was.termWords(term).equals(now.termWords(term));
    }

    private static boolean sameCreatedKey(Lead a, Lead b) {
        return Objects.equals(LeadKeys.createdKey(a), LeadKeys.createdKey(b));
    }

    /** True when the entry of the lead's last term is there as its write puts it (one consistent read). */
    private boolean lastEntryWritten(Text created) {
        SequencedSet<String> terms = created.terms();
        if (terms.isEmpty()) {
            return true;
        }
        Map<String, AttributeValue> found = dynamo.getItem(g -> g.tableName(index).consistentRead(true)
                .key(key(created.lead(), terms.getLast()))).item();
        return holds(found, created, terms.getLast());
    }

    /**
     * Whether {@code found}, the stored entry of the lead's {@code term} (or null), answers searches as the lead's own
     * entry would: the lead's id, and the lead's words its term holds. An entry written before entries held only
     * those words holds every word of the lead: it is read as the words of its term among them.
     */
    private static boolean holds(Map<String, AttributeValue> found, Text lead, String term) {
        if (found == null || !lead.lead().id().equals(Items.str(found, LeadKeys.LEAD_ID))) {
            return false;
        }
        String words = Items.str(found, LeadKeys.WORDS);
        List<String> held = words == null ? List.of() : Arrays.stream(words.split(" ")).filter(w -> !w.isEmpty()).toList();
        return LeadKeys.termWords(held, term).equals(lead.termWords(term));
    }

    /** The lead an item holds, or null: no item, or one without the creation time every lead's entries key on. */
    private static Lead indexable(Map<String, AttributeValue> item) {
        return LeadItems.holdsLead(item) ? LeadItems.lead(item) : null;
    }

    private static boolean textChanged(Text was, Text now) {
        return was.lead() == null || now.lead() == null
                || !LeadKeys.searchText(was.words()).equals(LeadKeys.searchText(now.words()))
                || !Objects.equals(LeadKeys.createdKey(was.lead()), LeadKeys.createdKey(now.lead()));
    }

    /**
     * A lead (or none) with its search words and terms, worked out once for every entry a write or a repair concerns
     * (folding the text is most of a PATCH's own time).
     */
    private record Text(Lead lead, Set<String> words, SequencedSet<String> terms) {
        static final Text NONE = new Text(null, Set.of(), Collections.unmodifiableSequencedSet(new LinkedHashSet<>()));

        static Text of(Lead lead) {
            if (lead == null) {
                return NONE;
            }
            Set<String> words = TextKeys.searchWords(lead);
            return new Text(lead, words, LeadKeys.searchTerms(words));
        }

        /** The words the entry of {@code term} holds ({@link LeadKeys#termWords}). */
        String termWords(String term) {
            return LeadKeys.termWords(words, term);
        }
    }

    private static Map<String, AttributeValue> key(Lead lead, String term) {
        return Map.of(LeadKeys.PK, s(LeadKeys.searchPk(lead.tenantId(), term)), LeadKeys.SK, s(LeadKeys.createdKey(lead)));
    }

    private static Map<String, AttributeValue> entry(Text text, String term) {
        Map<String, AttributeValue> item = new HashMap<>(key(text.lead(), term));
        item.put(LeadKeys.LEAD_ID, s(text.lead().id()));
        String words = text.termWords(term);
        if (!words.isEmpty()) {
            item.put(LeadKeys.WORDS, s(words));
        }
        return item;
    }

    private static WriteRequest put(Text text, String term) {
        Map<String, AttributeValue> item = entry(text, term);
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(Lead lead, String term) {
        return WriteRequest.builder().deleteRequest(d -> d.key(key(lead, term))).build();
    }

    /** BatchWriteItem, 25 requests at a time, unprocessed ones sent again after a pause. */
    private void send(List<WriteRequest> requests) {
        for (int i = 0; i < requests.size(); i += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(index, requests.subList(i, Math.min(requests.size(), i + 25)));
            for (int attempt = 1; !batch.isEmpty(); attempt++) {
                if (attempt > ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left search entries unprocessed after " + ATTEMPTS + " attempts");
                }
                Map<String, List<WriteRequest>> pending = batch;
                var unprocessed = dynamo.batchWriteItem(r -> r.requestItems(pending)).unprocessedItems();
                batch = unprocessed == null ? Map.of() : unprocessed;
                if (!batch.isEmpty()) {
                    Backoff.pause(attempt);
                }
            }
        }
    }
}
