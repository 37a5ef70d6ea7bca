package dev.leadbase.shared.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.access.domain.KeyHasher;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The id formats accept every id the code generates, and nothing a DynamoDB key could choke on. */
class IdKindTest {
    @Test
    void generatedIdsAreWellFormed() {
        for (int i = 0; i < 1000; i++) {
            assertTrue(IdKind.LEAD.valid(KeyHasher.newId("lead_")));
            assertTrue(IdKind.COMPANY.valid(KeyHasher.newId("cmp_")));
            assertTrue(IdKind.KEY.valid(KeyHasher.newId("key_")));
            assertTrue(IdKind.TENANT.valid(KeyHasher.newId("tnt_")));
            // as SubmitEnrichment.newJobId and Rulesets.create make them
            assertTrue(IdKind.JOB.valid("job_" + "0mhx3k2a0" + KeyHasher.newId("").substring(0, 10)));
            assertTrue(IdKind.RULESET.valid("rs_" + UUID.randomUUID().toString().replace("-", "")));
            assertTrue(IdKind.EVENT.valid("evt_" + UUID.randomUUID().toString().replace("-", "")));
        }
    }

    @Test
    void malformedIdsAreRefused() {
        assertFalse(IdKind.LEAD.valid("lead_" + "a".repeat(65)));
        assertFalse(IdKind.LEAD.valid("lead_"));
        assertFalse(IdKind.LEAD.valid("cmp_abc"));
        assertFalse(IdKind.LEAD.valid("lead_a-b"));
        assertFalse(IdKind.LEAD.valid("lead_ab\u0000"));
        assertFalse(IdKind.EVENT.valid("has space"));
        assertFalse(IdKind.EVENT.valid("e".repeat(129)));
        assertFalse(IdKind.EVENT.valid("tab\there"));
        assertTrue(IdKind.EVENT.valid("order-17:click#2"));
    }

    @Test
    void pathParametersTakeTheKindOfTheirRoute() {
        assertEquals(Optional.of(IdKind.LEAD), IdKind.ofPathParameter("GET /api/v2/leads/{id}/events", "id"));
        assertEquals(Optional.of(IdKind.COMPANY), IdKind.ofPathParameter("GET /api/v2/companies/{id}", "id"));
        assertEquals(Optional.of(IdKind.RULESET), IdKind.ofPathParameter("POST /api/v2/scoring/rulesets/{id}/test", "id"));
        assertEquals(Optional.of(IdKind.TENANT), IdKind.ofPathParameter("POST /api/v2/admin/tenants/{tenantId}/credits", "tenantId"));
    }
}
