package dev.leadbase.shared.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.shared.errors.RateLimited;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The cancellation reasons are read from DynamoDB's codes, in the order of the writes, and never from the message. */
class TransactionsTest {
    private static TransactionCanceledException cancelled(String message, CancellationReason... reasons) {
        TransactionCanceledException.Builder b = TransactionCanceledException.builder().message(message);
        if (reasons.length > 0) {
            b.cancellationReasons(Arrays.asList(reasons));
        }
        return (TransactionCanceledException) b.build();
    }

    private static CancellationReason code(String code) {
        return CancellationReason.builder().code(code).build();
    }

    @Test
    void aFailedConditionIsFoundAtTheIndexOfItsWrite() {
        TransactionCanceledException e = cancelled("cancelled", code("None"), code("ConditionalCheckFailed"), code("None"));
        assertFalse(Transactions.failedCondition(e, 0));
        assertTrue(Transactions.failedCondition(e, 1));
        assertFalse(Transactions.failedCondition(e, 2));
        assertFalse(Transactions.failedCondition(e, 3), "past the last write");
        assertFalse(Transactions.failedCondition(e, -1), "no such write");
    }

    @Test
    void theMessageTextIsNeverReadForReasons() {
        TransactionCanceledException e = cancelled(
                "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]");
        assertFalse(Transactions.failedCondition(e, 0));
        AtomicInteger calls = new AtomicInteger();
        TransactionCanceledException conflict = cancelled("Transaction cancelled ... reasons [TransactionConflict]");
        assertSame(conflict, assertThrows(TransactionCanceledException.class, () -> Transactions.retrying(() -> {
            calls.incrementAndGet();
            throw conflict;
        })));
        assertEquals(1, calls.get(), "a reason named only in the message is not a conflict to retry");
    }

    @Test
    void theItemAWriteFoundIsReadFromItsReason() {
        Map<String, AttributeValue> found = Map.of("leadId", AttributeValue.fromS("lead_1"));
        TransactionCanceledException e = cancelled("cancelled", code("None"),
                CancellationReason.builder().code("ConditionalCheckFailed").item(found).build());
        assertEquals(Optional.of(found), Transactions.itemAt(e, 1));
        assertEquals(Optional.empty(), Transactions.itemAt(e, 0));
        assertEquals(Optional.empty(), Transactions.itemAt(e, 2));
    }

    @Test
    void aConflictIsRetriedUntilTheWriteGoesThrough() {
        AtomicInteger calls = new AtomicInteger();
        String result = Transactions.retrying(() -> {
            if (calls.incrementAndGet() < 3) {
                throw cancelled("cancelled", code("None"), code("TransactionConflict"));
            }
            return "written";
        });
        assertEquals("written", result);
        assertEquals(3, calls.get());
    }

    @Test
    void aFailedConditionIsTheCallersAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(TransactionCanceledException.class, () -> Transactions.retrying(() -> {
            calls.incrementAndGet();
            throw cancelled("cancelled", code("ConditionalCheckFailed"), code("TransactionConflict"));
        }));
        assertEquals(1, calls.get());
    }

    @Test
    void conflictsThatOutlastTheAttemptsAreContendedNotAServerError() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(RateLimited.class, () -> Transactions.retrying(() -> {
            calls.incrementAndGet();
            throw cancelled("cancelled", code("ThrottlingError"));
        }));
        assertEquals(10, calls.get());
    }
}
