package dev.leadbase.it.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.leadbase.it.hostile.Contract.Operation;
import dev.leadbase.it.hostile.Contract.Param;
import dev.leadbase.it.hostile.HostileCase.Expect;
import dev.leadbase.it.hostile.Lane.Actor;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the hostile cases of one operation from its documentation: its parameters and their schemas, its request
 * schema walked field by field (nested objects and arrays included) from its documented example, its permission and
 * the resources it names.
 */
final class Cases {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Bytes that are not UTF-8, put where this marker stands in a body. */
    static final String BAD_UTF8 = "@@BAD-UTF8@@";
    static final int MAX_BODY_BYTES = 262_144;
    static final String DIGITS_39 = "123456789012345678901234567890123456789";
    private static final int DEEP = 2000;

    private final Contract contract;
    private final Operation op;
    private final List<HostileCase> out = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();

    private Cases(Contract contract, Operation op) {
        this.contract = contract;
        this.op = op;
    }

    static List<HostileCase> of(Contract contract, Operation op) {
        Cases cases = new Cases(contract, op);
        cases.access();
        cases.pathParams();
        cases.queryParams();
        cases.headerParams();
        if (op.bodyPointer() != null) {
            cases.bodySyntax();
            cases.bodyFields();
        }
        return cases.out;
    }

