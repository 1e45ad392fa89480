package io.trt4j.image.gpu.internal;

import io.trt4j.image.gpu.GpuPreprocessingException;
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

/**
 * Thin checked wrappers over the CUDA runtime/driver and NVRTC calls the GPU path needs; every non-success status
 * becomes a {@link GpuPreprocessingException} naming the call. Device pointers and stream handles travel as
 * {@code long}. Works on the calling thread's current device (the runtime's primary context).
 *
 * <p>Thread-safety: stateless; CUDA's own rules apply to the handles passed in.
 */
public final class Cuda {
    private Cuda() {
    }

    /**
     * Loads the CUDA presets and checks for a device; returns null if usable, else the reason. Never throws, also not
     * linkage errors.
     */
    public static String unavailableReason() {
        try {
            Loader.load(cudart.class);
            int[] count = {0};
            int rc = cudart.cudaGetDeviceCount(count);
            if (rc != cudart.cudaSuccess) {
                return "cudaGetDeviceCount failed: " + rc + " " + cudart.cudaGetErrorString(rc).getString();
            }
            if (count[0] == 0) {
                return "no CUDA device";
            }
            Loader.load(nvrtc.class);
            return null;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            return "CUDA/NVRTC libraries not loadable: " + t;
        }
    }

    /** Makes sure the current device's primary context exists and is current. */
    public static void initContext() {
        checkRt(cudart.cudaFree(null), "cudaFree(0)");
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
        } catch (GpuPreprocessingException e) {
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
            PointerPointer<BytePointer> opts = new PointerPointer<>(arch, "--std=c++14");
            int rc = nvrtc.nvrtcCompileProgram(prog, 2, opts);
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

    /** cuMemAlloc of {@code bytes}; returns the device address. */
    public static long malloc(long bytes) {
        long[] ptr = {0};
        checkDrv(cudart.cuMemAlloc(ptr, bytes), "cuMemAlloc(" + bytes + ")");
        return ptr[0];
    }

    /** cuMemFree. */
    public static void free(long device) {
        checkDrv(cudart.cuMemFree(device), "cuMemFree");
    }

    /** Synchronous copy of a heap array to the device. */
    public static void copyToDevice(long device, byte[] host) {
        try (BytePointer p = new BytePointer(host)) {
            checkDrv(cudart.cuMemcpyHtoD(device, p, host.length), "cuMemcpyHtoD");
        }
    }

    /** Asynchronous copy of {@code bytes} from a direct buffer (at its position) to the device, on {@code stream}. */
    public static void copyToDeviceAsync(long device, ByteBuffer host, long bytes, long stream) {
        Pointer p = new Pointer((Buffer) host);
        checkDrv(cudart.cuMemcpyHtoDAsync(device, p, bytes, new CUstream_st(handle(stream))), "cuMemcpyHtoDAsync");
    }

    /** Synchronous copy of {@code bytes} from the device into a direct buffer at its position (tests, tools). */
    public static void copyToHost(ByteBuffer host, long device, long bytes) {
        Pointer p = new Pointer((Buffer) host);
        checkDrv(cudart.cuMemcpyDtoH(p, device, bytes), "cuMemcpyDtoH");
    }

    /** A new stream handle (tests, tools). */
    public static long createStream() {
        CUstream_st s = new CUstream_st();
        checkRt(cudart.cudaStreamCreate(s), "cudaStreamCreate");
        return s.address();
    }

    /** Waits for {@code stream}. */
    public static void synchronize(long stream) {
        checkRt(cudart.cudaStreamSynchronize(new CUstream_st(handle(stream))), "cudaStreamSynchronize");
    }

    /** Destroys a stream from {@link #createStream()}. */
    public static void destroyStream(long stream) {
        checkRt(cudart.cudaStreamDestroy(new CUstream_st(handle(stream))), "cudaStreamDestroy");
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
    private static Pointer handle(long address) {
        return new Pointer() {
            {
                this.address = address;
            }
        };
    }

    private static void checkRt(int rc, String op) {
        if (rc != cudart.cudaSuccess) {
            throw new GpuPreprocessingException(op, rc, cudart.cudaGetErrorString(rc).getString());
        }
    }

    private static void checkDrv(int rc, String op) {
        if (rc != cudart.CUDA_SUCCESS) {
            PointerPointer<BytePointer> out = new PointerPointer<>(1);
            String text = cudart.cuGetErrorString(rc, out) == cudart.CUDA_SUCCESS && out.get(0) != null
                    ? out.getString(0) : "CUresult " + rc;
            throw new GpuPreprocessingException(op, rc, text);
        }
    }

    private static void checkNvrtc(int rc, String op, String log) {
        if (rc != nvrtc.NVRTC_SUCCESS) {
            throw new GpuPreprocessingException(op, rc, nvrtc.nvrtcGetErrorString(rc).getString()
                    + (log == null || log.isEmpty() ? "" : "\n" + log));
        }
    }
}
