package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.Items;

import static dev.leadbase.shared.dynamo.Items.s;
import static dev.leadbase.scoring.domain.LeadScoreFields.SCORE;
import static dev.leadbase.scoring.domain.LeadScoreFields.LEVEL;
import static dev.leadbase.scoring.domain.LeadScoreFields.ENGAGEMENT_SCORES;
import static dev.leadbase.scoring.domain.LeadScoreFields.PROFILE_SCORES;
import static dev.leadbase.scoring.domain.LeadScoreFields.RULESET_NAMES;
import static dev.leadbase.scoring.domain.LeadScoreFields.ENGAGEMENT_PRIMARY;
import static dev.leadbase.scoring.domain.LeadScoreFields.PROFILE_PRIMARY;
import static dev.leadbase.scoring.domain.LeadScoreFields.LAST_EVENT_AT;
import static dev.leadbase.scoring.domain.LeadScoreFields.LAST_EVENT_TYPE;
import static dev.leadbase.leads.store.LeadKeys.CREATED_AT;
import static dev.leadbase.leads.store.LeadKeys.UPDATED_AT;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadInsights;
import dev.leadbase.leads.domain.LeadSource;
import dev.leadbase.leads.domain.LeadStatus;
import dev.leadbase.leads.domain.WireEnum;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lead ⇄ item: fields under their wire names, null fields left out, times fixed-width; scoring's fields packed into
 * {@link #SCORES}; the lead's {@code shard} and its index attributes ({@link LeadKeys#userIndexAttributes},
 * {@link LeadKeys#scoringIndexAttributes}). The user fields {@code f} holds as they are ({@link #HELD_IN_F}) are held
 * there alone, and {@code lastEventAt} in {@code lastEventKey}. Items written before hold them as separate attributes
 * too: both forms are read ({@link #unpacked}).
 */
public final class LeadItems {
    /**
     * Attributes a user's create or PATCH writes (scoring fields excluded); those {@code f} holds ({@link #HELD_IN_F}),
     * which items written before hold beside their copies there, are removed by it.
     */
    public static final List<String> USER_ATTRIBUTES = List.of("firstName", "lastName", "email", "linkedinUrl", "company",
            "title", "phone", "location", "status", "source", "notes", "tags", "customFields", CREATED_AT, UPDATED_AT,
            "lastContactedAt", "companyId", "ownerId");

    /** User fields {@code f} holds as they are: the lead item holds no other copy. */
    public static final List<String> HELD_IN_F = List.of(CREATED_AT, UPDATED_AT, "status", "source", "ownerId", "tags");

    // ---- the enrichment record (LeadItemWriter.enrich, recordEnrichment); scoring's fields are named in LeadScoreFields
    public static final String ENRICHED_AT = "enrichedAt";
    public static final String ENRICHMENT_SOURCES = "enrichmentSources";
    public static final String CONFIDENCE = "confidence";

    /**
     * Scoring's fields in one map: {@code s} the score, {@code l} the level, {@code t} the last event's type, {@code ep}
     * and {@code pp} the primary rule sets' names, and per rule set, by its id, {@code [score, name]} in {@code e}
     * (engagement) or {@code p} (profile), or its name alone in {@code n} when it has no score; absent values and
     * empty maps left out, each rule set id held once, and no {@code lastEventAt} (the time {@code lastEventKey} begins
     * with). Written by {@link LeadItemWriter#scores}.
     */
    public static final String SCORES = "sc";
    /** The separate attributes scoring's fields were stored in before {@link #SCORES}; its write removes them. */
    public static final List<String> SEPARATE_SCORE_ATTRIBUTES = List.of(SCORE, LEVEL, ENGAGEMENT_SCORES, PROFILE_SCORES,
            RULESET_NAMES, ENGAGEMENT_PRIMARY, PROFILE_PRIMARY, LAST_EVENT_AT, LAST_EVENT_TYPE);
    /** Scoring's single-valued fields by their wire names and their keys in {@link #SCORES}. */
    private static final Map<String, String> PACKED = Map.of(SCORE, "s", LEVEL, "l", LAST_EVENT_TYPE, "t",
            ENGAGEMENT_PRIMARY, "ep", PROFILE_PRIMARY, "pp");
    /** Scoring's score maps by their keys in {@link #SCORES}: engagement, profile. */
    private static final Map<String, String> PACKED_SCORES = Map.of("e", ENGAGEMENT_SCORES, "p", PROFILE_SCORES);
    /** Scoring's maps a reader always finds, empty when the item holds none. */
    private static final List<String> SCORE_MAPS = List.of(ENGAGEMENT_SCORES, PROFILE_SCORES, RULESET_NAMES);

    private LeadItems() {
    }

    /** The {@link #SCORES} map of scoring's fields given under their wire names (null: absent); null when none is left. */
    public static AttributeValue packedScores(Map<String, AttributeValue> fields) {
        Map<String, AttributeValue> packed = new LinkedHashMap<>();
        PACKED.forEach((name, key) -> {
            if (fields.get(name) != null) {
                packed.put(key, fields.get(name));
            }
        });
        Map<String, AttributeValue> names = new LinkedHashMap<>(mapOf(fields.get(RULESET_NAMES)));
        for (var scores : PACKED_SCORES.entrySet()) {
            Map<String, AttributeValue> byRuleset = new LinkedHashMap<>();
            mapOf(fields.get(scores.getValue())).forEach((id, score) -> {
                AttributeValue name = names.remove(id);
                byRuleset.put(id, AttributeValue.fromL(name == null ? List.of(score) : List.of(score, name)));
            });
            if (!byRuleset.isEmpty()) {
                packed.put(scores.getKey(), AttributeValue.fromM(byRuleset));
            }
        }
        if (!names.isEmpty()) {
            packed.put("n", AttributeValue.fromM(names));
        }
        return packed.isEmpty() ? null : AttributeValue.fromM(packed);
    }

    /** Scoring's fields under their wire names from a {@link #SCORES} map; the score maps always present. */
    private static Map<String, AttributeValue> unpackedScores(Map<String, AttributeValue> packed) {
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        PACKED.forEach((name, key) -> {
            if (packed.get(key) != null) {
                fields.put(name, packed.get(key));
            }
        });
        Map<String, AttributeValue> names = new LinkedHashMap<>(mapOf(packed.get("n")));
        for (var scores : PACKED_SCORES.entrySet()) {
            Map<String, AttributeValue> byRuleset = new LinkedHashMap<>();
            mapOf(packed.get(scores.getKey())).forEach((id, entry) -> {
                byRuleset.put(id, entry.l().get(0));
                if (entry.l().size() > 1) {
                    names.put(id, entry.l().get(1));
                }
            });
            fields.put(scores.getValue(), AttributeValue.fromM(byRuleset));
        }
        fields.put(RULESET_NAMES, AttributeValue.fromM(names));
        return fields;
    }

    private static Map<String, AttributeValue> mapOf(AttributeValue v) {
        return v != null && v.hasM() ? v.m() : Map.of();
    }

    /**
     * The item as every reader sees it, whichever form it was stored in: scoring's fields under their wire names
     * ({@link #SCORES} unpacked; absent score maps empty), {@code lastEventAt} from {@code lastEventKey}, and the fields
     * of {@link #HELD_IN_F} from {@code f}. An item of the earlier form is read as it is.
     */
    public static Map<String, AttributeValue> unpacked(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> m = LinkedHashMap.newLinkedHashMap(item.size() + 16);
        m.putAll(item);
        AttributeValue packed = m.remove(SCORES);
        if (packed != null && packed.hasM()) {
            m.putAll(unpackedScores(packed.m()));
        }
        for (String name : SCORE_MAPS) {
            m.putIfAbsent(name, AttributeValue.fromM(Map.of()));
        }
        String leadId = Items.str(item, LeadKeys.LEAD_ID);
        String lastEventKey = Items.str(item, LeadKeys.LAST_EVENT_KEY);
        if (!m.containsKey(LAST_EVENT_AT) && lastEventKey != null && leadId != null) {
            m.put(LAST_EVENT_AT, s(LeadKeys.lastEventTime(lastEventKey, leadId)));
        }
        AttributeValue f = item.get(LeadKeys.FILTERABLE);
        if (f != null && f.hasM()) {
            for (String name : HELD_IN_F) {
                AttributeValue v = f.m().get(name);
                if (v != null) {
                    m.put(name, v);
                } else {
                    m.remove(name); // f leaves absent values out
                }
            }
        }
        return m;
    }

    /**
     * Whether an item holds a lead: its creation time, which every lead has and its entries key on, is there (in
     * {@code f}, or beside it in an item written before).
     */
    public static boolean holdsLead(Map<String, AttributeValue> item) {
        if (item == null) {
            return false;
        }
        AttributeValue f = item.get(LeadKeys.FILTERABLE);
        return f != null && f.hasM() && f.m().containsKey(CREATED_AT) || Items.time(item, CREATED_AT) != null;
    }

    public static Map<String, AttributeValue> item(Lead l) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(LeadKeys.key(l.tenantId(), l.id()));
        item.putAll(userAttributes(l));
        Map<String, AttributeValue> scores = new LinkedHashMap<>();
        scores.put(SCORE, l.score() == null ? null : Items.n(l.score()));
        scores.put(ENGAGEMENT_SCORES, numbers(l.engagementScores()));
        scores.put(PROFILE_SCORES, numbers(l.profileScores()));
        scores.put(RULESET_NAMES, AttributeValue.fromM(strings(l.rulesetNames())));
        put(scores, LEVEL, l.level());
        put(scores, LAST_EVENT_TYPE, l.lastEventType());
        AttributeValue packed = packedScores(scores);
        if (packed != null) {
            item.put(SCORES, packed);
        }
        item.put(LeadKeys.VERSION, Items.n(l.version()));
        item.putAll(LeadKeys.userIndexAttributes(l));
        item.putAll(LeadKeys.scoringIndexAttributes(l));
        return item;
    }

    /**
     * The user-writable attributes that are not null or empty, but for those {@code f} holds ({@link #HELD_IN_F}).
     */
    public static Map<String, AttributeValue> userAttributes(Lead l) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        put(item, "firstName", l.firstName());
        put(item, "lastName", l.lastName());
        put(item, "email", l.email());
        put(item, "linkedinUrl", l.linkedinUrl());
        put(item, "company", l.company());
        put(item, "title", l.title());
        put(item, "phone", l.phone());
        put(item, "location", l.location());
        put(item, "notes", l.notes());
        if (!l.customFields().isEmpty()) {
            item.put("customFields", AttributeValue.fromM(custom(l.customFields())));
        }
        put(item, "lastContactedAt", l.lastContactedAt() == null ? null : LeadKeys.time(l.lastContactedAt()));
        put(item, "companyId", l.companyId());
        return item;
    }

    public static Lead lead(Map<String, AttributeValue> stored) {
        Map<String, AttributeValue> item = unpacked(stored);
        return new Lead(Items.str(item, LeadKeys.TENANT_ID), Items.str(item, LeadKeys.LEAD_ID),
                Items.str(item, "firstName"), Items.str(item, "lastName"), Items.str(item, "email"),
                Items.str(item, "linkedinUrl"), Items.str(item, "company"), Items.str(item, "title"),
                Items.str(item, "phone"), Items.str(item, "location"),
                WireEnum.fromWire(LeadStatus.class, Items.str(item, "status")).orElse(LeadStatus.NEW),
                WireEnum.fromWire(LeadSource.class, Items.str(item, "source")).orElse(LeadSource.API),
                Items.str(item, "notes"), Items.strings(item, "tags"), customFrom(item.get("customFields")),
                Items.time(item, CREATED_AT), Items.time(item, UPDATED_AT), Items.time(item, "lastContactedAt"),
                Items.str(item, "companyId"), Items.str(item, "ownerId"),
                item.containsKey(SCORE) && item.get(SCORE).n() != null ? Long.valueOf(item.get(SCORE).n()) : null,
                numbersFrom(item.get(ENGAGEMENT_SCORES)), numbersFrom(item.get(PROFILE_SCORES)),
                stringsFrom(item.get(RULESET_NAMES)), Items.str(item, LEVEL), Items.time(item, LAST_EVENT_AT),
                Items.str(item, LAST_EVENT_TYPE), Items.num(item, LeadKeys.VERSION),
                new LeadInsights(Items.str(item, ENGAGEMENT_PRIMARY), Items.str(item, PROFILE_PRIMARY),
                        Items.time(item, ENRICHED_AT), Items.strings(item, ENRICHMENT_SOURCES),
                        Items.decimal(item, CONFIDENCE).orElse(null)),
                (int) Items.num(item, LeadKeys.SHARD));
    }

    public static AttributeValue numbers(Map<String, Long> values) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, Items.n(v)));
        return AttributeValue.fromM(m);
    }

    public static Map<String, AttributeValue> strings(Map<String, String> values) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, s(v)));
        return m;
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static Map<String, AttributeValue> custom(Map<String, Object> fields) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        fields.forEach((k, v) -> m.put(k, switch (v) {
            case null -> Items.nul();
            case String str -> s(str);
            case Boolean b -> Items.bool(b);
            case Number n -> AttributeValue.fromN(new BigDecimal(n.toString()).toPlainString());
            default -> s(v.toString());
        }));
        return m;
    }

    private static Map<String, Object> customFrom(AttributeValue v) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (v == null || !v.hasM()) {
            return fields;
        }
        v.m().forEach((k, a) -> {
            if (a.s() != null) {
                fields.put(k, a.s());
            } else if (a.n() != null) {
                BigDecimal d = new BigDecimal(a.n());
                fields.put(k, d.scale() <= 0 ? (Object) d.longValue() : (Object) d.doubleValue());
            } else if (a.bool() != null) {
                fields.put(k, a.bool());
            } else {
                fields.put(k, null);
            }
        });
        return fields;
    }

    private static Map<String, Long> numbersFrom(AttributeValue v) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (v != null && v.hasM()) {
            v.m().forEach((k, a) -> {
                if (a.n() != null) {
                    m.put(k, new BigDecimal(a.n()).longValue());
                }
            });
        }
        return m;
    }

    private static Map<String, String> stringsFrom(AttributeValue v) {
        Map<String, String> m = new LinkedHashMap<>();
        if (v != null && v.hasM()) {
            v.m().forEach((k, a) -> m.put(k, a.s()));
        }
        return m;
    }

    public static List<String> ids(List<Map<String, AttributeValue>> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(Items.str(i, LeadKeys.LEAD_ID)));
        return ids;
    }

}
