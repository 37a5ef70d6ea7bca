package dev.leadbase.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leadbase.shared.errors.ValidationFailed;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
    @Test
    void reportsEveryBadAndUnknownFieldInOneError() {
        BodyReader body = BodyReader.parse("{\"name\": 5, \"credits\": \"ten\", \"colour\": \"blue\"}");
        body.requiredString("name");
        body.integer("credits");

        ValidationFailed error = assertThrows(ValidationFailed.class, body::done);

        assertEquals(Map.of("name", "Must be a string", "credits", "Must be an integer", "colour", "Unknown field"),
                error.details().get("invalidFields"));
    }

    @Test
    void malformedJsonNamesItsPosition() {
        ValidationFailed error = assertThrows(ValidationFailed.class, () -> BodyReader.parse("{\"name\": "));

        assertEquals("Malformed JSON body", error.getMessage());
        assertEquals(true, ((Map<?, ?>) error.details().get("invalidFields")).get("body").toString().startsWith("Malformed JSON at line 1"));
    }

    @Test
    void missingRequiredFieldIsNamed() {
        BodyReader body = BodyReader.parse("{}");
        body.requiredString("name");

        ValidationFailed error = assertThrows(ValidationFailed.class, body::done);

        assertEquals(Map.of("name", "Is required"), error.details().get("invalidFields"));
    }

    @Test
    void queryParamsReportUnknownAndOutOfRangeTogether() {
        QueryParams query = new QueryParams(Map.of("limit", "500", "colour", "red", "min_score", "3"));
        query.integer("limit", 1, 100);
        query.get("minScore", "min_score");

        ValidationFailed error = assertThrows(ValidationFailed.class, query::done);

        assertEquals(Map.of("limit", "Must be between 1 and 100", "colour", "Unknown parameter"),
                error.details().get("invalidParams"));
    }

    @Test
    void queryParamsNameABadValueAsItWasSent() {
        QueryParams query = new QueryParams(Map.of("min_score", "abc", "company_id", ""));
        query.get("minScore", "min_score");
        query.invalid("minScore", "Must be an integer");
        query.id("companyId", dev.leadbase.shared.ids.IdKind.COMPANY, "company_id");

        ValidationFailed error = assertThrows(ValidationFailed.class, query::done);

        assertEquals(Map.of("min_score", "Must be an integer", "company_id", dev.leadbase.shared.ids.IdKind.COMPANY.message()),
                error.details().get("invalidParams"));
    }

    @Test
    void queryParamsRefuseOneParameterUnderTwoNames() {
        QueryParams query = new QueryParams(Map.of("minScore", "1", "min_score", "2"));
        query.get("minScore", "min_score");

        ValidationFailed error = assertThrows(ValidationFailed.class, query::done);

        assertEquals(java.util.Set.of("min_score"), ((Map<?, ?>) error.details().get("invalidParams")).keySet());
    }
}
