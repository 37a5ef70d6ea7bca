package dev.leadbase.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.leadbase.access.domain.Permission;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.contract.OpenApiDocument;
import dev.leadbase.it.hostile.Contract.Operation;
import dev.leadbase.it.hostile.Lane.Actor;
import dev.leadbase.it.hostile.Runner.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A hostile client derived from openapi.yaml. For every documented operation it sends, through a raw socket, the
 * request without a key, with keys lacking or holding only its {@code x-leadbase-permission}, with an {@code own} key
 * of another user and with another tenant's key; and malformed values for every path, query and header parameter and
 * every body field (nested ones too): wrong types, nulls, extreme numbers, huge strings, control characters, bad
 * percent-encoding and UTF-8, unknown fields, deep nesting, trailing tokens, duplicate keys, forged and foreign cursors.
 * A route is covered as soon as it is documented. Each answer is judged by {@link Oracle}; after each rejected write
 * the tenant must look as before.
 */
class HostileContractTest {
    private static final int THREADS = 8;
    /** Writing routes run their cases in sequence on a tenant of their own, this many per tenant. */
    private static final int CASES_PER_LANE = 60;

    @Test
    void everyOperationNamesItsPermissionAndAnExampleItAccepts() {
        Contract contract = new Contract(OpenApiDocument.load());
        Set<String> known = new TreeSet<>(Arrays.stream(Permission.values()).map(Permission::wire).toList());
        known.add(Contract.PLATFORM_ADMIN);
        List<String> problems = new ArrayList<>();
        for (Operation op : contract.operations) {
            if (op.permission() == null || !known.contains(op.permission())) {
                problems.add(op.route() + ": x-leadbase-permission " + op.permission() + " is not one of " + known);
            }
            if (op.bodyPointer() != null && op.example() == null) {
                problems.add(op.route() + ": its request body has no example to start attacks from");
            }
            if (op.example() != null) {
                List<String> wrong = contract.document.problems(op.bodyPointer(), op.example());
                if (!wrong.isEmpty()) {
                    problems.add(op.route() + ": its example does not match its schema: " + wrong);
                }
            }
            op.in("path").forEach(p -> Cases.kindOf(op.path(), p.name()));
        }
        assertEquals(List.of(), problems);
        assertTrue(contract.codeByStatus.size() >= 10, "the README's errors table: " + contract.codeByStatus);
    }

    @TestFactory
    Stream<DynamicNode> hostileRequestsGetDocumentedAnswers() throws Exception {
        Contract contract = new Contract(OpenApiDocument.load());
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CompletableFuture<Lane> otherTenant = CompletableFuture.supplyAsync(() -> Lane.create(true), pool);
            CompletableFuture<Lane> readLane = CompletableFuture.supplyAsync(() -> Lane.create(true), pool);
            Runner runner = new Runner(contract, otherTenant.get());
            Lane reads = readLane.get();
            long seeded = System.nanoTime();

            Map<Operation, List<HostileCase>> byOperation = new LinkedHashMap<>();
            for (Operation op : contract.operations) {
                byOperation.put(op, Cases.of(contract, op));
            }
            List<CompletableFuture<List<Outcome>>> work = new ArrayList<>();
            // writing routes first: sequences of cases, each on a tenant of its own
            byOperation.forEach((op, cases) -> {
                if (op.mutates()) {
                    for (int from = 0; from < cases.size(); from += CASES_PER_LANE) {
                        List<HostileCase> chunk = cases.subList(from, Math.min(cases.size(), from + CASES_PER_LANE));
                        work.add(CompletableFuture.supplyAsync(() -> runner.runWriting(chunk, Lane.create(false)), pool));
                    }
                }
            });
            List<HostileCase> readCases = new ArrayList<>(Cases.methods(contract));
            byOperation.forEach((op, cases) -> {
                if (!op.mutates()) {
                    readCases.addAll(cases);
                }
            });
            // the keys holding one permission, or all but one, are the suite's own writes: made before the snapshot
            for (HostileCase c : readCases) {
                if (!c.op().admin() && (c.actor() == Actor.ONLY || c.actor() == Actor.LACKING)) {
                    reads.keyFor(c.actor(), c.op().permission());
                }
            }
            Fixture.awaitIndexes(); // the seeding's writes, seen by the totals (read eventually)
            String readsBefore = reads.snapshot(List.of());
            for (HostileCase c : readCases) {
                work.add(CompletableFuture.supplyAsync(() -> List.of(runner.run(c, reads)), pool));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<List<Outcome>> f : work) {
                outcomes.addAll(f.get());
            }
            String readsAfter = reads.snapshot(List.of());
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            System.out.printf("hostile suite: %d cases in %d s (%d s seeding), %d failing%n", outcomes.size(), seconds,
                    (seeded - started) / 1_000_000_000L, outcomes.stream().filter(o -> !o.failures().isEmpty()).count());
            writeReport(outcomes);
            return Stream.concat(Stream.of(dynamicTest("reading routes change nothing a user sees", () ->
                            assertEquals(readsBefore, readsAfter))),
                    report(outcomes).stream());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every failing case with its request and answer, in tests/target/hostile-failures.txt. */
    private static void writeReport(List<Outcome> outcomes) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        for (Outcome o : outcomes) {
            if (!o.failures().isEmpty()) {
                text.append(RawHttp.Abbrev.of(o.hostile().name(), 160)).append("\n  ").append(String.join("; ", o.failures()))
                        .append("\n  request: ").append(o.request()).append("\n  answer: ").append(o.response()).append("\n");
            }
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("tests/target/hostile-failures.txt"), text);
    }

    /** One container per route, one test per case; a failing test shows the request and the answer. */
    private static List<DynamicNode> report(List<Outcome> outcomes) {
        Map<String, List<DynamicNode>> byRoute = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            String name = RawHttp.Abbrev.of(o.hostile().group() + " · " + o.hostile().label(), 120);
            byRoute.computeIfAbsent(o.hostile().op().route(), k -> new ArrayList<>()).add(dynamicTest(name, () -> {
                if (!o.failures().isEmpty()) {
                    throw new AssertionError(String.join("; ", o.failures()) + "\n  request: " + o.request()
                            + "\n  answer: " + o.response());
                }
            }));
        }
        List<DynamicNode> nodes = new ArrayList<>();
        byRoute.forEach((route, tests) -> nodes.add(dynamicContainer(route, tests)));
        return nodes;
    }
}
