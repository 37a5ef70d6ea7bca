package dev.leadbase.shared.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.access.domain.KeyHasher;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Pattern;
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
    void validAcceptsExactlyWhatTheDocumentedPatternMatches() {
        String alphabet = "lead_cmp_evtAZaz09-_ :#\t\u0000\u007f\u00e9\u4e2d";
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 50_000; i++) {
            IdKind kind = IdKind.values()[i % IdKind.values().length];
            StringBuilder id = new StringBuilder(i % 3 == 0 ? kind.prefix() : "");
            int length = random.nextInt(4) == 0 ? random.nextInt(60, 140) : random.nextInt(8);
            for (int j = 0; j < length; j++) {
                id.append(j % 5 == 4 || random.nextInt(8) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'x');
            }
            String candidate = id.toString();
            assertEquals(Pattern.matches(kind.pattern(), candidate), kind.valid(candidate), () -> kind + " " + candidate);
        }
        for (IdKind kind : IdKind.values()) {
            for (int n = 0; n <= IdKind.MAX_EVENT_ID + 2; n++) {  // every length around both bounds
                String candidate = kind.prefix() + "a".repeat(n);
                assertEquals(Pattern.matches(kind.pattern(), candidate), kind.valid(candidate), () -> kind + " " + candidate);
            }
        }
    }

    @Test
    void pathParametersTakeTheKindOfTheirRoute() {
        assertEquals(Optional.of(IdKind.LEAD), IdKind.ofPathParameter("GET /api/v2/leads/{id}/events", "id"));
        assertEquals(Optional.of(IdKind.COMPANY), IdKind.ofPathParameter("GET /api/v2/companies/{id}", "id"));
        assertEquals(Optional.of(IdKind.RULESET), IdKind.ofPathParameter("POST /api/v2/scoring/rulesets/{id}/test", "id"));
        assertEquals(Optional.of(IdKind.TENANT), IdKind.ofPathParameter("POST /api/v2/admin/tenants/{tenantId}/credits", "tenantId"));
    }
}
