package dev.leadbase.shared.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hand-written writer answers byte for byte what the mapper answered before it, for every shape we send. */
class JsonTest {
    record View(String id, List<Integer> scores) {
    }

    @Test
    void writesWhatTheMapperWrites() throws Exception {
        StringBuilder everyControl = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            everyControl.append(c);
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "plain \"quoted\" back\\slash / slash é ü 中文 😀 \u007f \u2028 end");
        value.put("controls", everyControl.toString());
        value.put("null", null);
        value.put("true", true);
        value.put("ints", List.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, (short) 7, (byte) -3));
        value.put("big", List.of(new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50"),
                new BigDecimal("1E+3")));
        value.put("doubles", List.of(0.0, -0.0, 1.5, 1e7, 1.0e-7, 123456789.123, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, 2.5f, Float.NaN));
        value.put("enum", DayOfWeek.MONDAY);
        value.put("enumKeys", Map.of(DayOfWeek.FRIDAY, 1));
        value.put("set", Set.of("only"));
        value.put("array", new Object[] {"a", 1, null});
        value.put("empty", List.of(new LinkedHashMap<>(), new ArrayList<>()));
        value.put("nested", List.of(Map.of("deep", List.of(List.of(Map.of("k", "v"))))));
        value.put("record", new View("lead_1", Arrays.asList(1, null, 3)));
        value.put("tree", Json.read("{\"a\":[1,{\"b\":\"c\"}]}"));
        value.put("key \"with\" quote\n", "v");
        value.put("edges", List.of("", "\"", "a\"", "\"\"\\\n", "ends with \u0001", "\u001fstarts", "no escapes at all"));

        assertEquals(Json.mapper().writeValueAsString(value), Json.write(value));
        assertEquals(Json.mapper().writeValueAsString("top-level"), Json.write("top-level"));
        assertEquals("null", Json.write(null));
    }
}
