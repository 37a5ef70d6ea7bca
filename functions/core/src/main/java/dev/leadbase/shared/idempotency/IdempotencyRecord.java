package dev.leadbase.shared.idempotency;

import java.util.Map;

/** A remembered request: its body's digest and, once completed, the response to replay. */
public record IdempotencyRecord(String key, String requestHash, boolean completed, int status, String data,
                                Map<String, String> headers, long expiresAtEpochSecond) {
}
