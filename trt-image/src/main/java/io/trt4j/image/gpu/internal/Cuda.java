package io.trt4j.image.gpu.internal;

import io.trt4j.core.cuda.CudaException;
import io.trt4j.core.internal.LibraryLocator;
import io.trt4j.core.internal.Natives;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Thin checked wrappers over the CUDA runtime/driver and NVRTC calls the GPU path needs; every non-success status
 * becomes a {@link CudaException} naming the call (NVRTC statuses too, with the compile log). Device pointers and stream handles travel as
 * {@code long}. Works on the calling thread's current device (the runtime's primary context).
 *
 * <p>Thread-safety: stateless; CUDA's own rules apply to the handles passed in.
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

    /**
     * Makes sure the current device's primary context exists and is current on this thread (the runtime binds it),
     * and returns it, so driver-API calls from other threads can make it current again.
     */
    public static long initContext() {
        checkRt(cudart.cudaFree(null), "cudaFree(0)");
        CUctx_st ctx = new CUctx_st();
        checkDrv(cudart.cuCtxGetCurrent(ctx), "cuCtxGetCurrent");
        return ctx.address();
    }

    /** Makes {@code context} current on the calling thread (driver-API calls need one; threads start without). */
    public static void makeCurrent(long context) {
        checkDrv(cudart.cuCtxSetCurrent(new CUctx_st(handle(context))), "cuCtxSetCurrent");
    }

    /** Compute capability of the current device as major * 10 + minor. */
    public static int computeCapability() {
        int[] dev = {0};
        checkRt(cudart.cudaGetDevice(dev), "cudaGetDevice");
        int[] major = {0};
        int[] minor = {0};
        checkRt(cudart.cudaDeviceGetAttribute(major, cudart.cudaDevAttrComputeCapabilityMajor, dev[0]),
                "cudaDeviceGetAttribute(major)");
        checkRt(cudart.cudaDeviceGetAttribute(minor, cudart.cudaDevAttrComputeCapabilityMinor, dev[0]),
                "cudaDeviceGetAttribute(minor)");
        return major[0] * 10 + minor[0];
    }

    /**
     * Compiles {@code source} for the current device (CUBIN for {@code sm_XX}; PTX for {@code compute_XX} if NVRTC
     * does not know the real architecture), loads it and returns {module, function} handles.
     */
    public static long[] compileAndLoad(String source, String programName, String function) {
        int cc = computeCapability();
        byte[] image;
        try {
            image = compile(source, programName, "--gpu-architecture=sm_" + cc, true);
        } catch (CudaException e) {
            image = compile(source, programName, "--gpu-architecture=compute_" + cc, false);
        }
        CUmod_st module = new CUmod_st();
        try (BytePointer data = new BytePointer(image)) {
            checkDrv(cudart.cuModuleLoadData(module, data), "cuModuleLoadData");
        }
        CUfunc_st fn = new CUfunc_st();
        int rc = cudart.cuModuleGetFunction(fn, module, function);
        if (rc != cudart.CUDA_SUCCESS) {
            cudart.cuModuleUnload(module);
            checkDrv(rc, "cuModuleGetFunction(" + function + ")");
        }
        return new long[] {module.address(), fn.address()};
    }

    private static byte[] compile(String source, String name, String arch, boolean cubin) {
        _nvrtcProgram prog = new _nvrtcProgram();
        checkNvrtc(nvrtc.nvrtcCreateProgram(prog, new BytePointer(source), new BytePointer(name), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram", null);
        try {
            PointerPointer<BytePointer> opts = new PointerPointer<>(arch);
            int rc = nvrtc.nvrtcCompileProgram(prog, 1, opts);
            if (rc != nvrtc.NVRTC_SUCCESS) {
                checkNvrtc(rc, "nvrtcCompileProgram(" + arch + ")", log(prog));
            }
            SizeTPointer size = new SizeTPointer(1);
            if (cubin) {
                checkNvrtc(nvrtc.nvrtcGetCUBINSize(prog, size), "nvrtcGetCUBINSize", null);
                byte[] out = new byte[(int) size.get()];
                checkNvrtc(nvrtc.nvrtcGetCUBIN(prog, out), "nvrtcGetCUBIN", null);
                return out;
            }
            checkNvrtc(nvrtc.nvrtcGetPTXSize(prog, size), "nvrtcGetPTXSize", null);
            byte[] out = new byte[(int) size.get()];
            checkNvrtc(nvrtc.nvrtcGetPTX(prog, out), "nvrtcGetPTX", null);
            return out;
        } finally {
            nvrtc.nvrtcDestroyProgram(prog);
        }
    }

    private static String log(_nvrtcProgram prog) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtc.nvrtcGetProgramLogSize(prog, size) != nvrtc.NVRTC_SUCCESS || size.get() <= 1) {
            return "";
        }
        byte[] log = new byte[(int) size.get()];
        nvrtc.nvrtcGetProgramLog(prog, log);
        return new String(log, 0, log.length - 1, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Unloads a module returned by {@link #compileAndLoad}. */
    public static void unloadModule(long module) {
        checkDrv(cudart.cuModuleUnload(new CUmod_st(handle(module))), "cuModuleUnload");
    }

    /** Asynchronous copy of {@code bytes} from a direct buffer (at its position) to the device, on {@code stream}. */
    public static void copyToDeviceAsync(long device, ByteBuffer host, long bytes, long stream) {
        Pointer p = new Pointer((Buffer) host); // JavaCPP passes address + position
        checkDrv(cudart.cuMemcpyHtoDAsync(device, p, bytes, new CUstream_st(handle(stream))), "cuMemcpyHtoDAsync");
    }

    /** Launches the normalize kernel; argument order as in {@link NormalizeKernel#SOURCE}. */
    public static void launchNormalize(long function, long stream, long src, long dst, long floatLut, long halfLut,
                                       long pixels, int planePixels, int channels, boolean planar, boolean half,
                                       int[] channelSource, boolean gray) {
        final int block = 256;
        long blocks = (pixels + block - 1) / block;
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many pixels for one launch: " + pixels);
        }
        Pointer[] args = {
            new LongPointer(1).put(src), new LongPointer(1).put(dst), new LongPointer(1).put(floatLut),
            new LongPointer(1).put(halfLut), new LongPointer(1).put(pixels), new IntPointer(1).put(planePixels),
            new IntPointer(1).put(channels), new IntPointer(1).put(planar ? 1 : 0), new IntPointer(1).put(half ? 1 : 0),
            new IntPointer(1).put(channelSource[0]), new IntPointer(1).put(channelSource[1]),
            new IntPointer(1).put(channelSource[2]), new IntPointer(1).put(gray ? 1 : 0),
        };
        try (PointerPointer<Pointer> params = new PointerPointer<>(args)) {
            checkDrv(cudart.cuLaunchKernel(new CUfunc_st(handle(function)), (int) blocks, 1, 1, block, 1, 1, 0,
                    new CUstream_st(handle(stream)), params, (PointerPointer<?>) null), "cuLaunchKernel");
        } finally {
            for (Pointer a : args) {
                a.close();
            }
        }
    }

    /** A JavaCPP pointer holding a raw handle value. */
    private static Pointer handle(long value) {
        return new Handle(value);
    }

    /**
     * A pointer holding a raw handle. (An anonymous subclass assigning {@code this.address = address} in an
     * initializer would assign the inherited field to itself: the field shadows the captured variable.)
     */
    private static final class Handle extends Pointer {
        Handle(long value) {
            this.address = value;
        }
    }

    private static void checkRt(int rc, String op) {
        if (rc != cudart.cudaSuccess) {
            throw new CudaException(rc, op, cudart.cudaGetErrorString(rc).getString());
        }
    }

    private static void checkDrv(int rc, String op) {
        if (rc != cudart.CUDA_SUCCESS) {
            PointerPointer<BytePointer> out = new PointerPointer<>(1);
            String text = cudart.cuGetErrorString(rc, out) == cudart.CUDA_SUCCESS && out.get(0) != null
                    ? out.getString(0) : "CUresult " + rc;
            throw new CudaException(rc, op, text);
        }
    }

    private static void checkNvrtc(int rc, String op, String log) {
        if (rc != nvrtc.NVRTC_SUCCESS) {
            throw new CudaException(rc, op, nvrtc.nvrtcGetErrorString(rc).getString()
                    + (log == null || log.isEmpty() ? "" : "\n" + log));
        }
    }
}
