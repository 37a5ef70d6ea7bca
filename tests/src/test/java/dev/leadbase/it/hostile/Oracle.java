package dev.leadbase.it.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.leadbase.it.hostile.HostileCase.Expect;
import dev.leadbase.it.hostile.Lane.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every answer to a hostile request must be: an HTTP answer within the timeout, never a 5xx, JSON in the error
 * format with the code of its status, a status the operation documents and a body its schema accepts; plus what the
 * case itself expects (a status, the name of the bad parameter or field) and, for another user or tenant, nothing of
 * the victim's.
 */
final class Oracle {
    private Oracle() {
    }

    static List<String> judge(Contract contract, HostileCase c, RawHttp.Request request, RawHttp.Response response,
                              Lane lane) {
        List<String> failures = new ArrayList<>();
        if (response.failure() != null) {
            failures.add("no HTTP answer: " + response.failure());
            return failures;
        }
        int status = response.status();
        Expect expect = c.expect();
        if (status >= 500) {
            failures.add("server error " + status);
        }
        if (expect.documented() && !c.op().statuses().contains(status)) {
            failures.add("status " + status + " is not documented for " + c.op().route() + " " + c.op().statuses());
        }
        JsonNode body = MissingNode.getInstance();
        if (status != 204) {
            String type = response.headers().getOrDefault("content-type", "");
            body = parse(response.body());
            if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json") || !body.isObject()) {
                failures.add("not a JSON object (content-type " + type + ")");
            }
        }
        if (status >= 400 && body.isObject()) {
            errorFormat(contract, status, body, failures);
        }
        if (expect.documented() && c.op().statuses().contains(status) && body.isObject() && status != 204) {
            List<String> problems = contract.document.problems(responseSchema(contract, c, status), body);
            if (!problems.isEmpty()) {
                failures.add("body does not match the documented " + status + " schema: "
                        + problems.subList(0, Math.min(3, problems.size())));
            }
        }
        if (!expect.statuses().isEmpty() && !expect.statuses().contains(status) && !reportedAsItem(expect, status, body)) {
            failures.add("expected " + expect.statuses() + ", got " + status);
        }
        if (expect.param() != null && status == 400 && !body.path("details").path("invalidParams").has(expect.param())) {
            failures.add("details.invalidParams does not name " + expect.param());
        }
        if (expect.field() != null && status == 400 && !body.path("details").path("invalidFields").has(expect.field())) {
            failures.add("details.invalidFields does not name " + expect.field());
        }
        if (status == 400 && body.isObject() && body.path("details").isEmpty()) {
            failures.add("a 400 without details naming what is wrong");
        }
        if (status == 403 && c.actor() == Actor.LACKING
                && !c.op().permission().equals(body.path("permissionHelp").path("required").asText())) {
            failures.add("permissionHelp.required is not " + c.op().permission());
        }
        if (expect.namesVictim() && status / 100 == 2) {
            failures.add(c.actor() == Actor.OWN ? "an own key was served a resource of another user"
                    : "another tenant's key was served this tenant's resource");
        }
        if (c.actor() == Actor.OWN || c.actor() == Actor.OTHER_TENANT) {
            leaks(c, request, response, lane, failures);
        }
        return failures;
    }

    private static void errorFormat(Contract contract, int status, JsonNode body, List<String> failures) {
        List<String> missing = new ArrayList<>();
        if (!body.path("error").asBoolean(false)) {
            missing.add("error");
        }
        for (String field : List.of("code", "message", "version", "timestamp")) {
            if (!body.path(field).isTextual()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            failures.add("not the error format: missing " + missing);
            return;
        }
        try {
            Instant.parse(body.path("timestamp").asText());
        } catch (DateTimeParseException e) {
            failures.add("timestamp is not an instant");
        }
        String code = contract.codeByStatus.get(status);
        if (code == null) {
            failures.add("status " + status + " is not in the README's errors table");
        } else if (!code.equals(body.path("code").asText())) {
            failures.add("code " + body.path("code").asText() + " does not go with status " + status + " (README: " + code + ")");
        }
    }

    private static String responseSchema(Contract contract, HostileCase c, int status) {
        String pointer = c.op().responsePointer(status);
        JsonNode documented = contract.document.spec().at(pointer);
        if (documented.has("$ref")) {
            pointer = documented.get("$ref").asText().substring(1);
        }
        return pointer + "/content/application~1json/schema";
    }

    /** A bad item of an {@code x-leadbase-item-results} route may be answered 200 with that item marked invalid. */
    private static boolean reportedAsItem(Expect expect, int status, JsonNode body) {
        if (expect.itemIndex() == null || status != 200) {
            return false;
        }
        for (JsonNode result : body.path("data").path("results")) {
            if (result.path("index").asInt(-1) == expect.itemIndex()) {
                return "invalid".equals(result.path("status").asText());
            }
        }
        return false;
    }

    /** Nothing of the victim in an answer to another user or tenant: not its fields, not an id the request lacked. */
    private static void leaks(HostileCase c, RawHttp.Request request, RawHttp.Response response, Lane lane,
                              List<String> failures) {
        String sent = request.target() + " " + (request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8));
        for (String secret : lane.secrets) {
            if (response.body().contains(secret)) {
                failures.add("the answer shows the victim's " + secret);
            }
        }
        Set<String> victimIds = new LinkedHashSet<>();
        if (c.actor() == Actor.OWN) {
            victimIds.add(lane.id("lead"));
            victimIds.add(lane.id("key"));
            if (lane.ids.containsKey("lead2")) {
                victimIds.add(lane.id("lead2"));
            }
        } else {
            lane.ids.forEach((kind, id) -> {
                if (!kind.equals("victimEmail")) {
                    victimIds.add(id);
                }
            });
        }
        for (String id : victimIds) {
            if (response.body().contains(id) && !sent.contains(id)) {
                failures.add("the answer names the victim's " + id);
            }
        }
    }

    static JsonNode parse(String text) {
        try {
            return text == null || text.isEmpty() ? MissingNode.getInstance() : Cases.JSON.readTree(text);
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }
}
