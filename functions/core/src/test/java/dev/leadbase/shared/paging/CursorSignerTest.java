package dev.leadbase.shared.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leadbase.shared.errors.ValidationFailed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codec: a cursor opens only for the scope it was signed for, and only into a position of the expected shape. */
class CursorSignerTest {
    private static final CursorSigner SIGNER = new CursorSigner("a-secret-of-sixteen-chars-or-more");
    private static final CursorScope SCOPE = new CursorScope(PagedRoute.LEAD_EVENTS, "tnt_1", "", "lead_1", "f=1");
    private static final Shape EVENT = Shape.of("e", Shape.Type.TEXT, "t", Shape.Type.NUMBER);

    @Test
    void opensWhatItSignedForTheSameScope() {
        Position p = SIGNER.open(SCOPE, SIGNER.sign(SCOPE, Position.of("e", "ev-1", "t", -5L)), EVENT);
        assertEquals("ev-1", p.text("e"));
        assertEquals(-5L, p.number("t"));
    }

    @Test
    void refusesACursorOfAnyOtherScopeOrSecret() {
        String cursor = SIGNER.sign(SCOPE, Position.of("e", "ev-1", "t", 1));
        for (CursorScope other : List.of(
                new CursorScope(PagedRoute.LEADS, "tnt_1", "", "lead_1", "f=1"),
                new CursorScope(PagedRoute.LEAD_EVENTS, "tnt_2", "", "lead_1", "f=1"),
                new CursorScope(PagedRoute.LEAD_EVENTS, "tnt_1", "user_1", "lead_1", "f=1"),
                new CursorScope(PagedRoute.LEAD_EVENTS, "tnt_1", "", "lead_2", "f=1"),
                new CursorScope(PagedRoute.LEAD_EVENTS, "tnt_1", "", "lead_1", "f=2"),
                // parts cannot run into each other
                new CursorScope(PagedRoute.LEAD_EVENTS, "tnt_1", "", "lead_1f=1", ""))) {
            assertRefused(() -> SIGNER.open(other, cursor, EVENT));
        }
        assertRefused(() -> new CursorSigner("another-secret-of-sixteen-chars").open(SCOPE, cursor, EVENT));
    }

    @Test
    void refusesMangledCursors() {
        String cursor = SIGNER.sign(SCOPE, Position.of("e", "ev-1", "t", 1));
        int dot = cursor.indexOf('.');
        for (String bad : List.of("", ".", "x", "x.", ".x", cursor + ".", cursor + "=", cursor.substring(0, dot),
                cursor.substring(0, cursor.length() - 1), "!!!." + cursor.substring(dot + 1), "y".repeat(9000))) {
            assertRefused(() -> SIGNER.open(SCOPE, bad, EVENT));
        }
    }

    @Test
    void refusesSignedPositionsOfAnyOtherShapeOrType() {
        for (String json : List.of("{\"e\":\"\",\"t\":1}", "{\"e\":\"x\",\"t\":\"1\"}", "{\"e\":\"x\",\"t\":1.5}",
                "{\"e\":\"x\",\"t\":null}", "{\"e\":\"x\",\"t\":true}", "{\"e\":\"x\",\"t\":[1]}", "{\"e\":{},\"t\":1}",
                "{\"e\":\"x\"}", "{\"e\":\"x\",\"t\":1,\"z\":1}", "{\"e\":\"x\",\"t\":1e3}",
                "{\"e\":\"x\",\"t\":99999999999999999999}", "[]", "1", "null", "not json", "{\"e\":\"" + "x".repeat(1025) + "\",\"t\":1}")) {
            assertRefused(() -> SIGNER.open(SCOPE, SIGNER.sign(SCOPE, json), EVENT));
        }
        Shape paged = Shape.of("p", Shape.Type.PAGE, "o", Shape.Type.OFFSET);
        for (String json : List.of("{\"p\":0,\"o\":0}", "{\"p\":-1,\"o\":0}", "{\"p\":1,\"o\":-1}", "{\"p\":2147483648,\"o\":0}",
                "{\"p\":1,\"o\":2147483648}")) {
            assertRefused(() -> SIGNER.open(SCOPE, SIGNER.sign(SCOPE, json), paged));
        }
        assertEquals(Map.of("p", 1L, "o", 0L), SIGNER.open(SCOPE, SIGNER.sign(SCOPE, "{\"p\":1,\"o\":0}"), paged).fields());
    }

    @Test
    void opensIntoTheFirstShapeThatFits() {
        Shape keyed = Shape.of("k", Shape.Type.TEXT);
        Shape offset = Shape.of("o", Shape.Type.OFFSET);
        assertEquals(3L, SIGNER.open(SCOPE, SIGNER.sign(SCOPE, Position.of("o", 3)), keyed, offset).number("o"));
        assertRefused(() -> SIGNER.open(SCOPE, SIGNER.sign(SCOPE, Position.of("o", 3)), keyed));
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable open) {
        ValidationFailed e = assertThrows(ValidationFailed.class, open);
        assertEquals(Map.of("cursor", InvalidCursor.MESSAGE), e.details().get("invalidParams"));
    }
}
