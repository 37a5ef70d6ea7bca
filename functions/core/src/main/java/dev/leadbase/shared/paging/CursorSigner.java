package dev.leadbase.shared.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.shared.crypto.Hmac;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one cursor codec of every paged route. A cursor is {@code base64url(position JSON) "."
 * base64url(HMAC-SHA256)}, the MAC taken over a version tag, the {@link CursorScope} (route, tenant,
 * viewer, parent, filters) and the position. Opening checks the MAC, then that the position has
 * exactly the fields and types of one of the route's {@link Shape}s, so nothing unchecked reaches a
 * store; anything else is {@link InvalidCursor}.
 */
public final class CursorSigner {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final byte[] VERSION = "leadbase-cursor-v2".getBytes(StandardCharsets.UTF_8);
    /** Far above any cursor issued (a position is a few key values of at most 1 KB each). */
    private static final int MAX_LENGTH = 8192;
    private final SecretKeySpec key;

    public CursorSigner(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("The cursor secret must be at least 16 characters");
        }
        this.key = Hmac.key(secret);
    }

    /** A cursor that resumes at {@code position}, good only for {@code scope}. */
    public String sign(CursorScope scope, Position position) {
        return sign(scope, Json.write(position.fields()));
    }

    /** A cursor carrying {@code json} as its position, whatever it holds. */
    String sign(CursorScope scope, String json) {
        String body = ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(scope, body));
    }

    /**
     * The position of a cursor this signer issued for exactly this scope, whose fields match one
     * of {@code shapes}.
     *
     * @throws ValidationFailed (400 naming {@code cursor}) for anything else
     */
    public Position open(CursorScope scope, String cursor, Shape... shapes) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw InvalidCursor.error();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            throw InvalidCursor.error();
        }
        String body = cursor.substring(0, dot);
        byte[] expected = ENCODER.encodeToString(mac(scope, body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, cursor.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
            throw InvalidCursor.error();
        }
        Map<String, Object> fields = fields(body);
        for (Shape shape : shapes) {
            if (shape.matches(fields)) {
                return new Position(fields);
            }
        }
        throw InvalidCursor.error();
    }

    /** The position's fields as strings and longs; anything else (floats, nulls, nesting) is refused. */
    private static Map<String, Object> fields(String body) {
        JsonNode payload;
        try {
            payload = Json.read(new String(DECODER.decode(body), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw InvalidCursor.error();
        }
        if (payload == null || !payload.isObject()) {
            throw InvalidCursor.error();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                fields.put(field.getKey(), value.textValue());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                fields.put(field.getKey(), value.longValue());
            } else {
                throw InvalidCursor.error();
            }
        }
        return fields;
    }

    /** The MAC over the version, each part of the scope (length-prefixed, so parts cannot run together) and the body. */
    private byte[] mac(CursorScope scope, String body) {
        return Hmac.ofParts(key, VERSION, scope.route().operationId(), scope.tenantId(), scope.viewer(),
                scope.parentId(), scope.filters(), body);
    }
}
