package dev.leadbase.scoring.domain;

import java.util.List;

/** One page of a listing and the opaque cursor of the next page (null at the end). */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
