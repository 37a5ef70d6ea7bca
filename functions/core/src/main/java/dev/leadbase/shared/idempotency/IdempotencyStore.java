package dev.leadbase.shared.idempotency;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Remembers idempotent requests; claiming a key is atomic. */
public interface IdempotencyStore {
    /** Claims {@code key} for a request in progress; false when a live record already holds it. */
    boolean claim(String key, String requestHash, Instant now, Instant expiresAt);

    Optional<IdempotencyRecord> find(String key);

    void complete(String key, int status, String data, Map<String, String> headers);

    /** Forgets a claim whose request failed, so that it can be retried. */
    void release(String key);
}
