package io.trt4j.core;

import io.trt4j.core.internal.Natives;

/**
 * Entry point to check whether TensorRT can run here, and why not.
 *
 * <p>The first call loads the native libraries once per process (see {@link #diagnosis()} for where trt4j looks).
 * Nothing here throws a linkage error: a missing driver, device or library becomes {@code isAvailable() == false}
 * and a diagnosis; methods elsewhere that need the GPU throw {@link GpuUnavailableException} with that diagnosis.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class TensorRt {
    private TensorRt() {
    }

    /**
     * Versions of the native stack.
     *
     * @param tensorRt TensorRT library version, like {@code 10.15.1} ({@code unavailable} if not loaded)
     * @param cudaRuntime CUDA runtime version, like {@code 13.0}
     * @param cudaDriver highest CUDA version the installed driver supports, like {@code 13.0}
     */
    public record Versions(String tensorRt, String cudaRuntime, String cudaDriver) {
        @Override
        public String toString() {
            return "TensorRT " + tensorRt + ", CUDA runtime " + cudaRuntime + ", CUDA driver " + cudaDriver;
        }
    }

    /** Whether the CUDA driver, at least one device, and TensorRT 10.15 or newer are usable. */
    public static boolean isAvailable() {
        return Natives.status().available();
    }

    /**
     * Why TensorRT is unusable (driver missing, no device, libnvinfer missing, TensorRT older than 10.15), naming the
     * library and the folders searched: {@code -Dtrt4j.tensorrt.home}, env {@code TRT4J_TENSORRT_HOME}, a pip
     * install's {@code tensorrt_libs}, {@code LD_LIBRARY_PATH} and the system library folders. When usable, a one-line
     * summary of what was loaded.
     */
    public static String diagnosis() {
        return Natives.status().diagnosis();
    }

    /** Versions of TensorRT, the CUDA runtime and the driver (fields read {@code unavailable} when not loaded). */
    public static Versions version() {
        Natives.Status s = Natives.status();
        return new Versions(s.tensorRt(), s.cudaRuntime(), s.cudaDriver());
    }

    /**
     * Fails unless TensorRT is usable.
     *
     * @throws GpuUnavailableException with the {@link #diagnosis()}
     */
    public static void requireAvailable() {
        Natives.require();
    }
}
