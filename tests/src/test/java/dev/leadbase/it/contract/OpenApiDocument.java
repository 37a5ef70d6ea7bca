package dev.leadbase.it.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * openapi.yaml as the tests read it: the parsed document, and its JSON Schemas (2020-12, OpenAPI 3.1 dialect, formats
 * asserted) addressed by JSON pointer into the document.
 */
public final class OpenApiDocument {
    public static final String LOCATION = "https://leadbase.dev/openapi.yaml";
    private static OpenApiDocument loaded;

    private final JsonNode spec;
    private final JsonSchemaFactory factory;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApiDocument(String yaml) throws IOException {
        this.spec = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(LOCATION, yaml))));
    }

    /** The repository's openapi.yaml, read once per JVM. */
    public static synchronized OpenApiDocument load() {
        if (loaded == null) {
            try {
                loaded = new OpenApiDocument(Files.readString(Path.of("openapi.yaml")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    public JsonNode spec() {
        return spec;
    }

    public JsonSchemaFactory factory() {
        return factory;
    }

    /** The node at a JSON pointer, following one {@code $ref} if the node is a reference. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = spec.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** What the schema at {@code pointer} finds wrong with {@code value}; empty when it is valid. */
    public List<String> problems(String pointer, JsonNode value) {
        JsonSchema schema = schemas.computeIfAbsent(pointer, p -> factory.getSchema(SchemaLocation.of(LOCATION + "#" + p),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()));
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(value)) {
            problems.add(m.toString());
        }
        return problems;
    }

    /** A path template as a JSON pointer token. */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
