package dev.leadbase.shared.idempotency;

import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.shared.errors.Conflict;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.http.ApiRequest;
import dev.leadbase.shared.http.ApiResult;
import dev.leadbase.shared.json.Json;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} support for POST routes: the first response of a key is stored for 24 hours
 * and replayed to retries with the same body; the same key with another body is a 409.
 * Keys are scoped by what the caller sees (its tenant, its user for an {@code own} key, or the platform admin), method
 * and path. A failed request releases its key.
 */
public final class Idempotency {
    public static final String HEADER = "idempotency-key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final Duration RETENTION = Duration.ofHours(24);
    /** The scope of the platform admin's keys: no tenant id has this form. */
    static final String PLATFORM_ADMIN_SCOPE = "platform-admin";
    private static final Pattern VALID_KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private final IdempotencyStore store;
    private final Clock clock;

    public Idempotency(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public ApiResult run(ApiRequest request, Supplier<ApiResult> action) {
        Optional<String> presented = request.header(HEADER);
        if (presented.isEmpty()) {
            return action.get();
        }
        if (!VALID_KEY.matcher(presented.get()).matches()) {
            throw new ValidationFailed("Invalid Idempotency-Key header", Map.of("invalidHeaders",
                    Map.of("Idempotency-Key", "Must be 1 to 255 visible ASCII characters")));
        }
        String scope = request.principal() == null ? PLATFORM_ADMIN_SCOPE : request.access().scopeKey();
        String key = scope + "#" + request.method() + " " + request.path() + "#" + presented.get();
        String hash = KeyHasher.sha256(request.body() == null ? "" : request.body());
        Instant now = clock.instant();
        if (!store.claim(key, hash, now, now.plus(RETENTION))) {
            return replay(key, hash);
        }
        ApiResult result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            store.release(key);
            throw e;
        }
        store.complete(key, result.status(), Json.write(result.data()), result.headers());
        return result;
    }

    private ApiResult replay(String key, String hash) {
        IdempotencyRecord record = store.find(key).orElseThrow(() ->
                new Conflict("A request with this Idempotency-Key is in progress; retry shortly"));
        if (!record.requestHash().equals(hash)) {
            throw new Conflict("This Idempotency-Key was already used with a different request body");
        }
        if (!record.completed()) {
            throw new Conflict("A request with this Idempotency-Key is in progress; retry shortly");
        }
        try {
            ApiResult replayed = new ApiResult(record.status(), Json.read(record.data()), record.headers());
            return replayed.withHeader(REPLAYED_HEADER, "true");
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
