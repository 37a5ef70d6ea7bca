package dev.leadbase.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadbase.local.testhandlers.FailingWorker;
import dev.leadbase.local.testhandlers.FifoWorker;
import dev.leadbase.local.testhandlers.RecordingStreamHandler;
import dev.leadbase.local.testhandlers.TickHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

class LocalRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(Options.defaults()
                .withTemplate(Path.of("src/test/resources/test-template.yaml"))
                .withPort(0)
                .withParameters(Map.of("Stage", "test")));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void routesPathParametersIntoAFaithfulV2Event() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(runtime.baseUrl() + "/api/v2/leads/42?tag=a&tag=b&q=hello%20world"))
                .header("X-Custom", "Value").header("Cookie", "a=1; b=2").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode());
        assertEquals("yes", response.headers().firstValue("x-echo").orElseThrow());
        assertEquals("seen=1; Path=/", response.headers().firstValue("set-cookie").orElseThrow());
        JsonNode echo = JSON.readTree(response.body());
        assertEquals("2.0", echo.get("version").asText());
        assertEquals("GET /api/v2/leads/{id}", echo.get("routeKey").asText());
        assertEquals("/api/v2/leads/42", echo.get("rawPath").asText());
        assertEquals("tag=a&tag=b&q=hello%20world", echo.get("rawQueryString").asText());
        assertEquals("a,b", echo.at("/queryStringParameters/tag").asText());
        assertEquals("hello world", echo.at("/queryStringParameters/q").asText());
        assertEquals("42", echo.at("/pathParameters/id").asText());
        assertEquals("Value", echo.at("/headers/x-custom").asText());
        assertTrue(echo.at("/headers/cookie").isMissingNode());
        assertEquals(List.of("a=1", "b=2"), List.of(echo.at("/cookies/0").asText(), echo.at("/cookies/1").asText()));
        assertEquals("GET", echo.get("method").asText());
        assertEquals("$default", echo.get("stage").asText());
        assertEquals("EchoFunction", echo.get("functionName").asText());
        assertEquals(512, echo.get("memory").asInt());
    }

    @Test
    void functionEnvironmentIsResolvedFromTheTemplate() throws Exception {
        JsonNode env = JSON.readTree(get("/api/v2/leads/1").body()).get("env");

        assertEquals("Leads", env.get("TABLE").asText());
        assertEquals("test", env.get("STAGE").asText());
        assertEquals(runtime.queueUrl("Work"), env.get("QUEUE_URL").asText());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:Work", env.get("QUEUE_ARN").asText());
        assertEquals("us-east-1/Leads/Work", env.get("SUBBED").asText());
        assertEquals("Work-x", env.get("SUBBED_LIST").asText());
        assertEquals("a:test", env.get("JOINED").asText());
    }

    @Test
    void staticSegmentsBeatParametersAndGreedyPathsTakeTheRest() throws Exception {
        assertEquals("GET /api/v2/leads/special", JSON.readTree(get("/api/v2/leads/special").body()).get("routeKey").asText());

        JsonNode files = JSON.readTree(get("/files/a/b/c.txt").body());
        assertEquals("ANY /files/{proxy+}", files.get("routeKey").asText());
        assertEquals("a/b/c.txt", files.at("/pathParameters/proxy").asText());
    }

    @Test
    void unmatchedRouteIsNotFoundLikeApiGateway() throws Exception {
        HttpResponse<String> response = get("/nowhere");

        assertEquals(404, response.statusCode());
        assertEquals("Not Found", JSON.readTree(response.body()).get("message").asText());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/api/v2/leads/1"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void handlerExceptionIsInternalServerErrorWithoutDetails() throws Exception {
        HttpResponse<String> response = get("/api/v2/leads/boom");

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
    }

    @Test
    void jsonBodiesArriveAsTextAndBinaryBodiesAsBase64() throws Exception {
        JsonNode text = JSON.readTree(post("application/json", "{\"name\":\"Ada\"}".getBytes()).body());
        assertEquals("{\"name\":\"Ada\"}", text.get("body").asText());
        assertFalse(text.get("isBase64Encoded").asBoolean());

        byte[] binary = {0, 1, 2, (byte) 255};
        JsonNode encoded = JSON.readTree(post("application/octet-stream", binary).body());
        assertTrue(encoded.get("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(binary), encoded.get("body").asText());
    }

    @Test
    void oversizedBodyIsRejected() throws Exception {
        assertEquals(413, post("application/octet-stream", new byte[10 * 1024 * 1024 + 1]).statusCode());
    }

    @Test
    void failedSqsMessagesAreRedeliveredThenMovedToTheDeadLetterQueue() {
        String queue = runtime.queueUrl("Work");
        runtime.sqs().sendMessage(r -> r.queueUrl(queue).messageBody("ok"));
        runtime.sqs().sendMessage(r -> r.queueUrl(queue).messageBody("fail"));

        List<Message> dead = List.of();
        long deadline = System.currentTimeMillis() + 20_000;
        while (dead.isEmpty() && System.currentTimeMillis() < deadline) {
            dead = runtime.sqs().receiveMessage(r -> r.queueUrl(runtime.queueUrl("WorkDlq")).waitTimeSeconds(1)).messages();
        }

        assertEquals(1, dead.size());
        assertEquals("fail", dead.get(0).body());
        assertEquals(1, FailingWorker.SEEN.stream().filter(m -> m.getBody().equals("ok")).count());
        List<SQSMessageView> failures = FailingWorker.SEEN.stream().filter(m -> m.getBody().equals("fail"))
                .map(m -> new SQSMessageView(m.getAttributes().get("ApproximateReceiveCount"), m.getEventSourceArn()))
                .toList();
        assertEquals(2, failures.size());
        assertEquals("2", failures.get(1).receiveCount());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:Work", failures.get(0).sourceArn());
    }

    private record SQSMessageView(String receiveCount, String sourceArn) {
    }

    @Test
    void aFifoGroupKeepsItsOrderAndWhatFollowsAFailedMessageIsReceivedAgainAfterIt() {
        String queue = runtime.queueUrl("Ordered");
        assertTrue(queue.endsWith("Ordered.fifo"), queue);
        List<String> bodies = List.of("g1-a", "fail-once-g1-b", "g1-c", "g1-d");
        var sent = runtime.sqs().sendMessageBatch(r -> r.queueUrl(queue).entries(bodies.stream().map(b ->
                software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder().id(b)
                        .messageBody(b).messageGroupId("g1").messageDeduplicationId(b).build()).toList()));
        assertEquals(List.of(), sent.failed());

        // the first receive may hold the whole group or only its first messages (ElasticMQ answers as they arrive):
        // either way the group ends with b received again and d after it
        awaitTrue(() -> FifoWorker.SEEN.stream().filter("fail-once-g1-b"::equals).count() == 2
                && FifoWorker.SEEN.lastIndexOf("g1-d") > FifoWorker.SEEN.lastIndexOf("fail-once-g1-b"),
                "the group received again after its failed message");
        List<String> seen = List.copyOf(FifoWorker.SEEN);
        // the handler called c and d done after b failed; they were kept, and came again after b, in order
        int retry = seen.lastIndexOf("fail-once-g1-b");
        assertEquals(List.of("fail-once-g1-b", "g1-c", "g1-d"), seen.subList(retry, retry + 3), seen.toString());
        assertEquals(1, seen.stream().filter("g1-a"::equals).count(), seen.toString());
        assertEquals(2, seen.stream().filter("fail-once-g1-b"::equals).count(), seen.toString());
    }

    @Test
    void theAwsSemanticsModeLeavesFifoQueuesInOrderAndOnce() {
        String queue = runtime.sqs().createQueue(r -> r.queueName("Plain" + System.nanoTime() + ".fifo")
                .attributes(Map.of(software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
        var sqs = dev.leadbase.local.aws.AwsSemanticsMode.wrap(
                dev.leadbase.local.aws.AwsSemantics.parse("seed=5,duplicateRate=0.5,delayRate=0.5"),
                runtime.dynamo(), runtime.dynamoStreams(), runtime.sqs()).sqs();
        for (int i = 0; i < 20; i++) {
            String body = "m" + i;
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body).messageGroupId("g").messageDeduplicationId(body));
        }
        List<String> received = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (received.size() < 20 && System.currentTimeMillis() < deadline) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                received.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
        // nothing more comes: no copy, nothing held back
        received.addAll(sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(2))
                .messages().stream().map(Message::body).toList());
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, received);
    }

    @Test
    void streamRecordsMatchingTheFilterReachTheHandlerWithImages() {
        String table = runtime.tableName("Leads");
        runtime.dynamo().putItem(r -> r.tableName(table).item(Map.of(
                "pk", s("T#1"), "sk", s("L#cold"), "status", s("COLD"))));
        runtime.dynamo().putItem(r -> r.tableName(table).item(Map.of(
                "pk", s("T#1"), "sk", s("L#hot"), "status", s("HOT"), "score", AttributeValue.fromN("10"))));
        runtime.dynamo().putItem(r -> r.tableName(table).item(Map.of(
                "pk", s("T#1"), "sk", s("L#hot"), "status", s("HOT"), "score", AttributeValue.fromN("20"))));

        awaitTrue(() -> RecordingStreamHandler.SEEN.size() >= 2, "two HOT records");

        var records = RecordingStreamHandler.SEEN;
        assertEquals(List.of("INSERT", "MODIFY"), records.stream().map(r -> r.getEventName()).toList());
        assertTrue(records.stream().noneMatch(r -> "L#cold".equals(r.getDynamodb().getKeys().get("sk").getS())));
        assertEquals("10", records.get(0).getDynamodb().getNewImage().get("score").getN());
        assertNull(records.get(0).getDynamodb().getOldImage());
        assertEquals("10", records.get(1).getDynamodb().getOldImage().get("score").getN());
        assertEquals("20", records.get(1).getDynamodb().getNewImage().get("score").getN());
        assertEquals("aws:dynamodb", records.get(1).getEventSource());
        assertTrue(records.get(1).getEventSourceARN().contains("Leads"));
    }

    @Test
    void aStreamBatchGivenUpOnGoesToTheOnFailureQueueAsLambdaWouldSendIt() throws Exception {
        String table = runtime.tableName("Leads");
        runtime.dynamo().putItem(r -> r.tableName(table).item(Map.of(
                "pk", s("T#2"), "sk", s("L#poison"), "status", s("HOT"))));

        List<Message> failures = List.of();
        long deadline = System.currentTimeMillis() + 30_000;
        while (failures.isEmpty() && System.currentTimeMillis() < deadline) {
            failures = runtime.sqs().receiveMessage(r -> r.queueUrl(runtime.queueUrl("StreamFailures")).waitTimeSeconds(1))
                    .messages();
        }

        assertEquals(1, failures.size(), "one failure record");
        JsonNode record = JSON.readTree(failures.get(0).body());
        assertEquals("RetryAttemptsExhausted", record.path("requestContext").path("condition").asText());
        JsonNode batch = record.path("DDBStreamBatchInfo");
        assertEquals(1, batch.path("batchSize").asInt());
        assertTrue(batch.path("streamArn").asText().contains("Leads"), batch.toString());
        assertFalse(batch.path("shardId").asText().isEmpty());
        assertEquals(batch.path("startSequenceNumber").asText(), batch.path("endSequenceNumber").asText());
        assertTrue(RecordingStreamHandler.SEEN.stream().noneMatch(r -> "L#poison".equals(r.getDynamodb().getKeys().get("sk").getS())));
    }

    @Test
    void scheduleFiresThroughTheLocalEndpoint() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(runtime.baseUrl() + "/_local/schedules/TickFunction"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("Scheduled Event", JSON.readTree(response.body()).get("ticked").asText());
        assertEquals("aws.events", TickHandler.SEEN.get(0).getSource());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/_local/schedules/Nope"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void invokeModeRunsAFunctionWithAnEventFile() throws Exception {
        String output = LeadbaseLocal.invokeWithJson(runtime, "EchoFunction",
                Files.readString(Path.of("src/test/resources/events/get-lead.json")));

        JsonNode response = JSON.readTree(output);
        assertEquals(201, response.get("statusCode").asInt());
        assertEquals("7", JSON.readTree(response.get("body").asText()).at("/pathParameters/id").asText());
    }

    @Test
    void invokeModeReadsTypedDynamoDbAttributesFromAnEventFile() throws Exception {
        int before = RecordingStreamHandler.SEEN.size();
        LeadbaseLocal.invokeWithJson(runtime, "StreamFunction",
                Files.readString(Path.of("src/test/resources/events/stream-insert.json")));

        var record = RecordingStreamHandler.SEEN.stream()
                .filter(r -> "111".equals(r.getDynamodb().getSequenceNumber())).findFirst().orElseThrow();
        assertNotNull(record);
        assertEquals("42", record.getDynamodb().getNewImage().get("score").getN());
        assertEquals(List.of("a", "b"), record.getDynamodb().getNewImage().get("tags").getSS());
        assertTrue(RecordingStreamHandler.SEEN.size() > before);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.baseUrl() + "/api/v2/leads"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
