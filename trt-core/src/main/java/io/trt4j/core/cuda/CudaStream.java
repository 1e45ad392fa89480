package io.trt4j.core.cuda;

import io.trt4j.core.internal.Cuda;
import io.trt4j.core.internal.NativeResource;
import io.trt4j.core.internal.Natives;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CUDA stream (created non-blocking with respect to the legacy default stream). Work queued on one stream runs in
 * order; {@link #synchronize()} waits for all of it.
 *
 * <p>Thread-safety: thread-safe as CUDA streams are (queuing from several threads interleaves their work); closing
 * waits for in-flight calls made through this object.
 */
public final class CudaStream extends NativeResource {
    private static final AtomicLong IDS = new AtomicLong();

    private final long handle;

    private CudaStream(long handle, long id) {
        super("CudaStream", "#" + id, () -> Cuda.streamDestroy(handle), LeakPolicy.WARN_AND_FREE);
        this.handle = handle;
    }

    /**
     * Creates a stream on the calling thread's current device.
     *
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU
     * @throws CudaException if CUDA fails
     */
    public static CudaStream create() {
        Natives.require();
        return new CudaStream(Cuda.streamCreate(), IDS.incrementAndGet());
    }

    /** The {@code cudaStream_t} value, for interop with other CUDA code. Valid until {@link #close()}. */
    public long handle() {
        ensureOpen();
        return handle;
    }

    /** Blocks until all work queued on this stream has finished. */
    public void synchronize() {
        beginUse();
        try {
            Cuda.streamSynchronize(handle);
        } finally {
            endUse();
        }
    }

    /** Frees the stream after waiting for in-flight calls (not for queued GPU work: synchronize first). */
    @Override
    public void close() {
        super.close();
    }
}
