package dev.leadbase.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON for the runtime itself: Jackson for plain values, the Lambda serializers for event classes. */
public final class LambdaJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private LambdaJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readMap(String json) {
        try {
            return MAPPER.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Object read(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Serializes a handler's result the way the Lambda Java runtime does. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static String output(Object value) {
        if (value == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var serializer = LambdaEventSerializers.serializerFor((Class) value.getClass(), LambdaJson.class.getClassLoader());
        serializer.toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Deserializes JSON into {@code type} the way the Lambda Java runtime does. */
    public static <T> T input(String json, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaJson.class.getClassLoader()).fromJson(json);
    }
}
