package dev.leadbase.shared.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecentTest {
    @Test
    void keepsTheMostRecentlyUsedEntriesUpToItsCapacity() {
        Recent<String, Integer> recent = new Recent<>(2);
        recent.put("a", 1);
        recent.put("b", 2);
        assertEquals(1, recent.get("a")); // a is now more recent than b
        recent.put("c", 3);

        assertNull(recent.get("b"), "the least recently used is forgotten");
        assertEquals(1, recent.get("a"));
        assertEquals(3, recent.get("c"));
        recent.remove("a");
        assertNull(recent.get("a"));
    }
}
