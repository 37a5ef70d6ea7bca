package dev.leadbase.leads.edge;

import dev.leadbase.leads.domain.Dates;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSort;
import dev.leadbase.leads.domain.LeadSource;
import dev.leadbase.leads.domain.LeadStatus;
import dev.leadbase.leads.domain.TextKeys;

import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.shared.ids.IdKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One validated lead-list request. Date bounds are half-open: {@code from} inclusive, {@code to}
 * exclusive. {@code visibleOwner} is set for keys with visibility {@code own}.
 * When {@code sortBy} is omitted and a range filter on another field is present, the list is
 * ordered by that field (score, last event, update or contact time) so an index serves it.
 */
public record ListLeadsQuery(String tenantId, String visibleOwner, int page, int limit, String cursor,
                             LeadStatus status, LeadSource source, List<String> searchWords, String company,
                             String companyId, String title, String tag, String ownerId,
                             Instant createdFrom, Instant createdTo, Instant updatedFrom,
                             Instant contactedFrom, Instant contactedTo, Long minScore, Long maxScore,
                             String eventType, Instant lastEventFrom, LeadSort sortBy, boolean ascending,
                             String fingerprint) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    private static final long MAX_SCORE = 999_999_999_999L;

    /** Parses and validates the query string, reporting every problem at once. */
    public static ListLeadsQuery parse(String tenantId, String visibleOwner, QueryParams q, Clock clock) {
        Instant now = clock.instant();
        Map<String, String> canonical = new LinkedHashMap<>();
        int page = q.integer("page", 1, Integer.MAX_VALUE).orElse(1);
        int limit = q.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        String cursor = q.get("cursor").filter(s -> !s.isBlank()).orElse(null);
        LeadStatus status = q.get("status").map(v -> LeadStatus.fromWire(v.trim()).orElseGet(() -> {
            q.invalid("status", "Must be one of: " + LeadStatus.allWire());
            return null;
        })).orElse(null);
        LeadSource source = q.get("source").map(v -> LeadSource.fromWire(v.trim()).orElseGet(() -> {
            q.invalid("source", "Must be one of: " + LeadSource.allWire());
            return null;
        })).orElse(null);
        List<String> words = List.of();
        Optional<String> search = q.get("search");
        if (search.isPresent()) {
            String s = search.get().trim();
            words = TextKeys.words(s);
            if (s.length() < 2 || words.isEmpty()) {
                q.invalid("search", "Must be at least 2 characters");
                words = List.of();
            } else if (words.size() > 10) {
                q.invalid("search", "Must have at most 10 words");
                words = List.of();
            }
        }
        String company = text(q, "company", 200, null);
        String companyId = q.id("companyId", IdKind.COMPANY, "company_id").orElse(null);
        String title = text(q, "title", 200, null);
        String tag = q.get("tag").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        String ownerId = text(q, "ownerId", 100, null);
        Instant createdFrom = date(q, "createdAfter", "created_after");
        Instant createdTo = date(q, "createdBefore", "created_before");
        Instant updatedFrom = date(q, "updatedAfter", null);
        Instant contactedFrom = date(q, "lastContactedAfter", null);
        Instant contactedTo = date(q, "lastContactedBefore", null);
        ordered(q, createdFrom, createdTo, "createdAfter", "createdBefore");
        ordered(q, contactedFrom, contactedTo, "lastContactedAfter", "lastContactedBefore");
        Long minScore = score(q, "minScore", "min_score");
        Long maxScore = score(q, "maxScore", "max_score");
        if (minScore != null && maxScore != null && minScore > maxScore) {
            q.invalid("maxScore", "Must be greater than or equal to minScore");
        }
        String eventType = text(q, "eventType", 100, "event_type");
        Instant lastEventFrom = null;
        Optional<String> lastActive = q.get("lastActive", "last_active");
        if (lastActive.isPresent()) {
            switch (lastActive.get().trim()) {
                case "7d" -> lastEventFrom = now.minus(Duration.ofDays(7));
                case "30d" -> lastEventFrom = now.minus(Duration.ofDays(30));
                default -> q.invalid("lastActive", "Must be one of: 7d, 30d");
            }
        }
        Optional<String> range = q.get("range");
        if (range.isPresent()) {
            Instant today = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
            Instant[] window = switch (range.get().trim()) {
                case "today" -> new Instant[] {today, today.plus(Duration.ofDays(1))};
                case "yesterday" -> new Instant[] {today.minus(Duration.ofDays(1)), today};
                case "last_7d" -> new Instant[] {now.minus(Duration.ofDays(7)), null};
                case "last_30d" -> new Instant[] {now.minus(Duration.ofDays(30)), null};
                case "last_90d" -> new Instant[] {now.minus(Duration.ofDays(90)), null};
                default -> {
                    q.invalid("range", "Must be one of: today, yesterday, last_7d, last_30d, last_90d");
                    yield new Instant[] {null, null};
                }
            };
            createdFrom = later(createdFrom, window[0]);
            createdTo = earlier(createdTo, window[1]);
            if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
                q.invalid("range", "Does not overlap createdAfter and createdBefore");
            }
        }
        Optional<String> sortRaw = q.get("sortBy", "sort_by");
        LeadSort sortBy = sortRaw.map(v -> LeadSort.fromWire(v.trim()).orElseGet(() -> {
            q.invalid("sortBy", "Must be one of: " + LeadSort.allWire());
            return null;
        })).orElse(null);
        boolean ascending = q.get("sortOrder", "sort_order").map(v -> switch (v.trim()) {
            case "asc" -> true;
            case "desc" -> false;
            default -> {
                q.invalid("sortOrder", "Must be one of: asc, desc");
                yield false;
            }
        }).orElse(false);
        q.done();
        if (sortBy == null) {
            sortBy = implicitSort(minScore, maxScore, lastEventFrom, eventType, updatedFrom, contactedFrom, contactedTo);
        }
        // Everything but paging, with relative dates as written: a cursor is valid only for these.
        for (String name : List.of("status", "source", "search", "company", "companyId", "title", "tag", "ownerId",
                "createdAfter", "createdBefore", "updatedAfter", "lastContactedAfter", "lastContactedBefore",
                "minScore", "maxScore", "eventType", "lastActive", "range")) {
            q.given(name).ifPresent(v -> canonical.put(name, v));
        }
        canonical.put("sortBy", sortBy.wire());
        canonical.put("sortOrder", ascending ? "asc" : "desc");
        canonical.put("visibleOwner", visibleOwner == null ? "" : visibleOwner);
        return new ListLeadsQuery(tenantId, visibleOwner, page, limit, cursor, status, source, words,
                company == null ? null : TextKeys.fold(company), companyId, title == null ? null : TextKeys.fold(title),
                tag, ownerId, createdFrom, createdTo, updatedFrom, contactedFrom, contactedTo, minScore, maxScore,
                eventType, lastEventFrom, sortBy, ascending, canonical.toString());
    }

    private static LeadSort implicitSort(Long minScore, Long maxScore, Instant lastEventFrom, String eventType,
                                         Instant updatedFrom, Instant contactedFrom, Instant contactedTo) {
        if (minScore != null || maxScore != null) {
            return LeadSort.SCORE;
        }
        if (lastEventFrom != null || eventType != null) {
            return LeadSort.LAST_EVENT_AT;
        }
        if (updatedFrom != null) {
            return LeadSort.UPDATED_AT;
        }
        if (contactedFrom != null || contactedTo != null) {
            return LeadSort.LAST_CONTACTED_AT;
        }
        return LeadSort.CREATED_AT;
    }

    /** The owner the list is restricted to: the caller's own user for {@code own} keys, else the filter. */
    public String effectiveOwner() {
        return visibleOwner != null ? visibleOwner : ownerId;
    }

    /** True when an own-visibility key asked for another user's leads: the answer is empty. */
    public boolean ownerConflict() {
        return visibleOwner != null && ownerId != null && !ownerId.equals(visibleOwner);
    }

    /** True when anything but {@code search} narrows the list (visibility included). */
    public boolean hasFiltersBesidesSearch() {
        return status != null || source != null || effectiveOwner() != null || company != null || companyId != null
                || title != null || tag != null || createdFrom != null || createdTo != null || updatedFrom != null
                || contactedFrom != null || contactedTo != null || minScore != null || maxScore != null
                || eventType != null || lastEventFrom != null;
    }

    public boolean hasSearch() {
        return !searchWords.isEmpty();
    }

    /** A search in any order but creation time is read whole and sorted in memory, so it pages by offset. */
    public boolean pagedByOffset() {
        return hasSearch() && sortBy != LeadSort.CREATED_AT;
    }

    /** Everything the lead must satisfy, as one predicate (the store may serve parts by its keys). */
    public boolean matches(Lead lead) {
        String owner = effectiveOwner();
        return (status == null || status == lead.status())
                && (source == null || source == lead.source())
                && (owner == null || owner.equals(lead.ownerId()))
                && !ownerConflict()
                && (companyId == null || companyId.equals(lead.companyId()))
                && (company == null || company.equals(TextKeys.fold(lead.company())))
                && (title == null || (lead.title() != null && TextKeys.fold(lead.title()).contains(title)))
                && (tag == null || lead.tags().contains(tag))
                && within(lead.createdAt(), createdFrom, createdTo)
                && within(lead.updatedAt(), updatedFrom, null)
                && (contactedFrom == null && contactedTo == null || within(lead.lastContactedAt(), contactedFrom, contactedTo))
                && (minScore == null || lead.score() != null && lead.score() >= minScore)
                && (maxScore == null || lead.score() != null && lead.score() <= maxScore)
                && (eventType == null || eventType.equals(lead.lastEventType()))
                && (lastEventFrom == null || within(lead.lastEventAt(), lastEventFrom, null))
                && matchesSearch(lead);
    }

    public boolean matchesSearch(Lead lead) {
        if (searchWords.isEmpty()) {
            return true;
        }
        var words = TextKeys.searchWords(lead);
        return searchWords.stream().allMatch(q -> words.stream().anyMatch(w -> w.startsWith(q)));
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        if (from == null && to == null) {
            return true;
        }
        return t != null && (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }

    private static String text(QueryParams q, String name, int max, String alias) {
        Optional<String> raw = alias == null ? q.get(name) : q.get(name, alias);
        if (raw.isEmpty() || raw.get().isBlank()) {
            return null;
        }
        if (raw.get().length() > max) {
            q.invalid(name, "Must be at most " + max + " characters");
            return null;
        }
        return raw.get().trim();
    }

    private static Instant date(QueryParams q, String name, String alias) {
        Optional<String> raw = alias == null ? q.get(name) : q.get(name, alias);
        if (raw.isEmpty()) {
            return null;
        }
        Optional<Instant> at = Dates.parseInstant(raw.get());
        if (at.isEmpty()) {
            q.invalid(name, Dates.FORMAT_MESSAGE);
        }
        return at.orElse(null);
    }

    /** A range is half-open, so one whose start is not before its end is empty: both its parameters are named. */
    private static void ordered(QueryParams q, Instant from, Instant to, String fromName, String toName) {
        if (from != null && to != null && !from.isBefore(to)) {
            q.invalid(fromName, "Must be earlier than " + toName);
            q.invalid(toName, "Must be later than " + fromName);
        }
    }

    private static Long score(QueryParams q, String name, String alias) {
        Optional<String> raw = q.get(name, alias);
        if (raw.isEmpty()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.get().trim());
            if (Math.abs(v) > MAX_SCORE) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            q.invalid(name, "Must be an integer");
            return null;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
