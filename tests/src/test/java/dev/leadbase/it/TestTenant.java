package dev.leadbase.it;

import dev.leadbase.bench.http.ApiClient;

/** A tenant made for one test class, with a key holding the permissions asked for. */
public record TestTenant(String tenantId, String apiKey, String keyId, ApiClient client) {
}
