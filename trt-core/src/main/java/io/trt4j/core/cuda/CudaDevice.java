package io.trt4j.core.cuda;

import io.trt4j.core.internal.Cuda;
import io.trt4j.core.internal.Natives;

/**
 * A CUDA device: identity and properties read once, free memory and synchronization on demand.
 *
 * <p>Thread-safety: immutable; methods are thread-safe. Methods that query a device other than the calling thread's
 * current one switch the current device for the call and restore it.
 */
public final class CudaDevice {
    private final int id;
    private final String name;
    private final int major;
    private final int minor;
    private final long totalMemory;

    private CudaDevice(int id) {
        this.id = id;
        long[] total = new long[1];
        this.name = Cuda.deviceName(id, total);
        this.totalMemory = total[0];
        int[] cc = Cuda.computeCapability(id);
        this.major = cc[0];
        this.minor = cc[1];
    }

    /**
     * The calling thread's current device.
     *
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU
     */
    public static CudaDevice current() {
        Natives.require();
        return new CudaDevice(Cuda.currentDevice());
    }

    /**
     * Device number {@code id}.
     *
     * @throws IllegalArgumentException if no such device
     */
    public static CudaDevice of(int id) {
        int n = count();
        if (id < 0 || id >= n) {
            throw new IllegalArgumentException("device " + id + " does not exist; " + n + " device(s) present");
        }
        return new CudaDevice(id);
    }

    /**
     * Number of CUDA devices.
     *
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU
     */
    public static int count() {
        Natives.require();
        return Cuda.deviceCount();
    }

    /** Device number. */
    public int id() {
        return id;
    }

    /** Marketing name, like {@code NVIDIA H100 80GB HBM3}. */
    public String name() {
        return name;
    }

    /** Compute capability major version (9 for Hopper). */
    public int computeCapabilityMajor() {
        return major;
    }

    /** Compute capability minor version. */
    public int computeCapabilityMinor() {
        return minor;
    }

    /** Total device memory in bytes. */
    public long totalMemory() {
        return totalMemory;
    }

    /** Free device memory in bytes now ({@code cudaMemGetInfo}). */
    public long freeMemory() {
        return onDevice(() -> Cuda.memInfo()[0]);
    }

    /** Blocks until all work on this device has finished. */
    public void synchronize() {
        onDevice(() -> {
            Cuda.deviceSynchronize();
            return 0L;
        });
    }

    private long onDevice(java.util.function.LongSupplier op) {
        int previous = Cuda.currentDevice();
        if (previous == id) {
            return op.getAsLong();
        }
        Cuda.setDevice(id);
        try {
            return op.getAsLong();
        } finally {
            Cuda.setDevice(previous);
        }
    }

    @Override
    public String toString() {
        return "CudaDevice " + id + " (" + name + ", sm_" + major + minor + ", " + (totalMemory >> 20) + " MiB)";
    }
}
