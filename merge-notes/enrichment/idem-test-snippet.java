    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndReservesOnce() {
        TestTenant tenant = Fixture.newTenant(10);
        Map<String, Object> body = EnrichmentSupport.leads(List.of(Map.of("email", "zoe.lin@acme.io")));

        TestResponse first = tenant.client().post("/api/v2/enrich", body, "Idempotency-Key", "import-42");
        TestResponse replay = tenant.client().post("/api/v2/enrich", body, "Idempotency-Key", "import-42");
        TestResponse other = tenant.client().post("/api/v2/enrich",
                EnrichmentSupport.leads(List.of(Map.of("email", "max.ito@acme.io"))), "Idempotency-Key", "import-42");

        assertEquals(202, first.status(), first.toString());
        assertEquals(202, replay.status(), replay.toString());
        assertEquals(first.data(), replay.data());
        assertEquals("true", replay.header("idempotent-replayed"));
        assertEquals(409, other.status(), other.toString());
        assertEquals(1, tenant.client().get("/api/v2/enrich").data().path("jobs").size());
        CreditBalance b = ledger(tenant.tenantId());
        assertEquals(9, b.remaining(), "one credit taken, once");
    }
