package dev.leadbase.access.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes API keys and the SHA-256 digests under which they are stored. */
public final class KeyHasher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_PREFIX = "lb_";
    /** One digest per thread: looking the algorithm up costs more than hashing a key. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private KeyHasher() {
    }

    public static String sha256(String key) {
        return HexFormat.of().formatHex(SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two hex digests in constant time. */
    public static boolean sameDigest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    public static String newKey() {
        return KEY_PREFIX + randomToken(32);
    }

    public static String newId(String prefix) {
        return prefix + randomToken(12).replace('-', 'x').replace('_', 'y');
    }

    /** The part of a key that may be shown again: enough to recognise it, useless to use it. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), KEY_PREFIX.length() + 6));
    }

    private static String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
