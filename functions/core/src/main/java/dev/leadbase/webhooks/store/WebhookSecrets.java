package dev.leadbase.webhooks.store;

import dev.leadbase.shared.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives a subscription's signing secret, {@code whsec_<base64url(HMAC-SHA256)>}, with the server-side key
 * ({@code LEADBASE_WEBHOOK_SECRET}) over the tenant, the subscription id and a random salt the item keeps. The salt
 * alone is useless: without the key nobody can make the secret, and the key is in Secrets Manager, never in a table.
 */
final class WebhookSecrets {
    static final String PREFIX = "whsec_";
    private static final int MIN_KEY_LENGTH = 32;
    private static final int SALT_BYTES = 16;
    private static final byte[] VERSION = "leadbase-webhook-secret-v1".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    WebhookSecrets(String serverKey) {
        if (serverKey == null || serverKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("The webhook secret key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = Hmac.key(serverKey);
    }

    /** A new salt, the only thing stored of a secret. */
    static String newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return ENCODER.encodeToString(salt);
    }

    /** The secret of one salt of one subscription. */
    String secret(String tenantId, String subscriptionId, String salt) {
        return PREFIX + ENCODER.encodeToString(Hmac.ofParts(key, VERSION, tenantId, subscriptionId, salt));
    }
}
