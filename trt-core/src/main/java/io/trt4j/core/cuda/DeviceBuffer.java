package io.trt4j.core.cuda;

import io.trt4j.core.internal.Cuda;
import io.trt4j.core.internal.MemoryCounters;
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
public final class DeviceBuffer extends CudaMemory {
    private static final AtomicLong IDS = new AtomicLong();

    private DeviceBuffer(long address, long size) {
        super("DeviceBuffer", IDS.incrementAndGet(), address, size, Cuda::free, MemoryCounters::device);
    }

    /**
     * Allocates {@code bytes} bytes of device memory on the calling thread's current device (contents undefined).
     *
     * @throws IllegalArgumentException if {@code bytes < 1}
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU
     * @throws CudaException if CUDA fails (out of memory: code 2)
     */
    public static DeviceBuffer allocate(long bytes) {
        return allocate("DeviceBuffer", bytes, Cuda::malloc, Cuda::free, MemoryCounters::device, DeviceBuffer::new);
    }

    /** Queues a copy of {@code bytes} bytes from pinned host memory into this buffer. */
    public void copyFromAsync(PinnedBuffer src, long srcOffset, long dstOffset, long bytes, CudaStream stream) {
        copyAsync(src, srcOffset, this, dstOffset, bytes, Cuda.HOST_TO_DEVICE, stream);
    }

    /** Queues a copy of {@code bytes} bytes from this buffer into pinned host memory. */
    public void copyToAsync(PinnedBuffer dst, long srcOffset, long dstOffset, long bytes, CudaStream stream) {
        copyAsync(this, srcOffset, dst, dstOffset, bytes, Cuda.DEVICE_TO_HOST, stream);
    }

    /** Queues a device-to-device copy of {@code bytes} bytes from {@code src} into this buffer. */
    public void copyFromAsync(DeviceBuffer src, long srcOffset, long dstOffset, long bytes, CudaStream stream) {
        copyAsync(src, srcOffset, this, dstOffset, bytes, Cuda.DEVICE_TO_DEVICE, stream);
    }

    private static void copyAsync(CudaMemory src, long srcOffset, CudaMemory dst, long dstOffset, long bytes,
            int kind, CudaStream stream) {
        checkRange("source", srcOffset, bytes, src.size());
        checkRange("destination", dstOffset, bytes, dst.size());
        src.use();
        try {
            dst.use();
            try {
                Cuda.memcpyAsync(dst.rawAddress() + dstOffset, src.rawAddress() + srcOffset, bytes, kind,
                        stream.handle());
            } finally {
                dst.unuse();
            }
        } finally {
            src.unuse();
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
        checkRange("destination", dstOffset, bytes, size());
        long host = Cuda.addressOf(src) + src.position();
        beginUse();
        try {
            Cuda.memcpyAsync(rawAddress() + dstOffset, host, bytes, Cuda.HOST_TO_DEVICE, stream.handle());
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
        checkRange("source", srcOffset, bytes, size());
        long host = Cuda.addressOf(dst) + dst.position();
        beginUse();
        try {
            Cuda.memcpyAsync(host, rawAddress() + srcOffset, bytes, Cuda.DEVICE_TO_HOST, stream.handle());
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
        checkRange("destination", 0, bytes, size());
        ByteBuffer direct = src;
        if (!src.isDirect()) {
            direct = ByteBuffer.allocateDirect((int) bytes);
            direct.put(src.duplicate()).flip();
        }
        long host = Cuda.addressOf(direct) + direct.position();
        beginUse();
        try {
            Cuda.memcpy(rawAddress(), host, bytes, Cuda.HOST_TO_DEVICE);
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
        checkRange("source", 0, bytes, size());
        ByteBuffer direct = dst.isDirect() ? dst : ByteBuffer.allocateDirect((int) bytes);
        long host = Cuda.addressOf(direct) + direct.position();
        beginUse();
        try {
            Cuda.memcpy(host, rawAddress(), bytes, Cuda.DEVICE_TO_HOST);
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
            Cuda.memsetAsync(rawAddress(), value & 0xff, size(), stream.handle());
        } finally {
            endUse();
        }
    }

    /** Sets every byte to zero and waits. */
    public void zero() {
        beginUse();
        try {
            Cuda.memsetAsync(rawAddress(), 0, size(), 0L);
            Cuda.streamSynchronize(0L);
        } finally {
            endUse();
        }
    }
}
