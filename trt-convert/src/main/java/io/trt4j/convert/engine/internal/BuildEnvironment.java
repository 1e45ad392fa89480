package io.trt4j.convert.engine.internal;

import io.trt4j.core.GpuUnavailableException;
import io.trt4j.core.internal.Cuda;
import io.trt4j.core.internal.Natives;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvonnxparser;

/**
 * Where a plan is built: the TensorRT version and the current GPU. Plans run only on the same TensorRT version and
 * GPU architecture, so both enter the engine-cache key.
 *
 * <p>Thread-safety: immutable.
 *
 * @param tensorRtVersion like {@code 10.15.1}
 * @param deviceName CUDA device name, like {@code NVIDIA H100 80GB HBM3}
 * @param computeMajor compute capability, major
 * @param computeMinor compute capability, minor
 */
public record BuildEnvironment(String tensorRtVersion, String deviceName, int computeMajor, int computeMinor) {
    private static volatile String parserFailure;
    private static volatile boolean parserLoaded;

    /**
     * The current device's environment, after checking that CUDA, TensorRT and its ONNX parser load.
     *
     * @throws GpuUnavailableException with the diagnosis when any of them is missing
     */
    public static BuildEnvironment current() {
        Natives.require();
        requireParser();
        int device = Cuda.currentDevice();
        int[] cc = Cuda.computeCapability(device);
        String name = Cuda.deviceName(device, new long[1]);
        return new BuildEnvironment(Natives.status().tensorRt(), name, cc[0], cc[1]);
    }

    private static synchronized void requireParser() {
        if (parserLoaded) {
            return;
        }
        if (parserFailure == null) {
            try {
                Loader.load(nvonnxparser.class);
                parserLoaded = true;
                return;
            } catch (Throwable t) {
                parserFailure = "TensorRT's ONNX parser (libnvonnxparser.so.10) could not be loaded: " + t;
            }
        }
        throw new GpuUnavailableException(parserFailure);
    }

    /** Like {@code NVIDIA H100 80GB HBM3 (sm_90)}. */
    public String device() {
        return deviceName + " (sm_" + computeMajor + computeMinor + ")";
    }
}
