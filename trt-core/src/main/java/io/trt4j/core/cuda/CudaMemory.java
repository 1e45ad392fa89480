package io.trt4j.core.cuda;

import io.trt4j.core.internal.NativeResource;
import io.trt4j.core.internal.Natives;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * What {@link DeviceBuffer} and {@link PinnedBuffer} share: an address and a size from a CUDA allocator, counted in
 * {@link MemoryStats} while alive, freed by {@link #close()} or, with a warning naming the creation site, by the
 * cleaner.
 *
 * <p>Thread-safety: thread-safe (see {@link NativeResource}).
 */
abstract sealed class CudaMemory extends NativeResource permits DeviceBuffer, PinnedBuffer {
    private final long address;
    private final long size;

    CudaMemory(String kind, long id, long address, long size, LongConsumer free, LongConsumer counter) {
        super(kind, "#" + id + " (" + size + " bytes)", () -> {
            try {
                free.accept(address);
            } finally {
                counter.accept(-size);
            }
        }, LeakPolicy.WARN_AND_FREE);
        this.address = address;
        this.size = size;
    }

    /** Creates a buffer object around memory that {@link #allocate} obtained. */
    @FunctionalInterface
    interface Wrapper<T extends CudaMemory> {
        T wrap(long address, long size);
    }

    /**
     * Allocates {@code bytes} with {@code malloc}, counts them with {@code counter} and wraps them; on any failure
     * after the allocation the memory is freed and uncounted again.
     */
    static <T extends CudaMemory> T allocate(String kind, long bytes, LongUnaryOperator malloc, LongConsumer free,
            LongConsumer counter, Wrapper<T> wrapper) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a " + kind + " needs at least 1 byte, not " + bytes);
        }
        Natives.require();
        long address = malloc.applyAsLong(bytes);
        counter.accept(bytes);
        try {
            return wrapper.wrap(address, bytes);
        } catch (RuntimeException | Error e) {
            free.accept(address);
            counter.accept(-bytes);
            throw e;
        }
    }

    /** Size in bytes. */
    public final long size() {
        return size;
    }

    /** The address (device or host). Valid until {@link #close()}. */
    public final long address() {
        ensureOpen();
        return address;
    }

    /** The address without the open check, for use between {@link #use()} and {@link #unuse()}. */
    final long rawAddress() {
        return address;
    }

    /** Marks a native call on this memory as in flight ({@link #close()} waits for it). */
    final void use() {
        beginUse();
    }

    final void unuse() {
        endUse();
    }

    static void checkRange(String what, long offset, long bytes, long capacity) {
        if (offset < 0 || bytes < 0 || offset > capacity - bytes) {
            throw new IndexOutOfBoundsException(what + " range [" + offset + ", " + offset + " + " + bytes
                    + ") is outside the buffer of " + capacity + " bytes");
        }
    }
}