    /** 405 for each method a documented path does not take. */
    static List<HostileCase> methods(Contract contract) {
        List<HostileCase> cases = new ArrayList<>();
        contract.methodsByPath.forEach((path, methods) -> {
            Operation first = contract.operations.stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                if (!methods.contains(method) && !servedElsewhere(contract, method, path)) {
                    Operation as = new Operation(method, path, first.operationId(), first.permission(), first.tags(),
                            first.params(), null, null, first.statuses(), null);
                    cases.add(new HostileCase(as, "method", method + " is not documented", Actor.MAIN, Map.of(), null,
                            List.of(), method.equals("GET") || method.equals("DELETE") ? null : "{}", false,
                            Expect.status(405).undocumented()));
                }
            }
        });
        return cases;
    }

    /** Whether another documented route of {@code method} matches {@code path} read as a concrete path. */
    private static boolean servedElsewhere(Contract contract, String method, String path) {
        String[] concrete = path.split("/");
        return contract.operations.stream().filter(o -> o.method().equals(method)).anyMatch(o -> {
            String[] template = o.path().split("/");
            if (template.length != concrete.length) {
                return false;
            }
            for (int i = 0; i < template.length; i++) {
                if (!template[i].startsWith("{") && !template[i].equals(concrete[i])) {
                    return false;
                }
            }
            return true;
        });
    }

    // ---- access ----------------------------------------------------------------------------------------------

    private void access() {
        String body = baseline();
        boolean hasForbidden = op.statuses().contains(403);
        add("access", "no key", Actor.NONE, Map.of(), null, List.of(), body, true, Expect.status(401));
        add("access", "unknown key", Actor.NONE, Map.of(), null, headers("x-api-key", "lb_not_a_key"), body, true,
                Expect.status(401));
        add("access", "Bearer of an unknown key", Actor.NONE, Map.of(), null, headers("Authorization", "Bearer lb_nope"),
                body, true, Expect.status(401));
        add("access", "Basic credentials", Actor.NONE, Map.of(), null,
                headers("Authorization", "Basic dXNlcjpwYXNz"), body, true, Expect.status(401));
        add("access", "2 KB key", Actor.NONE, Map.of(), null, headers("x-api-key", "lb_" + "k".repeat(2048)), body, true,
                Expect.status(401));
        add("access", "key with a control character", Actor.NONE, Map.of(), null, headers("x-api-key", "lb_\u0001x"), body,
                true, Expect.status(401));
        add("access", op.admin() ? "a tenant key holding every permission" : "key lacking " + op.permission(),
                Actor.LACKING, Map.of(), null, List.of(), body, true, Expect.status(hasForbidden ? 403 : 401));
        add("access", "key holding only " + op.permission() + " is served", Actor.ONLY, Map.of(), null, List.of(), body,
                true, new Expect(success(), null, null, null, false, true));
        if (op.admin()) {
            return;
        }
        boolean namesUserResource = pathKinds().stream().anyMatch(Lane.USER_KINDS::contains) || bodyKinds().contains("lead");
        boolean namesAny = !pathKinds().isEmpty() || !bodyKinds().isEmpty();
        add("access", "own key of user_2 on user_1's resources", Actor.OWN, Map.of(), null, List.of(), body, true,
                Expect.anyDocumented().victim(namesUserResource));
        add("access", "another tenant's key on this tenant's resources", Actor.OTHER_TENANT, Map.of(), null, List.of(), body,
                true, Expect.anyDocumented().victim(namesAny));
        if (op.statuses().contains(409) && emailPath() != null) {
            ObjectNode dup = (ObjectNode) template();
            set(dup, emailPath(), NODES.textNode("${victimEmail}"));
            add("access", "own key of user_2 creating user_1's email", Actor.OWN, Map.of(), null, List.of(), write(dup),
                    false, Expect.anyDocumented());
        }
    }

    private Set<Integer> success() {
        Set<Integer> ok = new LinkedHashSet<>();
        op.statuses().stream().filter(s -> s / 100 == 2).forEach(ok::add);
        return ok;
    }

    // ---- path parameters -------------------------------------------------------------------------------------

    private void pathParams() {
        for (Param p : op.in("path")) {
            String name = p.name();
            Map<String, Expect> values = new LinkedHashMap<>();
            Expect malformed = Expect.status(400).naming(name);
            Expect unknownOrMalformed = Expect.status(400, 404);
            values.put("x", unknownOrMalformed);
            values.put("-1", unknownOrMalformed);
            values.put("1e400", unknownOrMalformed);
            values.put(DIGITS_39, unknownOrMalformed);
            values.put("a%2Fb", unknownOrMalformed);
            values.put("%C3%A9", unknownOrMalformed);
            values.put("x_" + "a".repeat(2048), malformed);
            values.put("%00", malformed);
            values.put("a%01b", malformed);
            values.put("%zz", malformed);
            values.put("a%", malformed);
            values.put("%C3%28", malformed);
            values.put("%FF", malformed);
            values.forEach((raw, expect) -> add("path", name + "=" + raw, Actor.MAIN, Map.of(name, raw), null, List.of(),
                    baseline(), false, expect));
            add("path", name + " = a well-formed id that does not exist", Actor.MAIN, Map.of(name, "${unknown}"), null,
                    List.of(), baseline(), false, Expect.status(404));
        }
    }

    // ---- query parameters ------------------------------------------------------------------------------------

    private void queryParams() {
        add("query", "unknown parameter", Actor.MAIN, Map.of(), "zzUnknown=1", List.of(), baseline(), false,
                Expect.status(400).naming("zzUnknown"));
        add("query", "bad percent-encoding in an unknown parameter", Actor.MAIN, Map.of(), "zz%zz=1", List.of(), baseline(),
                false, Expect.status(400));
        List<Param> query = op.in("query");
        for (Param p : query) {
            if (p.name().equals("cursor")) {
                cursors(p);
                continue;
            }
            List<String> values = new ArrayList<>(List.of("", "%00", "a%01b", "%zz", "%C3%28", "x".repeat(2048)));
            if (p.isInteger() || "number".equals(p.schema().path("type").asText())) {
                values.addAll(List.of("abc", "1.5", "-1", "0", "1e400", "9223372036854775808", DIGITS_39));
            }
            JsonNode enumValues = contract.schemaOf(p.schema()).path("enum");
            if (enumValues.size() > 0) {
                values.add("bogus");
                values.add(enumValues.get(0).asText().toUpperCase(java.util.Locale.ROOT));
            }
            for (String raw : values) {
                add("query", p.name() + "=" + raw, Actor.MAIN, Map.of(), p.name() + "=" + raw, List.of(), baseline(), false,
                        expectForQuery(p, raw));
            }
            add("query", p.name() + " repeated", Actor.MAIN, Map.of(), p.name() + "=1&" + p.name() + "=2", List.of(),
                    baseline(), false, expectForQuery(p, "1,2"));
        }
        for (Param after : query) {
            if (after.name().endsWith("After")) {
                String stem = after.name().substring(0, after.name().length() - "After".length());
                query.stream().filter(q -> q.name().equals(stem + "Before")).findFirst().ifPresent(before ->
                        add("query", "reversed range " + after.name() + " > " + before.name(), Actor.MAIN, Map.of(),
                                after.name() + "=2024-06-01T00:00:00Z&" + before.name() + "=2024-01-01T00:00:00Z",
                                List.of(), baseline(), false, Expect.status(400)));
            }
        }
    }

    private Expect expectForQuery(Param p, String raw) {
        if (raw.contains("%zz") || raw.equals("a%")) {
            return Expect.status(400);  // the query cannot be decoded at all: which parameter it names is moot
        }
        if (raw.contains("%C3%28") || raw.contains("%FF")) {
            return Expect.status(400).naming(p.name());
        }
        String value = java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode asJson = NODES.textNode(value);
        if (p.isInteger() && value.matches("-?[0-9]+")) {
            asJson = NODES.numberNode(new java.math.BigInteger(value));
        } else if ("number".equals(p.schema().path("type").asText()) && value.matches("-?[0-9.eE+-]+")) {
            try {
                asJson = NODES.numberNode(new java.math.BigDecimal(value));
            } catch (NumberFormatException e) {
                asJson = NODES.textNode(value);
            }
        }
        return contract.document.problems(p.schemaPointer(), asJson).isEmpty() ? Expect.anyDocumented()
                : Expect.status(400).naming(p.name());
    }

    private void cursors(Param p) {
        for (String how : List.of("garbage", "nul", "2kb", "base64-json", "tampered", "other-tenant",
                "other-route", "other-parent", "other-filters")) {
            boolean needsParent = how.equals("other-parent");
            boolean needsFilter = how.equals("other-filters");
            if (needsParent && op.in("path").isEmpty() || needsFilter && filterParam() == null) {
                continue;
            }
            String query = "limit=1&cursor=${cursor:" + how + "}";
            if (needsFilter) {
                query += "&" + filterParam();
            }
            add("cursor", "cursor " + how, Actor.MAIN, needsParent ? Map.of(op.in("path").get(0).name(), "${parent2}")
                    : Map.of(), query, List.of(), baseline(), false, Expect.status(400).naming("cursor"));
        }
        add("cursor", "empty cursor", Actor.MAIN, Map.of(), "limit=1&cursor=", List.of(), baseline(), false,
                Expect.anyDocumented());
        add("cursor", "cursor of the previous page is served", Actor.MAIN, Map.of(), "limit=1&cursor=${cursor:valid}",
                List.of(), baseline(), false, Expect.status(200));
    }

    /** A filter other than paging, with a valid value, to change under a cursor. */
    String filterParam() {
        for (Param q : op.in("query")) {
            if (List.of("page", "limit", "cursor").contains(q.name())) {
                continue;
            }
            JsonNode s = contract.schemaOf(q.schema());
            if (s.path("enum").size() > 0) {
                return q.name() + "=" + s.path("enum").get(0).asText();
            }
            if (s.path("examples").size() > 0) {
                return q.name() + "=" + s.path("examples").get(0).asText();
            }
            return q.name() + "=" + (q.isInteger() ? "1" : "x.example");
        }
        return null;
    }

    // ---- header parameters -----------------------------------------------------------------------------------

    private void headerParams() {
        for (Param p : op.in("header")) {
            List<String> values = new ArrayList<>(List.of("", " ", "k".repeat(255), "k".repeat(256), "k".repeat(2048),
                    "a\u0001b", "\u00c3\u00a9t\u00c3\u00a9", "\u00ff\u00fe", "\"1\"", "\"-1\"", "\"0\"", "*", "W/\"1\"",
                    "\"9223372036854775808\"", "\"" + DIGITS_39 + "\"", "\"abc\"", "abc"));
            for (String value : values) {
                JsonNode asJson = NODES.textNode(value.trim());
                Expect expect = contract.document.problems(p.schemaPointer(), asJson).isEmpty()
                        ? Expect.anyDocumented() : Expect.status(400);
                add("header", p.name() + ": " + RawHttp.Abbrev.of(value, 24), Actor.MAIN, Map.of(), null,
                        headers(p.name(), value), baseline(), op.method().equals("DELETE"), expect);
            }
            add("header", p.name() + " twice", Actor.MAIN, Map.of(), null,
                    List.of(new String[] {p.name(), "\"1\""}, new String[] {p.name(), "\"2\""}), baseline(),
                    op.method().equals("DELETE"), Expect.anyDocumented());
        }
    }

    // ---- body: syntax ----------------------------------------------------------------------------------------

    private void bodySyntax() {
        String base = baseline();
        Expect malformed = Expect.status(400).field("body");
        add("body-syntax", "no body", Actor.MAIN, Map.of(), null, List.of(), null, false, Expect.status(400));
        add("body-syntax", "empty body", Actor.MAIN, Map.of(), null, List.of(), "", false, Expect.status(400));
        for (String root : List.of("null", "[]", "\"text\"", "123", "true")) {
            add("body-syntax", "body " + root, Actor.MAIN, Map.of(), null, List.of(), root, false, Expect.status(400));
        }
        add("body-syntax", "not JSON without a key", Actor.NONE, Map.of(), null, List.of(), "not json", false,
                Expect.status(401));
        add("body-syntax", DEEP + " nested arrays without a key", Actor.NONE, Map.of(), null, List.of(),
                "[".repeat(DEEP) + "]".repeat(DEEP), false, Expect.status(401));
        add("body-syntax", "not JSON", Actor.MAIN, Map.of(), null, List.of(), "not json", false, malformed);
        add("body-syntax", "truncated", Actor.MAIN, Map.of(), null, List.of(), base.substring(0, base.length() - 1), false,
                malformed);
        add("body-syntax", "trailing text", Actor.MAIN, Map.of(), null, List.of(), base + " xyz", false, malformed);
        add("body-syntax", "trailing object", Actor.MAIN, Map.of(), null, List.of(), base + "{}", false, malformed);
        String first = template().fieldNames().next();
        add("body-syntax", "duplicate key " + first, Actor.MAIN, Map.of(), null, List.of(),
                "{\"" + first + "\":" + write(template().get(first)) + "," + base.substring(1), false, malformed);
        add("body-syntax", DEEP + " nested arrays", Actor.MAIN, Map.of(), null, List.of(),
                "{\"" + first + "\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "}", false, malformed);
        add("body-syntax", DEEP + " nested objects", Actor.MAIN, Map.of(), null, List.of(),
                "{\"" + first + "\":" + "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP) + "}", false, malformed);
        add("body-syntax", DEEP + " nested arrays as the body", Actor.MAIN, Map.of(), null, List.of(),
                "[".repeat(DEEP) + "]".repeat(DEEP), false, malformed);
        add("body-syntax", "300 KB of whitespace", Actor.MAIN, Map.of(), null, List.of(),
                " ".repeat(300 * 1024) + base, false, Expect.status(413));
        add("body-syntax", "single quotes", Actor.MAIN, Map.of(), null, List.of(), base.replace('"', '\''), false, malformed);
        add("body-syntax", "comment", Actor.MAIN, Map.of(), null, List.of(), "/* x */" + base, false, malformed);
        add("body-syntax", "byte order mark", Actor.MAIN, Map.of(), null, List.of(), "\ufeff" + base, false,
                Expect.anyDocumented());
        add("body-syntax", "content-type text/plain", Actor.MAIN, Map.of(), null,
                headers("Content-Type", "text/plain"), base, false, Expect.anyDocumented());
        add("body-syntax", "no content-type", Actor.MAIN, Map.of(), null, headers("Content-Type", ""), base, false,
                Expect.anyDocumented());
    }

    // ---- body: fields ----------------------------------------------------------------------------------------

    /** A place in the body and the schema documented for it. */
    private record Field(List<Object> path, JsonNode schema, boolean optional) {
        String name() {
            StringBuilder name = new StringBuilder();
            for (Object step : path) {
                name.append(step instanceof Integer i ? "[" + i + "]" : (name.isEmpty() ? "" : ".") + step);
            }
            return name.toString();
        }
    }

    private void bodyFields() {
        List<Field> fields = new ArrayList<>();
        walk(contract.document.spec().at(op.bodyPointer()), new ArrayList<>(), 0, fields, false);
        boolean huge = false;
        for (Field f : fields) {
            Set<String> types = contract.types(f.schema());
            boolean any = types.isEmpty();
            Map<String, JsonNode> values = new LinkedHashMap<>();
            values.put("null", NODES.nullNode());
            if (!types.contains("string")) {
                values.put("\"text\"", NODES.textNode("text"));
            }
            if (!types.contains("number") && !types.contains("integer")) {
                values.put("12345", NODES.numberNode(12345));
            }
            if (!types.contains("boolean") && (types.contains("number") || types.contains("integer"))) {
                values.put("true", NODES.booleanNode(true));
            }
            if (!types.contains("object")) {
                values.put("{}", NODES.objectNode());
            }
            if (!types.contains("array") && types.contains("object")) {
                values.put("[1]", NODES.arrayNode().add(1));
            }
            if (any || types.contains("string")) {
                values.put("\"\"", NODES.textNode(""));
                values.put("2 KB string", NODES.textNode("x".repeat(2048)));
                values.put("NUL and U+0001 inside", NODES.textNode("a\u0000b\u0001@example.com"));
                values.put("lone surrogate", raw("\"\\ud800\""));
                values.put("bad UTF-8 bytes", NODES.textNode(BAD_UTF8));
                if (!contract.schemaOf(f.schema()).has("maxLength") || any) {
                    values.put("250 KB string", NODES.textNode("x".repeat(250 * 1024)));
                }
                if (!huge) {
                    values.put("300 KB string", NODES.textNode("x".repeat(300 * 1024)));
                    huge = true;
                }
            }
            if (any || types.contains("number") || types.contains("integer")) {
                values.put("-1", NODES.numberNode(-1));
                values.put("0", NODES.numberNode(0));
                values.put("1.5", raw("1.5"));
                values.put("1e400", raw("1e400"));
                values.put("-1e400", raw("-1e400"));
                values.put("1e126", raw("1e126"));
                values.put("1e-131", raw("1e-131"));
                values.put("Long.MAX_VALUE + 1", raw("9223372036854775808"));
                values.put("39 digits", raw(DIGITS_39));
            }
            if (types.contains("array")) {
                values.put("[]", NODES.arrayNode());
                int max = contract.schemaOf(f.schema()).path("maxItems").asInt(0);
                JsonNode sample = at(template(), f.path());
                if (max > 0 && sample != null && sample.isArray() && sample.size() > 0) {
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i <= max; i++) {
                        many.add(sample.get(0).deepCopy());
                    }
                    values.put((max + 1) + " items", many);
                }
            }
            if (types.contains("object") || any) {
                values.put("{}", NODES.objectNode());
                JsonNode current = at(template(), f.path());
                ObjectNode withUnknown = current != null && current.isObject() ? ((ObjectNode) current).deepCopy()
                        : NODES.objectNode();
                withUnknown.put("zzUnknown", 1);
                values.put("with an unknown field", withUnknown);
                values.put("200 nested objects", raw("{\"a\":".repeat(200) + "1" + "}".repeat(200)));
            }
            values.forEach((label, value) -> {
                ObjectNode body = (ObjectNode) template();
                set(body, f.path(), value);
                ObjectNode judged = (ObjectNode) example();
                set(judged, f.path(), value);
                if (value.isNull() && f.optional() && f.path().get(f.path().size() - 1) instanceof String name) {
                    // the document's rule: an optional field sent as null is the field left out
                    ((ObjectNode) at(judged, f.path().subList(0, f.path().size() - 1))).remove(name);
                }
                mutated(f, label, body, judged);
            });
            if (contract.schemaOf(f.schema()).has("required")) {
                for (JsonNode required : contract.schemaOf(f.schema()).get("required")) {
                    JsonNode container = at(template(), f.path());
                    if (container != null && container.isObject() && container.has(required.asText())) {
                        ObjectNode body = (ObjectNode) template();
                        ((ObjectNode) at(body, f.path())).remove(required.asText());
                        ObjectNode judged = (ObjectNode) example();
                        ((ObjectNode) at(judged, f.path())).remove(required.asText());
                        mutated(f, "without required " + required.asText(), body, judged);
                    }
                }
            }
        }
        ObjectNode unknown = (ObjectNode) template();
        unknown.put("zzUnknown", 1);
        add("body-field", "unknown top-level field", Actor.MAIN, Map.of(), null, List.of(), write(unknown), false,
                Expect.status(400).field("zzUnknown"));
        for (JsonNode required : contract.schemaOf(contract.document.spec().at(op.bodyPointer())).path("required")) {
            ObjectNode body = (ObjectNode) template();
            body.remove(required.asText());
            add("body-field", "without required " + required.asText(), Actor.MAIN, Map.of(), null, List.of(), write(body),
                    false, Expect.status(400));
        }
    }

    /**
     * Adds the case of a body changed at {@code f}: rejected when the document's schema rejects it. {@code body} is
     * what is sent (ids as placeholders of the lane's resources); {@code judged} is the same change made to the
     * documented example, whose ids have the documented formats, so that the schema judges the change alone and not
     * the placeholder text.
     */
    private void mutated(Field f, String label, ObjectNode body, ObjectNode judged) {
        String text = write(body);
        Expect expect;
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            expect = Expect.status(413);
        } else {
            JsonNode parsed;
            try {
                parsed = JSON.readTree(write(judged));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            List<String> problems = contract.document.problems(op.bodyPointer(), parsed);
            expect = problems.isEmpty() ? Expect.anyDocumented() : Expect.status(400, 413);
            if (!problems.isEmpty() && op.itemResults() != null && f.path().size() >= 2
                    && f.path().get(0).equals(op.itemResults()) && f.path().get(1) instanceof Integer index) {
                expect = expect.item(index);
            }
        }
        add("body-field", f.name() + " = " + label, Actor.MAIN, Map.of(), null, List.of(), text, false, expect);
    }

    private void walk(JsonNode declared, List<Object> path, int depth, List<Field> fields, boolean optional) {
        JsonNode s = contract.schemaOf(declared);
        if (depth > 0 && fields.stream().noneMatch(f -> f.path().equals(path))) {
            fields.add(new Field(List.copyOf(path), s, optional));
        }
        children(s, path, depth, fields);
    }

    private void children(JsonNode s, List<Object> path, int depth, List<Field> fields) {
        if (depth >= 4) {
            return;
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode alternative : s.path(combinator)) {
                children(contract.schemaOf(alternative), path, depth, fields);
            }
        }
        Set<String> types = contract.types(s);
        if (s.has("properties")) {
            s.get("properties").fields().forEachRemaining(e -> {
                path.add(e.getKey());
                boolean optional = true;
                for (JsonNode r : s.path("required")) {
                    optional &= !r.asText().equals(e.getKey());
                }
                walk(e.getValue(), path, depth + 1, fields, optional);
                path.remove(path.size() - 1);
            });
        } else if (types.contains("object") && !s.path("additionalProperties").isBoolean()) {
            path.add("k1");
            walk(s.path("additionalProperties").isObject() ? s.get("additionalProperties") : NODES.objectNode(), path,
                    depth + 1, fields, true);
            path.remove(path.size() - 1);
        }
        if (types.contains("array") && s.has("items")) {
            path.add(0);
            walk(s.get("items"), path, depth + 1, fields, false);
            path.remove(path.size() - 1);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The documented example, ids replaced by placeholders of the lane's resources. */
    private JsonNode template() {
        if (op.example() == null) {
            return NODES.objectNode();
        }
        JsonNode copy = op.example().deepCopy();
        placeholders(copy);
        return copy;
    }

    private static void placeholders(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (Lane.KIND_BY_FIELD.containsKey(name) && object.get(name).isTextual()) {
                    object.put(name, "${" + Lane.KIND_BY_FIELD.get(name) + "}");
                } else {
                    placeholders(object.get(name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(Cases::placeholders);
        }
    }

    /** The documented example as written (its ids match the documented patterns; the placeholders do not). */
    private JsonNode example() {
        return op.example() == null ? NODES.objectNode() : op.example().deepCopy();
    }

    private String baseline() {
        return op.bodyPointer() == null ? null : write(template());
    }

    private Set<String> pathKinds() {
        Set<String> kinds = new LinkedHashSet<>();
        for (Param p : op.in("path")) {
            kinds.add(kindOf(op.path(), p.name()));
        }
        return kinds;
    }

    private Set<String> bodyKinds() {
        Set<String> kinds = new LinkedHashSet<>();
        String text = baseline();
        if (text != null) {
            Lane.KIND_BY_FIELD.values().forEach(kind -> {
                if (text.contains("\"${" + kind + "}\"")) {
                    kinds.add(kind);
                }
            });
        }
        return kinds;
    }

    /** The kind of resource a path parameter names, from the segment before it. */
    static String kindOf(String path, String param) {
        String[] segments = path.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + param + "}")) {
                String kind = Lane.KIND_BY_SEGMENT.get(segments[i - 1]);
                if (kind == null) {
                    throw new IllegalStateException("No resource kind for {" + param + "} of " + path
                            + ": add its segment to Lane.KIND_BY_SEGMENT");
                }
                return kind;
            }
        }
        throw new IllegalStateException(param + " is not in " + path);
    }

    private List<Object> emailPath() {
        JsonNode t = template();
        if (t.has("email") || contract.schemaOf(contract.document.spec().at(op.bodyPointer())).path("properties").has("email")) {
            return List.of("email");
        }
        if (op.itemResults() != null && t.path(op.itemResults()).isArray()) {
            return List.of(op.itemResults(), 0, "email");
        }
        return null;
    }

    private void add(String group, String label, Actor actor, Map<String, String> path, String query,
                     List<String[]> headers, String body, boolean fresh, Expect expect) {
        if (seen.add(group + "|" + label)) {
            out.add(new HostileCase(op, group, label, actor, path, query, headers, body,
                    fresh && op.method().equals("DELETE"), expect));
        }
    }

    private static List<String[]> headers(String name, String value) {
        List<String[]> list = new ArrayList<>();
        list.add(new String[] {name, value});
        return list;
    }

    private static JsonNode raw(String token) {
        return NODES.rawValueNode(new RawValue(token));
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode current = root;
        for (Object step : path) {
            current = step instanceof Integer i ? current.get(i) : current.get((String) step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static void set(ObjectNode root, List<Object> path, JsonNode value) {
        JsonNode current = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            Object next = path.get(i + 1);
            JsonNode child = step instanceof Integer index ? current.get(index) : current.get((String) step);
            if (child == null || !(child.isObject() || child.isArray())) {
                child = next instanceof Integer ? NODES.arrayNode() : NODES.objectNode();
                if (step instanceof Integer) {
                    ((ArrayNode) current).add(child);
                } else {
                    ((ObjectNode) current).set((String) step, child);
                }
            }
            current = child;
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ArrayNode array = (ArrayNode) current;
            if (array.size() > index) {
                array.set(index, value);
            } else {
                array.add(value);
            }
        } else {
            ((ObjectNode) current).set((String) last, value);
        }
    }
}
