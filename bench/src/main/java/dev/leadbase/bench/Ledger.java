package dev.leadbase.bench;

import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.bench.http.ApiClient;
import dev.leadbase.local.RunningRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Ledger exactness under contention: many submitters spend a small credit grant on one-lead enrichment jobs while a
 * sampler reads the tenant's balance; accepted jobs never exceed the grant and the balance never drifts or goes negative.
 */
final class Ledger implements Section {

    @Override
    public List<String> rowNames() {
        return List.of("ledger requests", "ledger 202s", "ledger 402s", "ledger max drift", "ledger negative samples");
    }

    @Override
    public void run(Context context, List<Bench.Row> rows) throws Exception {
        RunningRuntime runtime = context.runtime();
        ApiClient admin = context.admin();
        Bench.Config config = context.config();
        Bench.log("ledger: " + config.ledgerThreads() + " submitters for " + config.ledgerSeconds() + " s");
        // the hourly enrichment limit (100 by default) must not stop the submitters before the balance does
        Bench.Tenant tenant = Bench.newTenant(admin, config.ledgerCredits(), 1_000_000);
        DynamoDbClient dynamo = runtime.dynamo();
        String tenants = runtime.tableName("TenantsTable");
        AtomicLong requests = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong throttled = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        AtomicLong negatives = new AtomicLong();
        AtomicLong maxDrift = new AtomicLong();
        AtomicLong firstRefusalMs = new AtomicLong(-1);
        AtomicBoolean stop = new AtomicBoolean();
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(config.ledgerSeconds());
        String body = "{\"leads\":[{\"email\":\"john@techcorp.com\",\"firstName\":\"John\",\"lastName\":\"Doe\"}],"
                + "\"enrichmentOptions\":{\"includePersonalInfo\":true,\"includeCompanyInfo\":true,\"includeContactInfo\":true}}";
        ExecutorService pool = Executors.newFixedThreadPool(config.ledgerThreads() + 1);
        pool.submit(() -> {
            while (!stop.get()) {
                Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tenants)
                        .key(Map.of(DynamoTenantRepository.PK, Bench.s(tenant.tenantId()))).consistentRead(true).build()).item();
                long rem = n(item, DynamoTenantRepository.REMAINING);
                long res = n(item, DynamoTenantRepository.RESERVED);
                long used = n(item, DynamoTenantRepository.USED);
                long granted = n(item, DynamoTenantRepository.GRANTED);
                long drift = Math.abs(rem + res + used - granted);
                maxDrift.accumulateAndGet(drift, Math::max);
                if (rem < 0 || res < 0 || used < 0) {
                    negatives.incrementAndGet();
                }
                samples.incrementAndGet();
                Bench.sleep(10);
            }
            return null;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < config.ledgerThreads(); i++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int status = tenant.api().send("POST", "/api/v2/enrich", body).status();
                    requests.incrementAndGet();
                    if (status == 202) {
                        accepted.incrementAndGet();
                    } else if (status == 402) {
                        refused.incrementAndGet();
                        firstRefusalMs.compareAndSet(-1, (System.nanoTime() - started) / 1_000_000);
                    } else if (status == 429) {
                        throttled.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (var w : workers) {
            w.get();
        }
        Bench.sleep(300); // let in-flight settlements land, keep sampling meanwhile
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        String note = config.ledgerThreads() + " threads, " + config.ledgerSeconds() + " s, granted "
                + config.ledgerCredits() + ", balance ran out at " + (firstRefusalMs.get() < 0 ? "never" : firstRefusalMs.get() + " ms")
                + ", 429s (tenant rate limit) " + throttled.get() + ", other statuses " + other.get();
        rows.add(new Bench.Row("ledger requests", requests.get(), "requests", null, null, "info", null, note));
        rows.add(new Bench.Row("ledger 202s", accepted.get(), "requests", (double) config.ledgerCredits(),
                (double) accepted.get() / config.ledgerCredits(), "<= 1", accepted.get() <= config.ledgerCredits(),
                "1 credit per 1-lead job: 202s can never exceed the grant"));
        rows.add(new Bench.Row("ledger 402s", refused.get(), "requests", null, null, "> 0", refused.get() > 0,
                "the balance must run out midway"));
        rows.add(new Bench.Row("ledger max drift", maxDrift.get(), "credits", 0.0, null, "== 0", maxDrift.get() == 0,
                samples.get() + " samples of remaining+reserved+used vs granted"));
        rows.add(new Bench.Row("ledger negative samples", negatives.get(), "samples", 0.0, null, "== 0", negatives.get() == 0,
                "samples with a negative remaining, reserved or used"));
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}
