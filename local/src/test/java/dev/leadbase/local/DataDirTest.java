package dev.leadbase.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.local.testhandlers.RecordingStreamHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** What a data directory keeps across a restart: items, queued and in-flight messages, stream positions. */
@Timeout(120)
class DataDirTest {
    @TempDir
    Path dataDir;

    @AfterEach
    void forgetOwnRecords() {
        // SEEN is shared with the other tests of this JVM, which expect only their records
        RecordingStreamHandler.SEEN.removeIf(r -> "T#datadir".equals(r.getDynamodb().getKeys().get("pk").getS()));
    }

    private RunningRuntime start(boolean pollers) {
        return LocalRuntime.start(Options.defaults()
                .withTemplate(Path.of("src/test/resources/test-template.yaml"))
                .withDataDir(dataDir)
                .withHttp(false).withSchedules(false).withPollers(pollers)
                .withParameters(Map.of("Stage", "test")));
    }

    @Test
    void queuedAndInFlightMessagesAreThereAfterARestart() {
        try (RunningRuntime first = start(false)) {
            String queue = first.queueUrl("WorkDlq");
            first.sqs().sendMessage(r -> r.queueUrl(queue).messageBody("waiting"));
            first.sqs().sendMessage(r -> r.queueUrl(queue).messageBody("in flight"));
            List<Message> received = new ArrayList<>();
            while (received.isEmpty()) {
                received.addAll(first.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1)).messages());
            }
            // not deleted: its consumer "dies" with this runtime, 30 s before its visibility timeout ends
        }

        try (RunningRuntime second = start(false)) {
            String queue = second.queueUrl("WorkDlq");
            List<String> bodies = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (bodies.size() < 2 && System.nanoTime() < deadline) {
                second.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages().forEach(m -> bodies.add(m.body()));
            }
            assertEquals(List.of("in flight", "waiting"), bodies.stream().sorted().toList());
        }
    }

    @Test
    void streamPollersResumeAfterTheLastRecordTheyHandled() throws Exception {
        String handled = "L#" + UUID.randomUUID();
        String missed = "L#" + UUID.randomUUID();
        try (RunningRuntime first = start(true)) {
            putHotLead(first, handled);
            awaitSeen(handled);
        }
        // written while no poller ran, as by a process killed before its poller read the record
        try (RunningRuntime offline = start(false)) {
            putHotLead(offline, missed);
        }
        int handledBefore = seen(handled);

        try (RunningRuntime third = start(true)) {
            awaitSeen(missed);
            Thread.sleep(500);
            assertEquals(handledBefore, seen(handled), "a record handled before the restart was delivered again");
        }
    }

    private static void putHotLead(RunningRuntime runtime, String sk) {
        runtime.dynamo().putItem(r -> r.tableName(runtime.tableName("Leads")).item(Map.of(
                "pk", AttributeValue.fromS("T#datadir"), "sk", AttributeValue.fromS(sk),
                "status", AttributeValue.fromS("HOT"))));
    }

    private static int seen(String sk) {
        return (int) RecordingStreamHandler.SEEN.stream()
                .filter(r -> sk.equals(r.getDynamodb().getKeys().get("sk").getS())).count();
    }

    private static void awaitSeen(String sk) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (seen(sk) == 0) {
            assertTrue(System.nanoTime() < deadline, "the stream poller never delivered " + sk);
            Thread.sleep(50);
        }
    }
}
