package io.trt4j.core.cuda;

import io.trt4j.core.internal.MemoryCounters;

/**
 * A snapshot of the device and pinned host memory trt4j's {@link DeviceBuffer}s and {@link PinnedBuffer}s hold now
 * (memory TensorRT allocates itself, like execution-context scratch, is not included).
 *
 * <p>Thread-safety: immutable snapshot; {@link #current()} is thread-safe.
 *
 * @param deviceBytes bytes of device memory in open {@code DeviceBuffer}s
 * @param deviceBuffers number of open {@code DeviceBuffer}s
 * @param pinnedBytes bytes of page-locked host memory in open {@code PinnedBuffer}s
 * @param pinnedBuffers number of open {@code PinnedBuffer}s
 */
public record MemoryStats(long deviceBytes, long deviceBuffers, long pinnedBytes, long pinnedBuffers) {
    /** The current counts (no GPU needed). Thread-safe. */
    public static MemoryStats current() {
        return new MemoryStats(MemoryCounters.deviceBytes(), MemoryCounters.deviceCount(),
                MemoryCounters.pinnedBytes(), MemoryCounters.pinnedCount());
    }
}
