package dev.leadbase.shared.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Blocking calls made at once, each on its own virtual thread (the synchronous DynamoDB client is thread-safe), so
 * that work that does not depend on anything of each other (the shards of an index, a page and its total, the leads of
 * an events batch, a batch's lead and provider lookups) waits about one round trip, not the sum of them.
 *
 * <p>Until the first {@link #all} of the process has returned, calls run one after the other on the caller's thread
 * instead: in a cold JVM, loading and starting virtual threads and their scheduler, and the HTTP client opening a
 * connection for each call under way, cost more than the round trips they save (the first list of a cold leads
 * container). The order of the requests is the same either way.
 */
public final class AtOnce {
    /** Whether calls may run on virtual threads: false until the process's first {@link #all} returned. */
    private static final AtomicBoolean WARM = new AtomicBoolean();

    private AtOnce() {
    }

    /** A call under way. */
    public static final class Pending<T> {
        private final FutureTask<T> task;

        private Pending(FutureTask<T> task) {
            this.task = task;
        }

        /** Waits for the call: its result, or its exception rethrown as it was thrown (a checked one wrapped). */
        public T get() {
            try {
                return task.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a call made at once", e);
            }
        }
    }

    /** Starts {@code call} on a virtual thread now (in a cold JVM: makes it now, on this thread). */
    public static <T> Pending<T> start(Callable<T> call) {
        FutureTask<T> task = new FutureTask<>(call);
        if (WARM.get()) {
            Thread.ofVirtual().start(task);
        } else {
            task.run();
        }
        return new Pending<>(task);
    }

    /**
     * The results of {@code calls}, made at once (in a cold JVM: one after the other), in their order; once every
     * call has ended, the first failure in that order is rethrown.
     */
    public static <T> List<T> all(List<? extends Callable<T>> calls) {
        if (calls.size() == 1 || !WARM.get()) {
            List<T> results = new ArrayList<>();
            for (Callable<T> call : calls) {
                results.add(call(call));
            }
            WARM.set(true);
            return results;
        }
        List<Pending<T>> pending = new ArrayList<>();
        calls.forEach(c -> pending.add(start(c)));
        List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        for (Pending<T> p : pending) {
            try {
                results.add(p.get());
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure; // after every call ended: none still runs when the caller goes on
        }
        return results;
    }

    private static <T> T call(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
