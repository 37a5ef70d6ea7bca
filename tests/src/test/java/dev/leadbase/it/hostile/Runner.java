package dev.leadbase.it.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.hostile.Contract.Operation;
import dev.leadbase.it.hostile.Lane.Actor;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a case into bytes on the wire for one lane, sends it, and judges the answer. */
final class Runner {
    static final int TIMEOUT_MILLIS = 10_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9:-]+)}");

    /** A case as sent, what came back, and what is wrong with it (nothing when it passed). */
    record Outcome(HostileCase hostile, RawHttp.Request request, RawHttp.Response response, List<String> failures) {
    }

    private final Contract contract;
    private final int port;
    private final Lane other;
    private final Map<String, String> cursors = new ConcurrentHashMap<>();

    Runner(Contract contract, Lane other) {
        this.contract = contract;
        this.port = URI.create(Fixture.baseUrl()).getPort();
        this.other = other;
    }

    /** Sends one case naming {@code lane}'s resources. */
    Outcome run(HostileCase c, Lane lane) {
        RawHttp.Request request = build(c, lane);
        RawHttp.Response response = RawHttp.send(port, request, TIMEOUT_MILLIS);
        return new Outcome(c, request, response, Oracle.judge(contract, c, request, response, lane));
    }

    /**
     * Sends the cases of one writing operation one after another, checking after every answer that is not a success
     * (and after every request of another tenant) that nothing a user of the lane can see has changed.
     */
    List<Outcome> runWriting(List<HostileCase> cases, Lane lane) {
        List<Outcome> outcomes = new ArrayList<>();
        String before = null;
        // the lane was just seeded, a request just wrote, or the case's fresh resource was just created: totals are
        // read eventually, so let them see it first
        boolean written = true;
        for (HostileCase c : cases) {
            RawHttp.Request request = build(c, lane);
            if (before == null || c.fresh() || c.actor() == Actor.ONLY || c.actor() == Actor.LACKING) {
                if (written || c.fresh()) {
                    Fixture.awaitIndexes();
                    written = false;
                }
                before = lane.snapshot(c.op().tags());
            }
            RawHttp.Response response = RawHttp.send(port, request, TIMEOUT_MILLIS);
            List<String> failures = new ArrayList<>(Oracle.judge(contract, c, request, response, lane));
            boolean success = response.status() / 100 == 2;
            if (!success || c.actor() == Actor.OTHER_TENANT) {
                String after = lane.snapshot(c.op().tags());
                if (!after.equals(before)) {
                    failures.add("a request answered " + response.status() + " changed what the tenant sees: before "
                            + before + ", after " + after);
                }
                before = after;
            } else {
                before = null;
                written = true;
            }
            outcomes.add(new Outcome(c, request, response, failures));
        }
        eventsStored(outcomes, lane);
        return outcomes;
    }

    /**
     * Accepted means stored: every event id a 2xx answer acknowledged shows in the lead's events within a few
     * seconds, and no other event does (a rejected request stored nothing).
     */
    private void eventsStored(List<Outcome> outcomes, Lane lane) {
        Map<String, Outcome> acknowledged = new java.util.LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.response().status() / 100 == 2) {
                Oracle.parse(o.response().body()).path("data").path("eventIds").forEach(id -> acknowledged.put(id.asText(), o));
            }
        }
        if (acknowledged.isEmpty()) {
            return;
        }
        java.util.Set<String> stored = new java.util.LinkedHashSet<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            stored.clear();
            String cursor = null;
            do {
                JsonNode page = lane.main.get("/api/v2/leads/" + lane.id("lead") + "/events?limit=100"
                        + (cursor == null ? "" : "&cursor=" + encode(cursor))).data();
                page.path("events").forEach(e -> stored.add(e.path("eventId").asText()));
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            if (stored.containsAll(acknowledged.keySet()) || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        acknowledged.forEach((id, o) -> {
            if (!stored.contains(id)) {
                o.failures().add("answered " + o.response().status() + " with event " + id + ", which is not stored 10 s later");
            }
        });
        stored.removeAll(acknowledged.keySet());
        if (!stored.isEmpty()) {
            outcomes.get(0).failures().add("events no answer acknowledged were stored: " + stored);
        }
    }

    RawHttp.Request build(HostileCase c, Lane lane) {
        Operation op = c.op();
        StringBuilder target = new StringBuilder();
        for (String segment : op.path().substring(1).split("/")) {
            target.append('/');
            if (segment.startsWith("{")) {
                String name = segment.substring(1, segment.length() - 1);
                String kind = Cases.kindOf(op.path(), name);
                String raw = c.path().get(name);
                if (raw == null) {
                    target.append(encode(c.fresh() ? lane.fresh(kind) : lane.id(kind)));
                } else if (raw.equals("${unknown}")) {
                    target.append(encode(unknown(lane.id(kind))));
                } else if (raw.equals("${parent2}")) {
                    target.append(encode(lane.id(kind + "2")));
                } else {
                    target.append(raw);
                }
            } else {
                target.append(segment);
            }
        }
        if (c.query() != null) {
            target.append('?').append(resolveQuery(c, lane));
        }
        List<String[]> headers = new ArrayList<>();
        String key = key(c, lane);
        if (key != null) {
            headers.add(new String[] {"x-api-key", key});
        }
        boolean typed = c.headers().stream().anyMatch(h -> h[0].equalsIgnoreCase("Content-Type"));
        if (c.body() != null && !typed) {
            headers.add(new String[] {"Content-Type", "application/json"});
        }
        for (String[] h : c.headers()) {
            if (!(h[0].equalsIgnoreCase("Content-Type") && h[1].isEmpty())) {
                headers.add(h);
            }
        }
        return new RawHttp.Request(op.method(), target.toString(), headers, c.body() == null ? null : body(c.body(), lane));
    }

    private String key(HostileCase c, Lane lane) {
        Operation op = c.op();
        return switch (c.actor()) {
            case NONE -> null;
            case OTHER_TENANT -> other.mainKey;
            case OWN -> lane.ownKey;
            case MAIN -> op.admin() ? Fixture.ADMIN_KEY : lane.mainKey;
            case ONLY -> op.admin() ? Fixture.ADMIN_KEY : lane.keyFor(Actor.ONLY, op.permission());
            case LACKING -> op.admin() ? lane.mainKey : lane.keyFor(Actor.LACKING, op.permission());
        };
    }

    private static byte[] body(String template, Lane lane) {
        String text = fill(template, lane);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String marker = Cases.BAD_UTF8;
        int at = text.indexOf(marker);
        if (at < 0) {
            return bytes;
        }
        String bad = new String(bytes, StandardCharsets.ISO_8859_1)
                .replace(marker, new String(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE}, StandardCharsets.ISO_8859_1));
        return bad.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String fill(String template, Lane lane) {
        if (!template.contains("${")) {
            return template;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lane.id(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String resolveQuery(HostileCase c, Lane lane) {
        String query = c.query();
        int at = query.indexOf("${cursor:");
        if (at < 0) {
            return query;
        }
        int end = query.indexOf('}', at);
        String how = query.substring(at + "${cursor:".length(), end);
        String value = switch (how) {
            case "garbage" -> "abc";
            case "empty" -> "";
            case "nul" -> "%00";
            case "2kb" -> "A".repeat(2048);
            case "base64-json" -> encode(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"t\":\"x\",\"o\":-1,\"k\":\"\"}".getBytes(StandardCharsets.UTF_8)));
            case "valid", "other-parent", "other-filters" -> encode(cursor(c.op(), lane));
            case "tampered" -> encode(tamper(cursor(c.op(), lane)));
            case "other-tenant" -> encode(cursor(c.op(), other));
            case "other-route" -> encode(cursor(contract.operations.stream()
                    .filter(o -> o.method().equals("GET") && !o.path().equals(c.op().path())
                            && o.in("query").stream().anyMatch(p -> p.name().equals("cursor")))
                    .findFirst().orElseThrow(), lane));
            default -> throw new IllegalArgumentException(how);
        };
        return query.substring(0, at) + value + query.substring(end + 1);
    }

    /** The {@code nextCursor} of the first page of one item of {@code op}, as {@code lane}'s tenant-wide key sees it. */
    private String cursor(Operation op, Lane lane) {
        return cursors.computeIfAbsent(lane.tenantId + " " + op.route(), k -> {
            HostileCase first = new HostileCase(op, "cursor", "first page", Actor.MAIN, Map.of(), "limit=1", List.of(),
                    null, false, HostileCase.Expect.anyDocumented());
            RawHttp.Response page = RawHttp.send(port, build(first, lane), TIMEOUT_MILLIS);
            JsonNode next = Oracle.parse(page.body()).findValue("nextCursor");
            if (next == null || !next.isTextual()) {
                throw new IllegalStateException("No nextCursor on the first page of " + op.route() + " (" + page
                        + "): seed more items in Lane.seed");
            }
            return next.asText();
        });
    }

    private static String tamper(String cursor) {
        int i = cursor.length() / 2;
        char c = cursor.charAt(i);
        return cursor.substring(0, i) + (c == 'A' ? 'B' : 'A') + cursor.substring(i + 1);
    }

    /** A well-formed id that names nothing: the last letter or digit of a real one changed. */
    static String unknown(String id) {
        char last = id.charAt(id.length() - 1);
        char other = Character.isDigit(last) ? (last == '0' ? '1' : '0') : (last == 'a' ? 'b' : 'a');
        return id.substring(0, id.length() - 1) + other;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
