package dev.leadbase.shared.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs independent blocking work of one batch at once (each lead's writes, two reads that need nothing of each other),
 * so that a batch waits about as long as its slowest part rather than the sum of its round trips. A small pool of
 * daemon threads, shared by the container; when every thread is busy the caller runs the work itself, so a task that
 * fans out again never waits for a thread. A task's exception reaches the caller as it was thrown.
 */
public final class Fanout {
    /** At most this many tasks at once besides the caller: about what one client's kept-alive connections serve. */
    static final int THREADS = 4;
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, THREADS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread thread = new Thread(r, "fanout-" + NAMES.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    private Fanout() {
    }

    /** {@code task} applied to each input, at once where threads allow; the results in the inputs' order. */
    public static <T, R> List<R> map(List<T> inputs, Function<? super T, ? extends R> task) {
        if (inputs.size() <= 1) {
            return inputs.stream().<R>map(task).toList();
        }
        List<Future<? extends R>> others = new ArrayList<>();
        for (T input : inputs.subList(1, inputs.size())) {
            others.add(POOL.submit(() -> task.apply(input)));
        }
        List<R> results = new ArrayList<>();
        RuntimeException failure = null;
        try {
            results.add(task.apply(inputs.getFirst()));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<? extends R> other : others) {
            try {
                results.add(await(other));
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure; // after every task ended: none still runs when the caller goes on
        }
        return results;
    }

    /** Runs both at once; each one's result. */
    public static <A, B> Pair<A, B> both(Supplier<A> first, Supplier<B> second) {
        Future<B> other = POOL.submit(second::get);
        A a;
        try {
            a = first.get();
        } catch (RuntimeException e) {
            try {
                await(other);
            } catch (RuntimeException ignored) {
                // the first failure is the one reported
            }
            throw e;
        }
        return new Pair<>(a, await(other));
    }

    /**
     * Starts {@code work} now; the answer gives its result, waiting for it if need be (its exception as thrown). Work
     * whose result is never asked for (its caller failed first) still ends on its own: give it only reads.
     */
    public static <T> Supplier<T> start(Supplier<T> work) {
        Future<T> started = POOL.submit(work::get);
        return () -> await(started);
    }

    /** Two results of {@link #both}. */
    public record Pair<A, B>(A first, B second) {
    }

    private static <R> R await(Future<R> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the task still runs: wait for it, then keep the flag
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
