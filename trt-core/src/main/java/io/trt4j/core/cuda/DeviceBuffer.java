package io.trt4j.core.cuda;

import io.trt4j.core.internal.Cuda;
import io.trt4j.core.internal.MemoryCounters;
import io.trt4j.core.internal.NativeResource;
import io.trt4j.core.internal.Natives;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A block of device memory ({@code cudaMalloc}), counted in {@link MemoryStats}. Copies to and from it are raw bytes:
 * no layout or dtype conversion happens here.
 *
 * <p>Async copies ({@code ...Async}) are queued on a stream and return at once: the host memory involved must stay
 * valid and unmodified until the stream is synchronized. The synchronous ones return when the bytes have arrived.
 *
 * <p>Thread-safety: thread-safe in the sense that calls never corrupt the object; concurrent copies into overlapping
 * ranges race like any memory. {@link #close()} waits for calls in progress (not for queued GPU work). A buffer
 * garbage-collected unclosed is freed by a cleaner and reported with its creation site.
 */
public final class DeviceBuffer extends NativeResource {
    private static final AtomicLong IDS = new AtomicLong();

    private final long address;
    private final long size;

    private DeviceBuffer(long address, long size, long id) {
        super("DeviceBuffer", "#" + id + " (" + size + " bytes)", () -> {
            try {
                Cuda.free(address);
            } finally {
                MemoryCounters.device(-size);
            }
        }, LeakPolicy.WARN_AND_FREE);
        this.address = address;
        this.size = size;
    }

    /**
     * Allocates {@code bytes} bytes of device memory on the calling thread's current device (contents undefined).
     *
     * @throws IllegalArgumentException if {@code bytes < 1}
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU
     * @throws CudaException if CUDA fails (out of memory: code 2)
     */
    public static DeviceBuffer allocate(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a DeviceBuffer needs at least 1 byte, not " + bytes);
        }
        Natives.require();
        long address = Cuda.malloc(bytes);
        MemoryCounters.device(bytes);
        try {
            return new DeviceBuffer(address, bytes, IDS.incrementAndGet());
        } catch (RuntimeException | Error e) {
            Cuda.free(address);
            MemoryCounters.device(-bytes);
            throw e;
        }
    }

    /** Size in bytes. */
    public long size() {
        return size;
    }

    /** The device address, for TensorRT bindings or other CUDA code. Valid until {@link #close()}. */
    public long address() {
        ensureOpen();
        return address;
    }

    /** Queues a copy of {@code bytes} bytes from pinned host memory into this buffer. */
    public void copyFromAsync(PinnedBuffer src, long srcOffset, long dstOffset, long bytes, CudaStream stream) {
        checkRange("destination", dstOffset, bytes, size);
        checkRange("source", srcOffset, bytes, src.size());
        beginUse();
        src.use();
        try {
            Cuda.memcpyAsync(address + dstOffset, src.rawAddress() + srcOffset, bytes, Cuda.HOST_TO_DEVICE,
                    stream.handle());
        } finally {
            src.unuse();
            endUse();
        }
    }

    /** Queues a copy of {@code bytes} bytes from this buffer into pinned host memory. */
    public void copyToAsync(PinnedBuffer dst, long srcOffset, long dstOffset, long bytes, CudaStream stream) {
        checkRange("source", srcOffset, bytes, size);
        checkRange("destination", dstOffset, bytes, dst.size());
        beginUse();
        dst.use();
        try {
            Cuda.memcpyAsync(dst.rawAddress() + dstOffset, address + srcOffset, bytes, Cuda.DEVICE_TO_HOST,
                    stream.handle());
        } finally {
            dst.unuse();
            endUse();
        }
    }

    /** Queues a device-to-device copy of {@code bytes} bytes from {@code src} into this buffer. */
    public void copyFromAsync(DeviceBuffer src, long srcOffset, long dstOffset, long bytes, CudaStream stream) {
        checkRange("destination", dstOffset, bytes, size);
        checkRange("source", srcOffset, bytes, src.size);
        beginUse();
        src.beginUse();
        try {
            Cuda.memcpyAsync(address + dstOffset, src.address + srcOffset, bytes, Cuda.DEVICE_TO_DEVICE,
                    stream.handle());
        } finally {
            src.endUse();
            endUse();
        }
    }

    /**
     * Queues a copy of the remaining bytes of a direct buffer (position to limit) to {@code dstOffset}. The buffer's
     * position is not changed; it must stay reachable and unmodified until the stream is synchronized.
     *
     * @throws IllegalArgumentException for heap buffers (use {@link #copyFrom(ByteBuffer)})
     */
    public void copyFromAsync(ByteBuffer src, long dstOffset, CudaStream stream) {
        long bytes = src.remaining();
        checkRange("destination", dstOffset, bytes, size);
        long host = Cuda.addressOf(src) + src.position();
        beginUse();
        try {
            Cuda.memcpyAsync(address + dstOffset, host, bytes, Cuda.HOST_TO_DEVICE, stream.handle());
        } finally {
            endUse();
        }
    }

    /**
     * Queues a copy from {@code srcOffset} into the remaining bytes of a direct buffer (position to limit). The
     * buffer's position is not changed; read it only after the stream is synchronized.
     */
    public void copyToAsync(ByteBuffer dst, long srcOffset, CudaStream stream) {
        long bytes = dst.remaining();
        checkRange("source", srcOffset, bytes, size);
        long host = Cuda.addressOf(dst) + dst.position();
        beginUse();
        try {
            Cuda.memcpyAsync(host, address + srcOffset, bytes, Cuda.DEVICE_TO_HOST, stream.handle());
        } finally {
            endUse();
        }
    }

    /**
     * Copies the remaining bytes of {@code src} (heap or direct; position to limit) to the start of this buffer and
     * waits for the copy. The buffer's position is not changed.
     */
    public void copyFrom(ByteBuffer src) {
        long bytes = src.remaining();
        checkRange("destination", 0, bytes, size);
        ByteBuffer direct = src;
        if (!src.isDirect()) {
            direct = ByteBuffer.allocateDirect((int) bytes);
            direct.put(src.duplicate()).flip();
        }
        long host = Cuda.addressOf(direct) + direct.position();
        beginUse();
        try {
            Cuda.memcpy(address, host, bytes, Cuda.HOST_TO_DEVICE);
        } finally {
            endUse();
        }
    }

    /**
     * Copies the start of this buffer into the remaining bytes of {@code dst} (heap or direct; position to limit)
     * and waits. The buffer's position is not changed.
     */
    public void copyTo(ByteBuffer dst) {
        long bytes = dst.remaining();
        checkRange("source", 0, bytes, size);
        ByteBuffer direct = dst.isDirect() ? dst : ByteBuffer.allocateDirect((int) bytes);
        long host = Cuda.addressOf(direct) + direct.position();
        beginUse();
        try {
            Cuda.memcpy(host, address, bytes, Cuda.DEVICE_TO_HOST);
        } finally {
            endUse();
        }
        if (direct != dst) {
            dst.duplicate().put(direct);
        }
    }

    /** Queues setting every byte to {@code value & 0xff}. */
    public void fillAsync(int value, CudaStream stream) {
        beginUse();
        try {
            Cuda.memsetAsync(address, value & 0xff, size, stream.handle());
        } finally {
            endUse();
        }
    }

    /** Sets every byte to zero and waits. */
    public void zero() {
        beginUse();
        try {
            Cuda.memsetAsync(address, 0, size, 0L);
            Cuda.streamSynchronize(0L);
        } finally {
            endUse();
        }
    }

    static void checkRange(String what, long offset, long bytes, long capacity) {
        if (offset < 0 || bytes < 0 || offset > capacity - bytes) {
            throw new IndexOutOfBoundsException(what + " range [" + offset + ", " + offset + " + " + bytes
                    + ") is outside the buffer of " + capacity + " bytes");
        }
    }
}
