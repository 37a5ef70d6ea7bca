package dev.leadbase.access.domain;

/** A freshly issued key: the only moment the plain key exists outside the caller's hands. */
public record IssuedApiKey(ApiKey stored, String apiKey) {
}
