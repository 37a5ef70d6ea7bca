package dev.leadbase.access.domain;

/** The ledger of a tenant: {@code remaining + reserved + used == granted} at every instant. */
public record CreditBalance(long remaining, long reserved, long used, long granted) {
}
