package dev.leadbase.shared.http;

import dev.leadbase.shared.logging.JsonLog;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, run a harmless request
 * through the real path (key lookup in DynamoDB, error mapping, JSON) so that the classes are
 * loaded and the SDK client is warm in the snapshot. Outside SnapStart this does nothing.
 */
public final class SnapStartPriming implements Resource {
    // org.crac keeps registrations only on a CRaC JVM; this set lets a plain JVM run the same warm-ups. Weakly held,
    // like org.crac's own, so the handler alone decides how long a registration lives.
    private static final Set<SnapStartPriming> REGISTERED =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final Runnable warmUp;

    private SnapStartPriming(Runnable warmUp) {
        this.warmUp = warmUp;
    }

    /** Registers {@code warmUp}; the returned resource must stay reachable from the handler. */
    public static SnapStartPriming register(Runnable warmUp) {
        SnapStartPriming priming = new SnapStartPriming(warmUp);
        Core.getGlobalContext().register(priming);
        REGISTERED.add(priming);
        return priming;
    }

    /**
     * Runs every registered warm-up, as a checkpoint would: how the cold-start benchmark measures what priming buys
     * on a JVM without CRaC, where org.crac neither keeps resources nor runs their hooks.
     */
    public static void primeAll() {
        List<SnapStartPriming> primings;
        synchronized (REGISTERED) {
            primings = List.copyOf(REGISTERED);
        }
        primings.forEach(SnapStartPriming::prime);
    }

    /** Runs the warm-up now. */
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
