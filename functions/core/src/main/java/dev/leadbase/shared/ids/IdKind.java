package dev.leadbase.shared.ids;

import java.util.Optional;

/**
 * The format of every id the API hands out or takes: a prefix and 1 to 64 letters or digits. Generated ids are
 * shorter ({@code KeyHasher.newId}: 16 characters after the prefix; job ids: 19; rule-set ids: 32; webhook ids: 16), so the bound
 * only keeps a caller's text within what a DynamoDB key holds. Client-chosen event ids have their own format.
 * An id is checked here, at the edge, before any store sees it: malformed is a 400, well-formed but unknown a 404.
 */
public enum IdKind {
    LEAD("lead_"),
    COMPANY("cmp_"),
    KEY("key_"),
    TENANT("tnt_"),
    JOB("job_"),
    RULESET("rs_"),
    WEBHOOK("wh_"),
    /** A client-chosen event id: 1 to 128 visible ASCII characters, no spaces ({@code evt_…} when generated). */
    EVENT("");

    public static final int MAX_SUFFIX = 64;
    public static final int MAX_EVENT_ID = 128;

    private final String prefix;

    IdKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public boolean valid(String id) {
        if (id == null) {
            return false;
        }
        if (this == EVENT) {
            return !id.isEmpty() && id.length() <= MAX_EVENT_ID && id.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
        }
        if (id.length() <= prefix.length() || id.length() > prefix.length() + MAX_SUFFIX || !id.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** What a malformed id is told, for {@code details.invalidParams} or {@code invalidFields}. */
    public String message() {
        return this == EVENT
                ? "Must be 1 to " + MAX_EVENT_ID + " visible ASCII characters (no spaces or control characters)"
                : "Must be an id such as " + prefix + "… (" + prefix + " then 1 to " + MAX_SUFFIX + " letters or digits)";
    }

    /** The pattern of this kind, as openapi.yaml states it. */
    public String pattern() {
        return this == EVENT ? "^[\\x21-\\x7E]{1," + MAX_EVENT_ID + "}$" : "^" + prefix + "[A-Za-z0-9]{1," + MAX_SUFFIX + "}$";
    }

    /**
     * The kind of the path parameter {@code name} of the route {@code routeKey} ({@code "GET /api/v2/leads/{id}"}):
     * {@code tenantId}, {@code keyId} and {@code jobId} by their name, {@code id} by the collection before it.
     */
    public static Optional<IdKind> ofPathParameter(String routeKey, String name) {
        return switch (name) {
            case "tenantId" -> Optional.of(TENANT);
            case "keyId" -> Optional.of(KEY);
            case "jobId" -> Optional.of(JOB);
            case "leadId" -> Optional.of(LEAD);
            case "id" -> {
                String route = routeKey == null ? "" : routeKey;
                if (route.contains("/leads/{id}")) {
                    yield Optional.of(LEAD);
                } else if (route.contains("/companies/{id}")) {
                    yield Optional.of(COMPANY);
                } else if (route.contains("/rulesets/{id}")) {
                    yield Optional.of(RULESET);
                } else if (route.contains("/webhooks/{id}")) {
                    yield Optional.of(WEBHOOK);
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }
}
