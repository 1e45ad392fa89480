package io.trt4j.core;

import io.trt4j.core.internal.NativeResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A fixed set of {@link InferenceSession}s on one engine (each with its own context, stream and buffers) shared by
 * many threads: a call borrows an idle session (blocking while all are busy), runs, and returns it.
 *
 * <p>Thread-safety: thread-safe. {@link #close()} waits for runs in progress and submitted tasks, then closes the
 * sessions.
 */
public final class SessionPool extends NativeResource {
    private static final AtomicLong IDS = new AtomicLong();

    /**
     * Fluent builder; sessions are created only in {@link #build()}.
     *
     * <p>Thread-safety: not thread-safe.
     */
    public static final class Builder {
        private final Engine engine;
        /** Every session of the pool is built by this one builder, so the options live in one place. */
        private final InferenceSession.Builder sessions;
        private int size = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

        private Builder(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.sessions = InferenceSession.builder(engine);
        }

        /** Number of sessions (default min(4, CPUs)). */
        public Builder size(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("pool size must be >= 1, not " + size);
            }
            this.size = size;
            return this;
        }

        /** Optimization profile of every session (default 0); see {@link InferenceSession.Builder#profile}. */
        public Builder profile(int profile) {
            sessions.profile(profile);
            return this;
        }

        /** Largest batch of every session; see {@link InferenceSession.Builder#maxBatch}. */
        public Builder maxBatch(int maxBatch) {
            sessions.maxBatch(maxBatch);
            return this;
        }

        /** Whether sessions capture CUDA graphs (default false); see {@link InferenceSession.Builder#useCudaGraph}. */
        public Builder useCudaGraph(boolean useCudaGraph) {
            sessions.useCudaGraph(useCudaGraph);
            return this;
        }

        /** Creates the sessions (all or none). */
        public SessionPool build() {
            return new SessionPool(this);
        }
    }

    private final Engine engine;
    private final List<InferenceSession> sessions;
    private final BlockingQueue<InferenceSession> idle;
    private final ExecutorService executor;

    private SessionPool(Builder b) {
        super("SessionPool", "#" + IDS.incrementAndGet(), () -> { }, LeakPolicy.WARN_AND_LEAK);
        this.engine = b.engine;
        List<InferenceSession> made = new ArrayList<>();
        try {
            for (int i = 0; i < b.size; i++) {
                made.add(b.sessions.build());
            }
        } catch (RuntimeException | Error e) {
            for (InferenceSession s : made) {
                s.close();
            }
            super.close();
            throw e;
        }
        this.sessions = List.copyOf(made);
        this.idle = new ArrayBlockingQueue<>(made.size(), false, made);
        String poolName = name().substring(1);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(made.size(), r -> {
            Thread t = new Thread(r, "trt4j-pool-" + poolName + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A builder of a pool on {@code engine}. */
    public static Builder builder(Engine engine) {
        return new Builder(engine);
    }

    /** A pool of {@code size} sessions with default options. */
    public static SessionPool create(Engine engine, int size) {
        return builder(engine).size(size).build();
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** Number of sessions. */
    public int size() {
        return sessions.size();
    }

    /**
     * Runs on an idle session (waiting for one), like {@link InferenceSession#run(Map)}.
     *
     * @throws IllegalArgumentException for bad inputs
     * @throws IllegalStateException if the pool is closed
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        return withSession(s -> s.run(inputs));
    }

    /**
     * Borrows an idle session for {@code work} (for the allocation-free path), then returns it.
     *
     * @throws IllegalStateException if the pool is closed or the thread is interrupted while waiting
     */
    public <T> T withSession(Function<InferenceSession, T> work) {
        beginUse();
        try {
            return borrow(work);
        } finally {
            endUse();
        }
    }

    private <T> T borrow(Function<InferenceSession, T> work) {
        {
            InferenceSession s;
            try {
                s = idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an idle session of " + this, e);
            }
            try {
                return work.apply(s);
            } finally {
                idle.add(s);
            }
        }
    }

    /** Runs on the pool's threads (one per session); the input tensors must not change until completion. */
    public CompletableFuture<Map<String, Tensor>> submit(Map<String, Tensor> inputs) {
        Map<String, Tensor> copy = Map.copyOf(inputs);
        beginUse();
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return borrow(session -> session.run(copy));
                } finally {
                    endUse();
                }
            }, executor);
        } catch (RuntimeException e) {
            endUse();
            throw e;
        }
    }

    @Override
    protected void onClose() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (sessions != null) {
            for (InferenceSession s : sessions) {
                s.close();
            }
        }
    }
}
