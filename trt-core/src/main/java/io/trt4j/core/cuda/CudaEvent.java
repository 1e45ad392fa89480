package io.trt4j.core.cuda;

import io.trt4j.core.internal.Cuda;
import io.trt4j.core.internal.NativeResource;
import io.trt4j.core.internal.Natives;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CUDA event: a marker recorded into a stream, used to wait for or time the work before it.
 *
 * <p>Thread-safety: thread-safe as CUDA events are; record and query from several threads needs your own ordering.
 */
public final class CudaEvent extends NativeResource {
    private static final AtomicLong IDS = new AtomicLong();

    private final long handle;

    private CudaEvent(long handle, long id) {
        super("CudaEvent", "#" + id, () -> Cuda.eventDestroy(handle), LeakPolicy.WARN_AND_FREE);
        this.handle = handle;
    }

    /**
     * Creates an event with timing enabled.
     *
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU
     */
    public static CudaEvent create() {
        Natives.require();
        return new CudaEvent(Cuda.eventCreate(), IDS.incrementAndGet());
    }

    /** Records the event into {@code stream}: it completes when the work queued before it completes. */
    public void record(CudaStream stream) {
        beginUse();
        try {
            Cuda.eventRecord(handle, stream.handle());
        } finally {
            endUse();
        }
    }

    /** Blocks until the recorded work has finished. */
    public void synchronize() {
        beginUse();
        try {
            Cuda.eventSynchronize(handle);
        } finally {
            endUse();
        }
    }

    /**
     * Milliseconds of GPU time between {@code start} (recorded earlier) and this event; both must have completed.
     *
     * @return elapsed time in milliseconds (resolution about 0.5 microseconds)
     */
    public float elapsedMillis(CudaEvent start) {
        beginUse();
        try {
            start.beginUse();
            try {
                return Cuda.eventElapsed(start.handle, handle);
            } finally {
                start.endUse();
            }
        } finally {
            endUse();
        }
    }

    /** The {@code cudaEvent_t} value. */
    public long handle() {
        ensureOpen();
        return handle;
    }
}
