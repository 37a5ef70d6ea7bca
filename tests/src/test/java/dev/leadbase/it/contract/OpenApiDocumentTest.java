package dev.leadbase.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leadbase.it.Commands;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml is itself a valid OpenAPI 3.1 document. The contract test checks responses against it; this checks the
 * document: with openapi-spec-validator where it is installed, and everywhere for the YAML slip that validator
 * cannot always see (an unquoted comma in a flow mapping, which turns the rest of a description into a key).
 */
class OpenApiDocumentTest {
    private static final Path DOCUMENT = Path.of("openapi.yaml");

    @Test
    void openApiSpecValidatorAcceptsTheDocumentAsOpenApi31() throws Exception {
        Commands.Result result = Commands.runIfInstalled("openapi-spec-validator", "--schema", "3.1",
                "--validation-errors", "all", DOCUMENT.toString());
        assertEquals(0, result.status(), result.output());
    }

    @Test
    void theDocumentDeclaresOpenApi31AndNoKeyIsLeftWithoutAValue() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        assertTrue(root.path("openapi").asText().startsWith("3.1."), "openapi: " + root.path("openapi"));
        List<String> empty = new ArrayList<>();
        walk(root, "", empty);
        assertEquals(List.of(), empty, "keys with no value (a comma in an unquoted flow-mapping scalar?)");
    }

    private static void walk(JsonNode node, String path, List<String> empty) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                // null is a value only under `example`/`default`/`const`/`enum`, where a document may mean it
                boolean valueMayBeNull = path.endsWith("/example") || path.endsWith("/default") || path.endsWith("/const")
                        || List.of("example", "default", "const").contains(field.getKey());
                if (field.getValue().isNull() && !valueMayBeNull) {
                    empty.add(path + "/" + field.getKey());
                }
                walk(field.getValue(), path + "/" + field.getKey(), empty);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", empty);
            }
        }
    }
}
