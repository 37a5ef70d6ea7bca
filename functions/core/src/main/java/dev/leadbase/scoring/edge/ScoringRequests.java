package dev.leadbase.scoring.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.shared.http.BodyReader;
import dev.leadbase.shared.http.InputRules;
import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.shared.ids.IdKind;
import dev.leadbase.shared.json.Json;
import dev.leadbase.scoring.domain.Decay;
import dev.leadbase.scoring.domain.EngagementRule;
import dev.leadbase.scoring.app.EventIngestion;
import dev.leadbase.scoring.domain.ProfileRule;
import dev.leadbase.scoring.domain.RulesetType;
import dev.leadbase.scoring.app.RulesetTrial;
import dev.leadbase.scoring.app.Rulesets;
import dev.leadbase.scoring.app.TopLeads;
import dev.leadbase.scoring.domain.ScoringEvent;
import dev.leadbase.scoring.domain.Threshold;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads scoring requests into the records the use cases take, reporting every bad field of a request in one 400. */
final class ScoringRequests {
    static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    /** The largest {@code properties} of one event, serialized: far below DynamoDB's 400 KB item and SQS's 256 KB. */
    static final int MAX_PROPERTIES_BYTES = 16 * 1024;

    private ScoringRequests() {
    }

    /** A rule set body: {@code {name, type, primary?, rules, thresholds?, decay?}}. */
    static Rulesets.Draft ruleset(BodyReader body) {
        String name = body.requiredString("name");
        if (name != null && (name.isBlank() || name.length() > 100)) {
            body.invalid("name", "Must be 1 to 100 characters");
        }
        String typeText = body.requiredString("type");
        RulesetType type = typeText == null ? null : RulesetType.fromWire(typeText).orElse(null);
        if (typeText != null && type == null) {
            body.invalid("type", "Must be engagement or profile");
        }
        Boolean primary = body.bool("primary").orElse(null);
        Map<String, Object> problems = new LinkedHashMap<>();
        JsonNode rules = body.node("rules").orElse(null);
        List<EngagementRule> engagement = List.of();
        List<ProfileRule> profile = List.of();
        if (rules == null || !rules.isArray() || rules.size() > 50) {
            body.invalid("rules", "Must be an array of at most 50 rules");
        } else if (type == RulesetType.ENGAGEMENT) {
            engagement = RulesetJson.engagementRules(rules, problems);
        } else if (type == RulesetType.PROFILE) {
            profile = RulesetJson.profileRules(rules, problems);
        }
        List<Threshold> thresholds = body.node("thresholds").map(n -> RulesetJson.thresholds(n, problems)).orElse(null);
        Decay decay = body.node("decay").map(n -> RulesetJson.decay(n, problems)).orElse(null);
        if (decay != null && type == RulesetType.PROFILE) {
            problems.put("decay", "Only engagement rule sets decay");
        }
        problems.forEach((k, v) -> body.invalid(k, String.valueOf(v)));
        body.done();
        return new Rulesets.Draft(name.trim(), type, primary, engagement, profile, thresholds, decay);
    }

    /** A page of a listing: {@code ?limit=&cursor=} (a blank cursor reads as none). */
    record PageQuery(int limit, String cursor) {
    }

    static PageQuery page(QueryParams query, int defaultLimit) {
        int limit = query.integer("limit", 1, 100).orElse(defaultLimit);
        String cursor = query.get("cursor").filter(c -> !c.isBlank()).orElse(null);
        query.done();
        return new PageQuery(limit, cursor);
    }

    /** {@code GET /api/v2/leads/top?limit=10&rulesetId=}. */
    static TopLeads.Query topLeads(QueryParams query) {
        int limit = query.integer("limit", 1, 100).orElse(10);
        String rulesetId = query.id("rulesetId", IdKind.RULESET, "ruleset_id").orElse(null);
        query.done();
        return new TopLeads.Query(limit, rulesetId);
    }

    /**
     * The body of {@code POST /api/v2/scoring/rulesets/{id}/test}: {@code {leadId}} or {@code {lead: {...}}}, plus
     * at most 100 {@code events} (their lead defaulting to the one tested).
     */
    @SuppressWarnings("unchecked")
    static RulesetTrial.Trial trial(BodyReader body, String rulesetId, String tenantId, Instant now) {
        boolean leadIdGiven = body.raw().hasNonNull("leadId");
        String leadId = body.id("leadId", IdKind.LEAD).orElse(null);
        JsonNode lead = body.node("lead").orElse(null);
        JsonNode array = body.node("events").orElse(null);
        if (leadIdGiven == (lead != null)) {
            body.invalid("leadId", "Give either leadId or lead");
        }
        if (lead != null && !lead.isObject()) {
            body.invalid("lead", "Must be an object of lead fields");
        }
        Map<String, Object> problems = new LinkedHashMap<>();
        List<ScoringEvent> events = List.of();
        if (array != null && (!array.isArray() || array.size() > 100)) {
            body.invalid("events", "Must be an array of at most 100 events");
        } else if (array != null) {
            events = events(array, tenantId, leadId == null ? "test" : leadId, now, problems, null);
        }
        problems.forEach((k, v) -> body.invalid(k, String.valueOf(v)));
        body.done();
        return new RulesetTrial.Trial(rulesetId, leadId, leadId == null ? (Map<String, Object>) RulesetJson.value(lead)
                : null, events);
    }

