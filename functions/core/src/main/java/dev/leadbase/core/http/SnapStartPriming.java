package dev.leadbase.core.http;

import dev.leadbase.core.logging.JsonLog;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, run a harmless request
 * through the real path (key lookup in DynamoDB, error mapping, JSON) so that the classes are
 * loaded and the SDK client is warm in the snapshot. Outside SnapStart this does nothing.
 */
public final class SnapStartPriming implements Resource {
    private final Runnable warmUp;

    private SnapStartPriming(Runnable warmUp) {
        this.warmUp = warmUp;
    }

    /** Registers {@code warmUp}; the returned resource must stay reachable from the handler. */
    public static SnapStartPriming register(Runnable warmUp) {
        SnapStartPriming priming = new SnapStartPriming(warmUp);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Runs the warm-up now (also used by benchmarks to measure what priming buys). */
    public void prime() {
        try {
            warmUp.run();
        } catch (RuntimeException e) {
            JsonLog.warn("priming failed", Map.of("errorType", e.getClass().getName()));
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: clients reconnect lazily and no credentials are cached in the snapshot
    }
}
