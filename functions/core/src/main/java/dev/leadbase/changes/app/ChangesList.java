package dev.leadbase.changes.app;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeFeed;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.changes.domain.FeedFilter;
import dev.leadbase.changes.domain.FeedPage;
import dev.leadbase.changes.domain.FeedPartition;
import dev.leadbase.changes.domain.FeedPositions;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.InvalidCursor;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v2/changes}: the tenant's change events, oldest first, behind a signed cursor holding the position
 * reached in each feed partition. The cursor comes with every page, an empty one too: a client that stores it and
 * reads on with it sees every event once, those placed after its last read included.
 */
public final class ChangesList {
    private static final Shape POSITIONS = positionsShape();
    private final ChangeFeed feed;
    private final CursorSigner cursors;

    public ChangesList(ChangeFeed feed, CursorSigner cursors) {
        this.feed = feed;
        this.cursors = cursors;
    }

    /** The page asked for: {@code cursor} null to start at the oldest event kept; {@code types} empty for all. */
    public record Query(String cursor, Set<ChangeType> types, int limit) {
        public Query {
            types = Set.copyOf(types);
        }
    }

    /** One page: {@code more} when further events were already there; {@code nextCursor} always set. */
    public record Page(List<ChangeEvent> events, int limit, String nextCursor, boolean more) {
        public Page {
            events = List.copyOf(events);
        }
    }

    public Page list(AccessPolicy access, Query query) {
        // the types are part of what the cursor is good for: the positions passed events of other types unread
        CursorScope scope = CursorScope.of(PagedRoute.CHANGES, access.caller()).filters(query.types().stream()
                .map(ChangeType::wire).sorted().collect(Collectors.joining(",")));
        FeedPositions after = query.cursor() == null ? FeedPositions.start()
                : positions(cursors.open(scope, query.cursor(), POSITIONS));
        FeedPage page = feed.read(access.tenantId(), after, new FeedFilter(query.types(), access.ownerScope()),
                query.limit());
        List<ChangeEvent> visible = page.events().stream().filter(access::reaches).toList();
        return new Page(visible, query.limit(), cursors.sign(scope, position(page.next())), page.more());
    }

    private static FeedPositions positions(Position position) {
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < FeedPartition.COUNT; i++) {
            long p = position.number("p" + i);
            if (p < 0) {
                throw InvalidCursor.error();
            }
            positions.add(p);
        }
        return new FeedPositions(positions);
    }

    private static Position position(FeedPositions positions) {
        Object[] fields = new Object[2 * FeedPartition.COUNT];
        for (int i = 0; i < FeedPartition.COUNT; i++) {
            fields[2 * i] = "p" + i;
            fields[2 * i + 1] = positions.of(i);
        }
        return Position.of(fields);
    }

    private static Shape positionsShape() {
        Object[] fields = new Object[2 * FeedPartition.COUNT];
        for (int i = 0; i < FeedPartition.COUNT; i++) {
            fields[2 * i] = "p" + i;
            fields[2 * i + 1] = Shape.Type.NUMBER;
        }
        return Shape.of(fields);
    }
}
