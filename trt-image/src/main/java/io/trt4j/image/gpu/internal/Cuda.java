package io.trt4j.image.gpu.internal;

import io.trt4j.core.internal.LibraryLocator;
import io.trt4j.core.internal.Natives;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Availability of the GPU path (CUDA as trt-core loads it, plus NVRTC) and read-only CUDA state for error messages.
 * The GPU path itself uses only the CUDA runtime (primary context of the current device, like the rest of trt4j);
 * the driver API appears here only to describe state when something fails.
 *
 * <p>Thread-safety: thread-safe; the probe runs once.
 */
public final class Cuda {
    private Cuda() {
    }

    private static volatile String unavailable;
    private static volatile boolean probed;

    /**
     * Null if CUDA (loaded by trt-core's {@link Natives}, which also finds the libraries) and NVRTC
     * ({@code libnvrtc.so.13} from the same search path, then the JavaCPP preset) are usable, else the reason. Probes
     * once; never throws, also not linkage errors.
     */
    public static String unavailableReason() {
        if (!probed) {
            synchronized (Cuda.class) {
                if (!probed) {
                    unavailable = probe();
                    probed = true;
                }
            }
        }
        return unavailable;
    }

    private static String probe() {
        try {
            Natives.Status status = Natives.status();
            if (!status.available()) {
                return status.diagnosis();
            }
            Path lib = LibraryLocator.find(LibraryLocator.searchPath(), "libnvrtc.so.13");
            if (lib != null) {
                System.load(lib.toAbsolutePath().toString());
            }
            Loader.load(nvrtc.class);
            int[] major = {0};
            int[] minor = {0};
            int rc = nvrtc.nvrtcVersion(major, minor);
            return rc == nvrtc.NVRTC_SUCCESS ? null : "nvrtcVersion failed with status " + rc;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            return "NVRTC (libnvrtc.so.13) not loadable: " + t;
        }
    }

    /** Makes {@code device} current on the calling thread if it is not (runtime API; allocation-free). */
    public static void ensureDevice(int device) {
        io.trt4j.core.internal.Cuda.ensureDevice(device);
    }

    /**
     * {@code cudaMemcpyAsync} host to device of {@code bytes} bytes from a direct buffer, starting at its position, on
     * {@code stream} (0: the legacy default stream). Asynchronous only for pinned memory.
     */
    public static void copyToDeviceAsync(long deviceAddress, ByteBuffer host, long bytes, long stream) {
        io.trt4j.core.internal.Cuda.memcpyAsync(deviceAddress,
                io.trt4j.core.internal.Cuda.addressOf(host) + host.position(), bytes,
                io.trt4j.core.internal.Cuda.HOST_TO_DEVICE, stream);
    }

    /** The calling thread's current CUDA context ({@code cuCtxGetCurrent}), 0 if none; -1 if the call failed. */
    public static long currentContext() {
        try {
            CUctx_st ctx = new CUctx_st();
            return cudart.cuCtxGetCurrent(ctx) == cudart.CUDA_SUCCESS ? ctx.address() : -1;
        } catch (Throwable t) {
            return -1;
        }
    }

    /** {@code cudaGetDevice} of the calling thread, -1 if it fails. Never throws. */
    public static int currentDeviceOrMinusOne() {
        try {
            int[] d = {-1};
            return cudart.cudaGetDevice(d) == cudart.cudaSuccess ? d[0] : -1;
        } catch (Throwable t) {
            return -1;
        }
    }

    /** {@code driver CUDA 13.0, runtime CUDA 13.0, module loading LAZY (CUDA_MODULE_LOADING=...)}; never throws. */
    public static String versions() {
        StringBuilder sb = new StringBuilder();
        try {
            int[] v = {0};
            sb.append("driver CUDA ").append(cudart.cudaDriverGetVersion(v) == cudart.cudaSuccess ? cuda(v[0]) : "?");
            sb.append(", runtime CUDA ").append(cudart.cudaRuntimeGetVersion(v) == cudart.cudaSuccess ? cuda(v[0]) : "?");
            int[] mode = {0};
            sb.append(", module loading ").append(cudart.cuModuleGetLoadingMode(mode) != cudart.CUDA_SUCCESS ? "?"
                    : mode[0] == cudart.CU_MODULE_LAZY_LOADING ? "LAZY" : "EAGER");
        } catch (Throwable t) {
            sb.append(" (").append(t).append(')');
        }
        String env = System.getenv("CUDA_MODULE_LOADING");
        return sb.append(" (CUDA_MODULE_LOADING=").append(env == null ? "unset" : env).append(')').toString();
    }

    private static String cuda(int version) {
        return version / 1000 + "." + version % 1000 / 10;
    }

    /** {@code cudaGetErrorName: cudaGetErrorString} of a runtime status. */
    public static String runtimeErrorText(int code) {
        return Natives.errorText(code);
    }

    /** {@code cuGetErrorName: cuGetErrorString} of a driver status; never throws. */
    public static String driverErrorText(int code) {
        try (PointerPointer<BytePointer> name = new PointerPointer<>(1);
             PointerPointer<BytePointer> text = new PointerPointer<>(1)) {
            String n = cudart.cuGetErrorName(code, name) == cudart.CUDA_SUCCESS && name.get(0) != null
                    ? name.getString(0) : "CUresult " + code;
            String s = cudart.cuGetErrorString(code, text) == cudart.CUDA_SUCCESS && text.get(0) != null
                    ? text.getString(0) : "?";
            return n + ": " + s;
        } catch (Throwable t) {
            return "CUresult " + code;
        }
    }
}
