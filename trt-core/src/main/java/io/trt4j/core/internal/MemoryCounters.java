package io.trt4j.core.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide counters of the device and pinned host memory trt4j has allocated and not yet freed.
 *
 * <p>Thread-safety: thread-safe (atomic counters).
 */
public final class MemoryCounters {
    private static final AtomicLong DEVICE_BYTES = new AtomicLong();
    private static final AtomicLong DEVICE_COUNT = new AtomicLong();
    private static final AtomicLong PINNED_BYTES = new AtomicLong();
    private static final AtomicLong PINNED_COUNT = new AtomicLong();

    private MemoryCounters() {
    }

    /** Records a device allocation ({@code bytes > 0}) or free ({@code bytes < 0}). */
    public static void device(long bytes) {
        DEVICE_BYTES.addAndGet(bytes);
        DEVICE_COUNT.addAndGet(Long.signum(bytes));
    }

    /** Records a pinned allocation ({@code bytes > 0}) or free ({@code bytes < 0}). */
    public static void pinned(long bytes) {
        PINNED_BYTES.addAndGet(bytes);
        PINNED_COUNT.addAndGet(Long.signum(bytes));
    }

    /** Device bytes allocated now. */
    public static long deviceBytes() {
        return DEVICE_BYTES.get();
    }

    /** Device buffers allocated now. */
    public static long deviceCount() {
        return DEVICE_COUNT.get();
    }

    /** Pinned host bytes allocated now. */
    public static long pinnedBytes() {
        return PINNED_BYTES.get();
    }

    /** Pinned host buffers allocated now. */
    public static long pinnedCount() {
        return PINNED_COUNT.get();
    }
}
