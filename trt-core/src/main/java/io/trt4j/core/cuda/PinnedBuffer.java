package io.trt4j.core.cuda;

import io.trt4j.core.internal.Cuda;
import io.trt4j.core.internal.MemoryCounters;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Page-locked host memory ({@code cudaMallocHost}), the fast source and target of device copies, counted in
 * {@link MemoryStats}. Read and write it through {@link #asByteBuffer()} views (native byte order).
 *
 * <p>Views are plain NIO buffers over this memory: using one after {@link #close()} reads or writes freed memory, so
 * drop views before closing.
 *
 * <p>Thread-safety: the object is thread-safe; the memory is shared, so concurrent writers race like any memory.
 * A buffer garbage-collected unclosed is freed by a cleaner and reported with its creation site.
 */
public final class PinnedBuffer extends CudaMemory {
    private static final AtomicLong IDS = new AtomicLong();

    private PinnedBuffer(long address, long size) {
        super("PinnedBuffer", IDS.incrementAndGet(), address, size, Cuda::freeHost, MemoryCounters::pinned);
    }

    /**
     * Allocates {@code bytes} bytes of page-locked host memory (contents undefined).
     *
     * @throws IllegalArgumentException if {@code bytes < 1}
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU
     */
    public static PinnedBuffer allocate(long bytes) {
        return allocate("PinnedBuffer", bytes, Cuda::mallocHost, Cuda::freeHost, MemoryCounters::pinned,
                PinnedBuffer::new);
    }

    /**
     * A new view of the whole buffer, native byte order, position 0, limit {@link #size()}.
     *
     * @throws IllegalArgumentException if the buffer exceeds 2^31-1 bytes (use {@link #asByteBuffer(long, int)})
     */
    public ByteBuffer asByteBuffer() {
        return asByteBuffer(0, checkedInt(size()));
    }

    /** A new native-order view of {@code bytes} bytes from {@code offset}. */
    public ByteBuffer asByteBuffer(long offset, int bytes) {
        checkRange("view", offset, bytes, size());
        ensureOpen();
        return Cuda.byteBuffer(rawAddress() + offset, bytes);
    }

    /** A new native-order float view of the whole buffer (float i at byte offset 4*i). */
    public FloatBuffer asFloatBuffer() {
        return asByteBuffer().asFloatBuffer();
    }

    private static int checkedInt(long size) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("buffer of " + size + " bytes exceeds a single NIO view; "
                    + "use asByteBuffer(offset, bytes)");
        }
        return (int) size;
    }
}
