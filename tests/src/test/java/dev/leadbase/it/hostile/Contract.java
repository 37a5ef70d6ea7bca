package dev.leadbase.it.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.it.contract.OpenApiDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operations of openapi.yaml as the hostile suite attacks them, and the README's error codes by status. */
final class Contract {
    static final String PLATFORM_ADMIN = "platform-admin";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One documented parameter; {@code schemaPointer} addresses its schema in the document. */
    record Param(String name, String in, JsonNode schema, String schemaPointer, boolean required) {
        boolean isInteger() {
            return "integer".equals(schema.path("type").asText());
        }
    }

    /** One documented operation. */
    record Operation(String method, String path, String operationId, String permission, List<String> tags,
                     List<Param> params, String bodyPointer, JsonNode example, Set<Integer> statuses, String itemResults) {
        String route() {
            return method + " " + path;
        }

        boolean mutates() {
            return !method.equals("GET");
        }

        boolean admin() {
            return PLATFORM_ADMIN.equals(permission);
        }

        List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        String responsePointer(int status) {
            return "/paths/" + OpenApiDocument.escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        }
    }

    final OpenApiDocument document;
    final List<Operation> operations = new ArrayList<>();
    /** Documented methods of each path. */
    final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
    /** status → error code, from the README's errors table. */
    final Map<Integer, String> codeByStatus = new LinkedHashMap<>();

    Contract(OpenApiDocument document) {
        this.document = document;
        JsonNode paths = document.spec().path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String pathPointer = "/paths/" + OpenApiDocument.escape(path.getKey());
            Set<String> methods = new TreeSet<>();
            for (String method : METHODS) {
                JsonNode op = path.getValue().path(method);
                if (op.isMissingNode()) {
                    continue;
                }
                methods.add(method.toUpperCase(Locale.ROOT));
                String opPointer = pathPointer + "/" + method;
                List<Param> params = new ArrayList<>();
                addParams(params, path.getValue().path("parameters"), pathPointer + "/parameters");
                addParams(params, op.path("parameters"), opPointer + "/parameters");
                JsonNode media = op.path("requestBody").path("content").path("application/json");
                String bodyPointer = media.isMissingNode() ? null : opPointer + "/requestBody/content/application~1json/schema";
                Set<Integer> statuses = new TreeSet<>();
                op.path("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
                List<String> tags = new ArrayList<>();
                op.path("tags").forEach(t -> tags.add(t.asText()));
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), op.path("operationId").asText(),
                        op.path("x-leadbase-permission").asText(null), tags, params, bodyPointer,
                        media.path("example").isMissingNode() ? null : media.path("example"), statuses,
                        op.path("x-leadbase-item-results").asText(null)));
            }
            methodsByPath.put(path.getKey(), methods);
        }
        readErrorTable();
    }

    private void addParams(List<Param> into, JsonNode list, String pointer) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode declared = list.get(i);
            String at = pointer + "/" + i;
            if (declared.has("$ref")) {
                at = declared.get("$ref").asText().substring(1);
            }
            JsonNode p = document.resolve(declared);
            String name = p.path("name").asText();
            into.removeIf(existing -> existing.name().equals(name) && existing.in().equals(p.path("in").asText()));
            into.add(new Param(name, p.path("in").asText(), document.resolve(p.path("schema")), at + "/schema",
                    p.path("required").asBoolean(false)));
        }
    }

    /** Rows such as {@code | 400 | `VALIDATION_ERROR` | …} of the README's errors table. */
    private void readErrorTable() {
        String readme;
        try {
            readme = Files.readString(Path.of("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher row = Pattern.compile("(?m)^\\| (\\d{3}) \\| `([A-Z_]+)` \\|").matcher(readme);
        while (row.find()) {
            codeByStatus.put(Integer.parseInt(row.group(1)), row.group(2));
        }
    }

    /** The schema a JSON value must match, with {@code $ref} and a one-element {@code allOf} followed. */
    JsonNode schemaOf(JsonNode schema) {
        JsonNode s = document.resolve(schema);
        if (s.has("allOf") && s.get("allOf").size() == 1 && !s.has("properties")) {
            return schemaOf(s.get("allOf").get(0));
        }
        return s;
    }

    /** The JSON types a schema allows ({@code type} as a string or a list); empty when any type goes. */
    Set<String> types(JsonNode schema) {
        JsonNode s = schemaOf(schema);
        Set<String> types = new TreeSet<>();
        JsonNode type = s.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (s.has("enum")) {
            types.add("string");
        } else if (s.has("properties")) {
            types.add("object");
        }
        return types;
    }
}
