package dev.leadbase.local.aws;

import dev.leadbase.local.aws.ItemHistory.ItemRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/** The writes in flight per item, and the conflicts DynamoDB reports between a transaction and other writes. */
final class InFlight {
    /** Per item: single-item writes and transactions in flight. */
    private final Map<ItemRef, int[]> writes = new HashMap<>();

    /**
     * Registers the writes as in flight, or refuses them as DynamoDB does: a transaction conflicts with any write in
     * flight on one of its items, a single-item write with a transaction in flight on its item.
     */
    void enter(List<ItemRef> refs, boolean transaction) {
        synchronized (writes) {
            List<Boolean> conflicts = new ArrayList<>();
            boolean any = false;
            for (ItemRef ref : refs) {
                int[] counts = writes.get(ref);
                boolean conflict = counts != null && (counts[1] > 0 || transaction && counts[0] > 0);
                conflicts.add(conflict);
                any |= conflict;
            }
            if (any) {
                throw transaction ? cancelled(conflicts) : TransactionConflictException.builder()
                        .message("Transaction is ongoing for the item")
                        .awsErrorDetails(Faults.error("TransactionConflictException", "Transaction is ongoing for the item"))
                        .statusCode(400).build();
            }
            for (ItemRef ref : refs) {
                writes.computeIfAbsent(ref, k -> new int[2])[transaction ? 1 : 0]++;
            }
        }
    }

    void leave(List<ItemRef> refs, boolean transaction) {
        synchronized (writes) {
            for (ItemRef ref : refs) {
                int[] counts = writes.get(ref);
                if (counts != null && --counts[transaction ? 1 : 0] <= 0 && counts[0] <= 0 && counts[1] <= 0) {
                    writes.remove(ref);
                }
            }
        }
    }

    private static TransactionCanceledException cancelled(List<Boolean> conflicts) {
        List<CancellationReason> reasons = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (boolean conflict : conflicts) {
            String code = conflict ? "TransactionConflict" : "None";
            codes.add(code);
            reasons.add(conflict ? CancellationReason.builder().code(code).message("Transaction is ongoing for the item").build()
                    : CancellationReason.builder().code(code).build());
        }
        String message = "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes;
        return (TransactionCanceledException) TransactionCanceledException.builder().cancellationReasons(reasons)
                .message(message).awsErrorDetails(Faults.error("TransactionCanceledException", message)).statusCode(400).build();
    }
}
