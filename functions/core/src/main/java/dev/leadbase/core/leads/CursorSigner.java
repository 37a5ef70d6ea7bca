package dev.leadbase.core.leads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque paging cursors: the position, HMAC-SHA256-signed together with the tenant and the
 * request's filters, so a cursor cannot be forged, used by another tenant or replayed with other
 * filters.
 */
public final class CursorSigner {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private final byte[] secret;

    public CursorSigner(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("The cursor secret must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String tenantId, String fingerprint, LeadPosition position) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("p", position.page());
        if (position.sortKey() != null) {
            payload.put("k", position.sortKey());
            payload.put("i", position.leadId());
        } else {
            payload.put("o", position.offset());
        }
        String body = ENCODER.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(tenantId, fingerprint, body));
    }

    /** The position of a cursor this signer issued for this tenant and these filters; empty otherwise. */
    public Optional<LeadPosition> verify(String tenantId, String fingerprint, String cursor) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot == cursor.length() - 1) {
            return Optional.empty();
        }
        String body = cursor.substring(0, dot);
        try {
            byte[] presented = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(presented, mac(tenantId, fingerprint, body))) {
                return Optional.empty();
            }
            JsonNode payload = Json.read(new String(DECODER.decode(body), StandardCharsets.UTF_8));
            int page = payload.path("p").asInt(0);
            if (page < 1) {
                return Optional.empty();
            }
            if (payload.has("k")) {
                return Optional.of(new LeadPosition(page, payload.get("k").asText(), payload.path("i").asText(), 0));
            }
            return Optional.of(new LeadPosition(page, null, null, payload.path("o").asLong()));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String tenantId, String fingerprint, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(tenantId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(fingerprint.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
