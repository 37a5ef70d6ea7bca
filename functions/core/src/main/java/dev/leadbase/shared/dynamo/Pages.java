package dev.leadbase.shared.dynamo;

import dev.leadbase.shared.paging.InvalidCursor;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A Query read page by page: each page starts at the LastEvaluatedKey of the one before, and the pages end
 * when DynamoDB returns none. A page may ask for its own limit ({@link #next(int)}), so a reader can take
 * exactly as many items as it still needs.
 *
 * <p>A Query may resume at a key built from a client's cursor ({@link #resuming}). That key comes from a
 * checked cursor, so DynamoDB should never refuse it; if it does, the cursor is at fault: 400 naming
 * {@code cursor} ({@link InvalidCursor}), not a server error.
 */
public final class Pages implements Iterator<QueryResponse> {
    private static final String VALIDATION = "ValidationException";
    private final DynamoDbClient dynamo;
    private final QueryRequest request;
    private final Map<String, AttributeValue> cursorKey;
    private Map<String, AttributeValue> start;
    private boolean done;

    private Pages(DynamoDbClient dynamo, QueryRequest request, Map<String, AttributeValue> cursorKey) {
        this.dynamo = dynamo;
        this.request = request;
        this.cursorKey = cursorKey;
        this.start = cursorKey != null ? cursorKey
                : request.hasExclusiveStartKey() && !request.exclusiveStartKey().isEmpty() ? request.exclusiveStartKey() : null;
    }

    /** The pages of {@code request} from its first item, or after its own ExclusiveStartKey when it has one. */
    public static Pages of(DynamoDbClient dynamo, QueryRequest request) {
        return new Pages(dynamo, request, null);
    }

    public static Pages of(DynamoDbClient dynamo, Consumer<QueryRequest.Builder> request) {
        return of(dynamo, QueryRequest.builder().applyMutation(request).build());
    }

    /** The pages of {@code request} after {@code cursorKey}, a key built from a client's cursor (null: from the first item). */
    public static Pages resuming(DynamoDbClient dynamo, QueryRequest request, Map<String, AttributeValue> cursorKey) {
        return new Pages(dynamo, request, cursorKey == null || cursorKey.isEmpty() ? null : cursorKey);
    }

    public static Pages resuming(DynamoDbClient dynamo, Consumer<QueryRequest.Builder> request,
                                 Map<String, AttributeValue> cursorKey) {
        return resuming(dynamo, QueryRequest.builder().applyMutation(request).build(), cursorKey);
    }

    /**
     * The pages of {@code request} from where these stopped (e.g. whole items after skipping keys only); done
     * when these are.
     */
    public Pages then(QueryRequest request) {
        Pages next = new Pages(dynamo, request, cursorKey);
        next.start = start;
        next.done = done;
        return next;
    }

    public Pages then(Consumer<QueryRequest.Builder> request) {
        return then(QueryRequest.builder().applyMutation(request).build());
    }

    /** Whether DynamoDB may hold another page: true until a page came back without a LastEvaluatedKey. */
    @Override
    public boolean hasNext() {
        return !done;
    }

    /** The next page, of at most the request's own limit. */
    @Override
    public QueryResponse next() {
        return read(request.toBuilder());
    }

    /** The next page, of at most {@code limit} items (DynamoDB's limit: items evaluated, before any filter). */
    public QueryResponse next(int limit) {
        return read(request.toBuilder().limit(limit));
    }

    /**
     * Every item of {@code pages} from here on, each made a {@code T}; a page is read only when the items before it
     * have been taken.
     */
    public static <T> Iterator<T> items(Pages pages, Function<Map<String, AttributeValue>, T> item) {
        return new Iterator<>() {
            private Iterator<Map<String, AttributeValue>> page = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && pages.hasNext()) {
                    page = pages.next().items().iterator();
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("No item after the last");
                }
                return item.apply(page.next());
            }
        };
    }

    /** Where the next page starts: the last page's LastEvaluatedKey, or null when the pages are done. */
    public Map<String, AttributeValue> lastKey() {
        return done ? null : start;
    }

    private QueryResponse read(QueryRequest.Builder page) {
        if (done) {
            throw new NoSuchElementException("No page after the last");
        }
        QueryResponse response = query(page.exclusiveStartKey(start).build());
        start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        done = start == null;
        return response;
    }

    private QueryResponse query(QueryRequest page) {
        try {
            return dynamo.query(page);
        } catch (DynamoDbException e) {
            boolean fromCursor = cursorKey != null && cursorKey == start;
            if (fromCursor && e.awsErrorDetails() != null && VALIDATION.equals(e.awsErrorDetails().errorCode())) {
                throw InvalidCursor.error();
            }
            throw e;
        }
    }
}
