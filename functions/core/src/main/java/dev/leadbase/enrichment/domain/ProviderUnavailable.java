package dev.leadbase.enrichment.domain;

/** A provider could not answer now (timeout, rate limit, server error): the lead is retried by the queue. */
public final class ProviderUnavailable extends RuntimeException {
    public ProviderUnavailable(String message) {
        super(message);
    }

    public ProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
