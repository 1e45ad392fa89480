package io.trt4j.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fills a batch tensor from many images in parallel: image {@code i} of the list is decoded and written by a
 * {@link Preprocessor} at batch index {@code i} of the destination, directly (no intermediate batch copy). Output
 * layout, type and values are the preprocessor's; the whole batch must fit from the buffer's position to its limit
 * (checked before anything is decoded). A fill returns only after every task has finished, also when one fails, so
 * the buffer is never written after the call returns.
 *
 * <p>Thread-safety: safe to share; concurrent fills must use different buffers (or disjoint regions).
 * {@link #close()} shuts down the pool only if this object created it.
 */
public final class BatchPreprocessor implements AutoCloseable {
    private final Preprocessor preprocessor;
    private final ExecutorService executor;
    private final boolean ownsExecutor;

    private BatchPreprocessor(Preprocessor preprocessor, ExecutorService executor, boolean owns) {
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownsExecutor = owns;
    }

    /** With an owned pool of {@code threads} daemon threads (closed by {@link #close()}). */
    public static BatchPreprocessor create(Preprocessor preprocessor, int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "trt4j-preprocess-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new BatchPreprocessor(preprocessor, Executors.newFixedThreadPool(threads, tf), true);
    }

    /** With one thread per available processor. */
    public static BatchPreprocessor create(Preprocessor preprocessor) {
        return create(preprocessor, Runtime.getRuntime().availableProcessors());
    }

    /** On a caller's executor, which {@link #close()} leaves running. */
    public static BatchPreprocessor using(Preprocessor preprocessor, ExecutorService executor) {
        return new BatchPreprocessor(preprocessor, executor, false);
    }

    /** The per-image preprocessor. */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /**
     * Decodes and writes {@code files.get(i)} at batch index {@code i}.
     *
     * @throws IllegalArgumentException if the batch does not fit in {@code dst} (nothing decoded or written)
     * @throws ImageDecodeException     for the first image (lowest index) that failed; others are suppressed
     */
    public void fillFiles(List<Path> files, ByteBuffer dst) throws IOException {
        run(files.size(), dst, i -> preprocessor.write(files.get(i), dst, i));
    }

    /** Decodes and writes {@code encoded.get(i)} (named "batch[i]" in errors) at index {@code i}; see {@link #fillFiles}. */
    public void fillEncoded(List<byte[]> encoded, ByteBuffer dst) throws IOException {
        run(encoded.size(), dst, i -> preprocessor.write(encoded.get(i), "batch[" + i + "]", dst, i));
    }

    /** Writes already decoded images (HWC RGB uint8) at their list indices; see {@link #fillFiles}. */
    public void fillImages(List<RgbImage> images, ByteBuffer dst) {
        try {
            run(images.size(), dst, i -> preprocessor.write(images.get(i), dst, i));
        } catch (IOException e) {
            throw new IllegalStateException("no I/O happens when writing decoded images", e);
        }
    }

    private interface Task {
        void run(int index) throws IOException;
    }

    private void run(int count, ByteBuffer dst, Task task) throws IOException {
        preprocessor.checkCapacity(dst, count);
        List<Future<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final int index = i;
            futures.add(executor.submit(() -> {
                task.run(index);
                return null;
            }));
        }
        Throwable first = null;
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // finish waiting: tasks still write into dst
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    } else {
                        first.addSuppressed(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    /** Shuts down an owned pool (waiting up to 10 s for running tasks); idempotent; no-op for a caller's executor. */
    @Override
    public void close() {
        if (ownsExecutor && !executor.isShutdown()) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
