package dev.leadbase.access.app;

import dev.leadbase.access.domain.ApiKey;
import dev.leadbase.access.domain.ApiKeyRepository;
import dev.leadbase.access.domain.Principal;

import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import java.util.List;

/** {@code GET /api/v2/api-keys}: the caller's tenant's keys in key id order, a page at a time behind a signed cursor. */
public final class ApiKeyList {
    /** A cursor resumes after a key: its id (never its hash). */
    private static final Shape AFTER = Shape.of("k", Shape.Type.TEXT);
    private final ApiKeys keys;
    private final CursorSigner cursors;

    /** A page of keys and the cursor of the next one (null on the last). */
    public record KeysPage(List<ApiKey> keys, String nextCursor) {
    }

    public ApiKeyList(ApiKeys keys, CursorSigner cursors) {
        this.keys = keys;
        this.cursors = cursors;
    }

    public KeysPage list(Principal caller, String cursor, int limit) {
        CursorScope scope = CursorScope.of(PagedRoute.API_KEYS, caller);
        String after = cursor == null ? null : cursors.open(scope, cursor, AFTER).text("k");
        ApiKeyRepository.KeyPage page = keys.list(caller, after, limit);
        return new KeysPage(page.keys(), page.lastKeyId() == null ? null
                : cursors.sign(scope, Position.of("k", page.lastKeyId())));
    }
}
