package dev.leadbase.webhooks.store;

import dev.leadbase.shared.crypto.Hmac;
import java.util.List;

/**
 * The {@code Leadbase-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, one
 * {@code v1} per valid secret (two while a rotated secret is still valid), so a receiver holding either verifies.
 */
public final class WebhookSignature {
    public static final String HEADER = "Leadbase-Signature";

    private WebhookSignature() {
    }

    public static String header(long unixSeconds, String body, List<String> secrets) {
        StringBuilder out = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            out.append(",v1=").append(Hmac.hex(secret, unixSeconds + "." + body));
        }
        return out.toString();
    }
}
