package dev.leadbase.shared.paging;

import dev.leadbase.shared.errors.ValidationFailed;
import java.util.Map;

/** The one answer to a cursor that is not good for the request: 400 naming {@code cursor}. */
public final class InvalidCursor {
    public static final String MESSAGE = "Is invalid, or was issued for another route, tenant, key, parent or filters";

    private InvalidCursor() {
    }

    public static ValidationFailed error() {
        return new ValidationFailed("Invalid query parameters", Map.of("invalidParams", Map.of("cursor", MESSAGE)));
    }
}