    /**
     * The events of {@code POST /api/v2/events} and of a rule-set test: each {@code {leadId, type,
     * occurredAt?, properties?, eventId?}}; problems listed as {@code events[i].field}. An event without an
     * {@code eventId} gets one made from {@code idempotencyKey} (when not null), its place and its text, so that the
     * same request sent again names the same events and they count once.
     */
    private static List<ScoringEvent> events(JsonNode array, String tenantId, String defaultLeadId, Instant now,
                                             Map<String, Object> problems, String idempotencyKey) {
        List<ScoringEvent> events = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "events[" + i + "]";
            JsonNode n = array.get(i);
            if (!n.isObject()) {
                problems.put(at, "Must be an object {leadId, type, occurredAt?, properties?, eventId?}");
                continue;
            }
            int before = problems.size();
            n.fieldNames().forEachRemaining(f -> {
                if (!List.of("leadId", "type", "occurredAt", "properties", "eventId").contains(f)) {
                    problems.put(at + "." + f, "Unknown field");
                }
            });
            String leadId = id(n, "leadId", IdKind.LEAD, at, problems, defaultLeadId == null);
            String type = text(n, "type", at, problems, true, 100);
            String eventId = id(n, "eventId", IdKind.EVENT, at, problems, false);
            Instant occurredAt = now;
            JsonNode o = n.get("occurredAt");
            if (o != null && !o.isNull()) {
                try {
                    occurredAt = Instant.parse(o.asText());
                    if (!o.isTextual() || occurredAt.isAfter(now.plus(MAX_FUTURE_SKEW))) {
                        problems.put(at + ".occurredAt", "Must be an ISO-8601 time, not in the future");
                    }
                } catch (DateTimeParseException e) {
                    problems.put(at + ".occurredAt", "Must be an ISO-8601 time such as 2025-01-20T15:30:00Z");
                }
            }
            JsonNode p = n.get("properties");
            if (p != null && !p.isNull() && !p.isObject()) {
                problems.put(at + ".properties", "Must be an object");
            } else if (p != null && !p.isNull()
                    && Json.write(RulesetJson.value(p)).getBytes(StandardCharsets.UTF_8).length > MAX_PROPERTIES_BYTES) {
                // what is accepted must fit the event's item and message, whose other fields are small and bounded
                problems.put(at + ".properties", "Must be at most " + MAX_PROPERTIES_BYTES + " bytes as JSON");
            }
            if (problems.size() == before) {
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = p == null || p.isNull() ? Map.of()
                        : (Map<String, Object>) RulesetJson.value(p);
                events.add(new ScoringEvent(tenantId, leadId == null ? defaultLeadId : leadId,
                        eventId == null ? generatedId(tenantId, idempotencyKey, i, n) : eventId,
                        type, occurredAt, properties, now));
            }
        }
        return events;
    }

    private static String generatedId(String tenantId, String idempotencyKey, int index, JsonNode event) {
        if (idempotencyKey == null) {
            return "evt_" + UUID.randomUUID().toString().replace("-", "");
        }
        return "evt_" + KeyHasher.sha256(tenantId + "\n" + idempotencyKey + "\n" + index + "\n" + event).substring(0, 32);
    }

    /**
     * The body of {@code POST /api/v2/events}: {@code {events: [...]}} with 1 to 100 events; ids of events without
     * one are made from {@code idempotencyKey} when the request has one.
     */
    static List<ScoringEvent> eventBatch(BodyReader body, String tenantId, Instant now, String idempotencyKey) {
        JsonNode array = body.node("events").orElse(null);
        Map<String, Object> problems = new LinkedHashMap<>();
        List<ScoringEvent> events = List.of();
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > EventIngestion.MAX_EVENTS) {
            body.invalid("events", "Must be an array of 1 to " + EventIngestion.MAX_EVENTS + " events");
        } else {
            events = events(array, tenantId, null, now, problems, idempotencyKey);
        }
        problems.forEach((k, v) -> body.invalid(k, String.valueOf(v)));
        body.done();
        return events;
    }

    private static String text(JsonNode n, String name, String at, Map<String, Object> problems, boolean required,
                               int max) {
        return ObjectFields.field(n, name, at, problems, required, v -> v.isTextual() && !v.asText().isBlank()
                && v.asText().length() <= max && InputRules.singleLine(v.asText()),
                "Must be a non-empty string of at most " + max + " characters on one line", JsonNode::asText);
    }

    private static String id(JsonNode n, String name, IdKind kind, String at, Map<String, Object> problems,
                             boolean required) {
        return ObjectFields.field(n, name, at, problems, required, v -> v.isTextual() && kind.valid(v.asText()),
                kind.message(), JsonNode::asText);
    }
}
