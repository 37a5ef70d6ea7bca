        // enrichment (issue 4): submit 202/400/402/429, job 200/404, list, credits
        TestClient enricher = Fixture.newTenant(1).client();
        TestResponse submitted = check("POST", "/api/v2/enrich", enricher.post("/api/v2/enrich",
                Map.of("leads", List.of(Map.of("email", "ada.byron@contract.io")))));
        String jobId = submitted.data().path("jobId").asText();
        check("POST", "/api/v2/enrich", enricher.post("/api/v2/enrich", Map.of("leads", List.of(Map.of("firstName", "X")))));
        check("POST", "/api/v2/enrich", enricher.post("/api/v2/enrich", Map.of("leads", List.of(
                Map.of("email", "a.b@contract.io"), Map.of("email", "c.d@contract.io")))));
        TestResponse limited = Fixture.admin().post("/api/v2/admin/tenants",
                Map.of("name", "limited", "credits", 10, "enrichPerHourLimit", 1));
        check("POST", "/api/v2/enrich", Fixture.withKey(limited.data().path("tenantId").asText(), "u", "tenant",
                "leads:enrich").client().post("/api/v2/enrich", Map.of("leads", List.of(
                Map.of("email", "e.f@contract.io"), Map.of("email", "g.h@contract.io")))));
        Fixture.eventually(java.time.Duration.ofSeconds(20), "the enrichment job to finish", () ->
                enricher.get("/api/v2/enrich/" + jobId).data().path("status").asText().equals("completed"));
        check("GET", "/api/v2/enrich/{jobId}", enricher.get("/api/v2/enrich/" + jobId));
        check("GET", "/api/v2/enrich/{jobId}", enricher.get("/api/v2/enrich/job_missing"));
        check("GET", "/api/v2/enrich", enricher.get("/api/v2/enrich?limit=1"));
        check("GET", "/api/v2/enrich", enricher.get("/api/v2/enrich?limit=0"));
        check("GET", "/api/v2/credits", enricher.get("/api/v2/credits"));

