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
 * Lead ⇄ item: fields under their wire names, null fields left out, times fixed-width; the lead's {@code shard} and
 * its index attributes ({@link LeadKeys#userIndexAttributes}, {@link LeadKeys#scoringIndexAttributes}).
 */
public final class LeadItems {
    /** Attributes a user's create or PATCH writes (scoring fields and createdAt excluded). */
    public static final List<String> USER_ATTRIBUTES = List.of("firstName", "lastName", "email", "linkedinUrl", "company",
            "title", "phone", "location", "status", "source", "notes", "tags", "customFields", "updatedAt",
            "lastContactedAt", "companyId", "ownerId");

    // ---- the enrichment record (LeadItemWriter.enrich, recordEnrichment); scoring's fields are named in LeadScoreFields
    public static final String ENRICHED_AT = "enrichedAt";
    public static final String ENRICHMENT_SOURCES = "enrichmentSources";
    public static final String CONFIDENCE = "confidence";

    private LeadItems() {
    }

    public static Map<String, AttributeValue> item(Lead l) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(LeadKeys.key(l.tenantId(), l.id()));
        item.putAll(userAttributes(l));
        item.put("createdAt", s(LeadKeys.time(l.createdAt())));
        if (l.score() != null) {
            item.put(SCORE, Items.n(l.score()));
        }
        item.put(ENGAGEMENT_SCORES, numbers(l.engagementScores()));
        item.put(PROFILE_SCORES, numbers(l.profileScores()));
        item.put(RULESET_NAMES, AttributeValue.fromM(strings(l.rulesetNames())));
        put(item, LEVEL, l.level());
        put(item, LAST_EVENT_AT, l.lastEventAt() == null ? null : LeadKeys.time(l.lastEventAt()));
        put(item, LAST_EVENT_TYPE, l.lastEventType());
        item.put(LeadKeys.VERSION, Items.n(l.version()));
        item.putAll(LeadKeys.userIndexAttributes(l));
        item.putAll(LeadKeys.scoringIndexAttributes(l));
        return item;
    }

    /** The user-writable attributes that are not null. */
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
        put(item, "status", l.status().wire());
        put(item, "source", l.source().wire());
        put(item, "notes", l.notes());
        item.put("tags", AttributeValue.fromL(l.tags().stream().map(Items::s).toList()));
        item.put("customFields", AttributeValue.fromM(custom(l.customFields())));
        put(item, "updatedAt", LeadKeys.time(l.updatedAt()));
        put(item, "lastContactedAt", l.lastContactedAt() == null ? null : LeadKeys.time(l.lastContactedAt()));
        put(item, "companyId", l.companyId());
        put(item, "ownerId", l.ownerId());
        return item;
    }

    public static Lead lead(Map<String, AttributeValue> item) {
        return new Lead(Items.str(item, LeadKeys.TENANT_ID), Items.str(item, LeadKeys.LEAD_ID),
                Items.str(item, "firstName"), Items.str(item, "lastName"), Items.str(item, "email"),
                Items.str(item, "linkedinUrl"), Items.str(item, "company"), Items.str(item, "title"),
                Items.str(item, "phone"), Items.str(item, "location"),
                WireEnum.fromWire(LeadStatus.class, Items.str(item, "status")).orElse(LeadStatus.NEW),
                WireEnum.fromWire(LeadSource.class, Items.str(item, "source")).orElse(LeadSource.API),
                Items.str(item, "notes"), Items.strings(item, "tags"), customFrom(item.get("customFields")),
                Items.time(item, "createdAt"), Items.time(item, "updatedAt"), Items.time(item, "lastContactedAt"),
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
