package dev.leadbase.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB requests one handler invocation made, sent again by the bare SDK: the limit the warm-latency
 * figures are measured against ("the bare SDK doing the same DynamoDB calls"). Writes are replayed with
 * substitutions inside their string values (a fresh lead id, a fresh email) so that conditions hold again.
 */
final class Replay {
    private final List<DynamoDbRequest> requests;

    Replay(List<DynamoDbRequest> requests) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("nothing recorded to replay");
        }
        this.requests = List.copyOf(requests);
    }

    /** The calls in order, e.g. "Query LeadItemsTable.ByCreated, GetItem LeadIndexTable". */
    String describe() {
        return requests.stream().map(Replay::describe).collect(Collectors.joining(", "));
    }

    /** The same requests with each occurrence of a key of {@code substitutions} in a string value replaced. */
    Replay with(Map<String, String> substitutions) {
        Rewriter rewriter = new Rewriter(substitutions);
        return new Replay(requests.stream().map(rewriter::request).toList());
    }

    /** Sends every request again, in order. */
    void run(DynamoDbClient dynamo) {
        for (DynamoDbRequest request : requests) {
            send(dynamo, request);
        }
    }

    private static void send(DynamoDbClient dynamo, DynamoDbRequest request) {
        switch (request) {
            case GetItemRequest r -> dynamo.getItem(r);
            case QueryRequest r -> dynamo.query(r);
            case BatchGetItemRequest r -> dynamo.batchGetItem(r);
            case PutItemRequest r -> dynamo.putItem(r);
            case UpdateItemRequest r -> dynamo.updateItem(r);
            case DeleteItemRequest r -> dynamo.deleteItem(r);
            case BatchWriteItemRequest r -> dynamo.batchWriteItem(r);
            case TransactWriteItemsRequest r -> dynamo.transactWriteItems(r);
            default -> throw new IllegalArgumentException("cannot replay " + request.getClass().getSimpleName());
        }
    }

    private static String describe(DynamoDbRequest request) {
        String operation = request.getClass().getSimpleName().replace("Request", "");
        return switch (request) {
            case GetItemRequest r -> operation + " " + r.tableName();
            case QueryRequest r -> operation + " " + r.tableName() + (r.indexName() == null ? "" : "." + r.indexName());
            case BatchGetItemRequest r -> operation + " " + r.requestItems().keySet();
            case BatchWriteItemRequest r -> operation + " " + r.requestItems().values().stream().mapToInt(List::size).sum()
                    + " items";
            case TransactWriteItemsRequest r -> operation + " " + r.transactItems().size() + " items";
            default -> operation;
        };
    }

    /** Copies of requests with substituted string values; key and condition shapes stay as recorded. */
    private record Rewriter(Map<String, String> substitutions) {
        DynamoDbRequest request(DynamoDbRequest request) {
            return switch (request) {
                case GetItemRequest r -> r.toBuilder().key(map(r.key())).build();
                case QueryRequest r -> {
                    QueryRequest.Builder b = r.toBuilder();
                    if (r.hasExpressionAttributeValues()) {
                        b.expressionAttributeValues(map(r.expressionAttributeValues()));
                    }
                    if (r.hasExclusiveStartKey()) {
                        b.exclusiveStartKey(map(r.exclusiveStartKey()));
                    }
                    yield b.build();
                }
                case BatchGetItemRequest r -> {
                    Map<String, KeysAndAttributes> items = new LinkedHashMap<>();
                    r.requestItems().forEach((table, k) -> items.put(table,
                            k.toBuilder().keys(k.keys().stream().map(this::map).toList()).build()));
                    yield r.toBuilder().requestItems(items).build();
                }
                case PutItemRequest r -> {
                    PutItemRequest.Builder b = r.toBuilder().item(map(r.item()));
                    if (r.hasExpressionAttributeValues()) {
                        b.expressionAttributeValues(map(r.expressionAttributeValues()));
                    }
                    yield b.build();
                }
                case UpdateItemRequest r -> {
                    UpdateItemRequest.Builder b = r.toBuilder().key(map(r.key()));
                    if (r.hasExpressionAttributeValues()) {
                        b.expressionAttributeValues(map(r.expressionAttributeValues()));
                    }
                    yield b.build();
                }
                case DeleteItemRequest r -> {
                    DeleteItemRequest.Builder b = r.toBuilder().key(map(r.key()));
                    if (r.hasExpressionAttributeValues()) {
                        b.expressionAttributeValues(map(r.expressionAttributeValues()));
                    }
                    yield b.build();
                }
                case BatchWriteItemRequest r -> {
                    Map<String, List<WriteRequest>> items = new LinkedHashMap<>();
                    r.requestItems().forEach((table, writes) -> items.put(table, writes.stream().map(this::write).toList()));
                    yield r.toBuilder().requestItems(items).build();
                }
                case TransactWriteItemsRequest r -> r.toBuilder()
                        .transactItems(r.transactItems().stream().map(this::transactItem).toList()).build();
                default -> throw new IllegalArgumentException("cannot rewrite " + request.getClass().getSimpleName());
            };
        }

        private WriteRequest write(WriteRequest w) {
            if (w.putRequest() != null) {
                return WriteRequest.builder().putRequest(PutRequest.builder().item(map(w.putRequest().item())).build()).build();
            }
            return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(map(w.deleteRequest().key())).build()).build();
        }

        private TransactWriteItem transactItem(TransactWriteItem t) {
            TransactWriteItem.Builder b = t.toBuilder();
            if (t.put() != null) {
                b.put(t.put().toBuilder().item(map(t.put().item())).expressionAttributeValues(
                        t.put().hasExpressionAttributeValues() ? map(t.put().expressionAttributeValues()) : null).build());
            }
            if (t.update() != null) {
                b.update(t.update().toBuilder().key(map(t.update().key())).expressionAttributeValues(
                        t.update().hasExpressionAttributeValues() ? map(t.update().expressionAttributeValues()) : null).build());
            }
            if (t.delete() != null) {
                b.delete(t.delete().toBuilder().key(map(t.delete().key())).expressionAttributeValues(
                        t.delete().hasExpressionAttributeValues() ? map(t.delete().expressionAttributeValues()) : null).build());
            }
            if (t.conditionCheck() != null) {
                b.conditionCheck(t.conditionCheck().toBuilder().key(map(t.conditionCheck().key())).expressionAttributeValues(
                        t.conditionCheck().hasExpressionAttributeValues()
                                ? map(t.conditionCheck().expressionAttributeValues()) : null).build());
            }
            return b.build();
        }

        private Map<String, AttributeValue> map(Map<String, AttributeValue> values) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            values.forEach((name, value) -> out.put(name, value(value)));
            return out;
        }

        private AttributeValue value(AttributeValue v) {
            if (v.s() != null) {
                return AttributeValue.fromS(text(v.s()));
            }
            if (v.hasL()) {
                return AttributeValue.fromL(v.l().stream().map(this::value).toList());
            }
            if (v.hasM()) {
                return AttributeValue.fromM(map(v.m()));
            }
            if (v.hasSs()) {
                return AttributeValue.fromSs(v.ss().stream().map(this::text).toList());
            }
            return v;
        }

        private String text(String s) {
            String out = s;
            for (Map.Entry<String, String> e : substitutions.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            return out;
        }
    }
}
