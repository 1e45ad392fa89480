package io.trt4j.core.cuda;

import io.trt4j.core.internal.Cuda;
import io.trt4j.core.internal.MemoryCounters;
import io.trt4j.core.internal.NativeResource;
import io.trt4j.core.internal.Natives;
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
public final class PinnedBuffer extends NativeResource {
    private static final AtomicLong IDS = new AtomicLong();

    private final long address;
    private final long size;

    private PinnedBuffer(long address, long size, long id) {
        super("PinnedBuffer", "#" + id + " (" + size + " bytes)", () -> {
            try {
                Cuda.freeHost(address);
            } finally {
                MemoryCounters.pinned(-size);
            }
        }, LeakPolicy.WARN_AND_FREE);
        this.address = address;
        this.size = size;
    }

    /**
     * Allocates {@code bytes} bytes of page-locked host memory (contents undefined).
     *
     * @throws IllegalArgumentException if {@code bytes < 1}
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU
     */
    public static PinnedBuffer allocate(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a PinnedBuffer needs at least 1 byte, not " + bytes);
        }
        Natives.require();
        long address = Cuda.mallocHost(bytes);
        MemoryCounters.pinned(bytes);
        try {
            return new PinnedBuffer(address, bytes, IDS.incrementAndGet());
        } catch (RuntimeException | Error e) {
            Cuda.freeHost(address);
            MemoryCounters.pinned(-bytes);
            throw e;
        }
    }

    /** Size in bytes. */
    public long size() {
        return size;
    }

    /** The host address. Valid until {@link #close()}. */
    public long address() {
        ensureOpen();
        return address;
    }

    /**
     * A new view of the whole buffer, native byte order, position 0, limit {@link #size()}.
     *
     * @throws IllegalArgumentException if the buffer exceeds 2^31-1 bytes (use {@link #asByteBuffer(long, int)})
     */
    public ByteBuffer asByteBuffer() {
        return asByteBuffer(0, checkedInt(size));
    }

    /** A new native-order view of {@code bytes} bytes from {@code offset}. */
    public ByteBuffer asByteBuffer(long offset, int bytes) {
        DeviceBuffer.checkRange("view", offset, bytes, size);
        ensureOpen();
        return Cuda.byteBuffer(address + offset, bytes);
    }

    /** A new native-order float view of the whole buffer (float i at byte offset 4*i). */
    public FloatBuffer asFloatBuffer() {
        return asByteBuffer().asFloatBuffer();
    }

    long rawAddress() {
        return address;
    }

    void use() {
        beginUse();
    }

    void unuse() {
        endUse();
    }

    private static int checkedInt(long size) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("buffer of " + size + " bytes exceeds a single NIO view; "
                    + "use asByteBuffer(offset, bytes)");
        }
        return (int) size;
    }
}
