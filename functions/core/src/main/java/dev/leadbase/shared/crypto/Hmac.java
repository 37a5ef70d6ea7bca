package dev.leadbase.shared.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one MAC the product makes: cursors, webhook secrets, webhook signatures. */
public final class Hmac {
    private static final String ALGORITHM = "HmacSHA256";

    private Hmac() {
    }

    /** A key for {@link #ofParts} from its text. */
    public static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * The MAC over {@code version} and then each part, length-prefixed (4 bytes), so that parts cannot run together:
     * ("ab", "c") and ("a", "bc") have different MACs.
     */
    public static byte[] ofParts(SecretKeySpec key, byte[] version, String... parts) {
        Mac mac = mac(key);
        mac.update(version);
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            mac.update(bytes);
        }
        return mac.doFinal();
    }

    /** The lowercase hex MAC of {@code text} under {@code secret}, as a receiver computes it (webhook signatures). */
    public static String hex(String secret, String text) {
        return HexFormat.of().formatHex(mac(key(secret)).doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
