package dev.leadbase.shared.dynamo;

import dev.leadbase.shared.errors.RateLimited;
import dev.leadbase.shared.logging.JsonLog;
import dev.leadbase.shared.retry.Backoff;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The one retry policy for writes that DynamoDB refuses because another transaction holds one of their items: a
 * transaction cancelled only for {@code TransactionConflict} (or throttling), or a single-item write failing with
 * {@code TransactionConflictException}, runs again after a short random pause that grows, up to {@link #ATTEMPTS}
 * times. The SDK retries neither. A cancellation for any other reason (a failed condition) is the caller's to read.
 */
public final class Transactions {
    private static final int ATTEMPTS = 10;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final Set<String> TRANSIENT = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded");

    private Transactions() {
    }

    /** Runs {@code writes} in one TransactWriteItems, again while DynamoDB cancels it only for conflicts. */
    public static void write(DynamoDbClient dynamo, List<TransactWriteItem> writes) {
        retrying(() -> dynamo.transactWriteItems(r -> r.transactItems(writes)));
    }

    /**
     * Runs {@code write} (a transaction or a single-item write), again while it fails only for a conflict. When the
     * conflicts outlast the attempts, nothing was written: {@link RateLimited#contended} (429 with
     * Retry-After), not a 500.
     */
    public static <T> T retrying(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (TransactionCanceledException e) {
                if (!transientOnly(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    throw contended(e);
                }
            } catch (TransactionConflictException e) {
                if (attempt >= ATTEMPTS) {
                    throw contended(e);
                }
            }
            Backoff.pause(attempt);
        }
    }

    private static RateLimited contended(RuntimeException cause) {
        JsonLog.warn("write still conflicting after " + ATTEMPTS + " attempts", Map.of("error", String.valueOf(cause.getMessage())));
        return RateLimited.contended(Clock.systemUTC().instant());
    }

    /** Whether the write at {@code index} of the cancelled transaction failed its condition. */
    public static boolean failedCondition(TransactionCanceledException e, int index) {
        return index >= 0 && CONDITION_FAILED.equals(reason(e, index));
    }

    /**
     * The elements of {@code writes} (the writes of a cancelled transaction, in its order, one element per write) whose
     * condition did not fail: what a transaction of them can be tried again with.
     */
    public static <T> List<T> withoutFailed(TransactionCanceledException e, List<T> writes) {
        List<T> still = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            if (!failedCondition(e, i)) {
                still.add(writes.get(i));
            }
        }
        return still;
    }

    /** The cancellation code of the write at {@code index} ({@code None} when it was not the cause), or null. */
    private static String reason(TransactionCanceledException e, int index) {
        List<String> codes = codes(e);
        return index < codes.size() ? codes.get(index) : null;
    }

    /**
     * The item that the write at {@code index} found when its condition failed, if it asked for it
     * ({@code ReturnValuesOnConditionCheckFailure.ALL_OLD}) and there was one.
     */
    public static Optional<Map<String, AttributeValue>> itemAt(TransactionCanceledException e, int index) {
        if (index < 0 || !e.hasCancellationReasons() || index >= e.cancellationReasons().size()) {
            return Optional.empty();
        }
        CancellationReason reason = e.cancellationReasons().get(index);
        return reason.hasItem() && !reason.item().isEmpty() ? Optional.of(reason.item()) : Optional.empty();
    }

    private static boolean transientOnly(TransactionCanceledException e) {
        List<String> codes = codes(e);
        return codes.stream().anyMatch(TRANSIENT::contains)
                && codes.stream().allMatch(c -> c.equals("None") || TRANSIENT.contains(c));
    }

    /** The code of each write, in order, as DynamoDB lists them ({@code None} for a write that was not the cause). */
    private static List<String> codes(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return List.of();
        }
        return e.cancellationReasons().stream().map(r -> r.code() == null ? "None" : r.code()).toList();
    }
}
