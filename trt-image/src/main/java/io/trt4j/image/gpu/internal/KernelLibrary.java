package io.trt4j.image.gpu.internal;

import io.trt4j.core.cuda.CudaException;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUkern_st;
import org.bytedeco.cuda.cudart.CUlib_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudart.dim3;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kernel loaded through the CUDA runtime's library API ({@code cudaLibraryLoadData}, {@code cudaLibraryGetKernel},
 * {@code cudaLaunchKernel}, {@code cudaLibraryUnload}). A library is context-independent: the runtime loads it into
 * the primary context of whichever device is current at launch, the same context trt-core's streams and buffers live
 * in, so no driver-API context handling is needed on any thread. Should a runtime refuse the kernel handle in
 * {@code cudaLaunchKernel} (invalid device function or resource handle), the same {@code CUkernel} is launched with
 * {@code cuLaunchKernel} in the current (primary) context instead, and that path is kept, with one warning. Failures throw {@link CudaException} whose text
 * carries {@link #describe(long)}: handles, devices, contexts at load and now, the stream's device and context, the
 * image's target, driver/runtime versions and the module loading mode.
 *
 * <p>Thread-safety: {@link #launch} may be called from several threads (CUDA orders work per stream);
 * {@link #unload()} must not race a launch. Unloading is idempotent; a later launch throws
 * {@link IllegalStateException}.
 */
public final class KernelLibrary {
    private final CUlib_st library;
    private final CUkern_st kernel;
    private final String entry;
    private final Nvrtc.Image image;
    private final int device;
    private final long contextAtLoad;
    private static final Logger LOG = LoggerFactory.getLogger(KernelLibrary.class);

    private volatile boolean unloaded;
    private volatile boolean driverLaunch;

    private KernelLibrary(CUlib_st library, CUkern_st kernel, String entry, Nvrtc.Image image, int device,
                          long contextAtLoad) {
        this.library = library;
        this.kernel = kernel;
        this.entry = entry;
        this.image = image;
        this.device = device;
        this.contextAtLoad = contextAtLoad;
    }

    /**
     * Compiles {@code source} for the current device and loads {@code entry} from it.
     *
     * @throws CudaException if compilation or loading fails (the message says what was loaded where)
     */
    public static KernelLibrary compileAndLoad(String source, String programName, String entry) {
        check(cudart.cudaFree(null), "cudaFree(0) (runtime initialization)", null); // primary context now exists
        int[] dev = {0};
        check(cudart.cudaGetDevice(dev), "cudaGetDevice", null);
        int[] major = {0};
        int[] minor = {0};
        check(cudart.cudaDeviceGetAttribute(major, cudart.cudaDevAttrComputeCapabilityMajor, dev[0]),
                "cudaDeviceGetAttribute(major)", null);
        check(cudart.cudaDeviceGetAttribute(minor, cudart.cudaDevAttrComputeCapabilityMinor, dev[0]),
                "cudaDeviceGetAttribute(minor)", null);
        Nvrtc.Image image = Nvrtc.compile(source, programName, major[0], minor[0]);
        return load(image, entry);
    }

    /**
     * Loads a compiled image (CUBIN, PTX or fatbin) and finds {@code entry} in it.
     *
     * @throws CudaException if the runtime rejects the image or has no such kernel
     */
    public static KernelLibrary load(Nvrtc.Image image, String entry) {
        int device = Cuda.currentDeviceOrMinusOne();
        long context = Cuda.currentContext();
        String where = " [" + image.describe() + " on device " + device + ", context " + Handles.hex(context) + "; "
                + Cuda.versions() + "]";
        CUlib_st library = new CUlib_st();
        try (BytePointer data = new BytePointer(image.bytes())) { // the runtime keeps its own copy
            check(cudart.cudaLibraryLoadData(library, data, (IntPointer) null, (PointerPointer<?>) null, 0,
                    (IntPointer) null, (PointerPointer<?>) null, 0), "cudaLibraryLoadData", where);
        }
        if (library.isNull()) {
            throw new CudaException(cudart.cudaErrorInvalidResourceHandle, "cudaLibraryLoadData",
                    "returned success but a NULL library" + where);
        }
        CUkern_st kernel = new CUkern_st();
        int rc = cudart.cudaLibraryGetKernel(kernel, library, entry);
        if (rc != cudart.cudaSuccess || kernel.isNull()) {
            cudart.cudaLibraryUnload(library);
            throw new CudaException(rc == cudart.cudaSuccess ? cudart.cudaErrorInvalidResourceHandle : rc,
                    "cudaLibraryGetKernel(" + entry + ")", (rc == cudart.cudaSuccess
                    ? "returned success but a NULL kernel" : Cuda.runtimeErrorText(rc)) + where);
        }
        return new KernelLibrary(library, kernel, entry, image, device, context);
    }

    /** The device that was current at load. */
    public int device() {
        return device;
    }

    /** What the image was compiled for, like {@code sm_90 CUBIN (5312 bytes, NVRTC 13.0)}. */
    public String target() {
        return image.describe();
    }

    /** The {@code cudaLibrary_t} handle value (not 0 while loaded). */
    public long libraryHandle() {
        return library.address();
    }

    /** The {@code cudaKernel_t} handle value (not 0 while loaded). */
    public long kernelHandle() {
        return kernel.address();
    }

    /**
     * {@code cudaLaunchKernel} of the kernel on a {@code blocks x 1 x 1} grid of {@code threadsPerBlock x 1 x 1}
     * blocks on {@code stream} (0: the legacy default stream), no dynamic shared memory. {@code args} point at the
     * parameter values in declaration order; the caller owns them. Falls back to {@code cuLaunchKernel} as the class
     * comment says.
     *
     * @throws CudaException         if the launch is refused, with {@link #describe(long)} in the message
     * @throws IllegalStateException after {@link #unload()}
     */
    public void launch(long blocks, int threadsPerBlock, long stream, Pointer... args) {
        if (unloaded) {
            throw new IllegalStateException("kernel " + entry + " has been unloaded");
        }
        if (blocks < 1 || blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grid of " + blocks + " blocks is out of range for one launch");
        }
        try (PointerPointer<Pointer> params = new PointerPointer<>(args)) {
            if (driverLaunch) {
                int rc = launchThroughDriver((int) blocks, threadsPerBlock, stream, params);
                if (rc != cudart.CUDA_SUCCESS) {
                    throw new CudaException(rc, "cuLaunchKernel(" + entry + ", grid " + blocks + ", block "
                            + threadsPerBlock + ")", Cuda.driverErrorText(rc) + " [" + describe(stream) + "]");
                }
                return;
            }
            int rc;
            try (dim3 grid = new dim3((int) blocks, 1, 1); dim3 block = new dim3(threadsPerBlock, 1, 1)) {
                rc = cudart.cudaLaunchKernel(kernel, grid, block, params, 0, Handles.stream(stream));
            }
            if (rc == cudart.cudaSuccess) {
                return;
            }
            cudart.cudaGetLastError(); // a refused launch is not sticky: keep it from surfacing in unrelated calls
            String op = "cudaLaunchKernel(" + entry + ", grid " + blocks + ", block " + threadsPerBlock + ")";
            if (rc != cudart.cudaErrorInvalidDeviceFunction && rc != cudart.cudaErrorInvalidResourceHandle) {
                throw new CudaException(rc, op, Cuda.runtimeErrorText(rc) + " [" + describe(stream) + "]");
            }
            // The runtime did not take the library kernel handle as a function: the driver launches a CUkernel in
            // the current context (the primary context the runtime just bound), so try that before giving up.
            int drc = launchThroughDriver((int) blocks, threadsPerBlock, stream, params);
            if (drc != cudart.CUDA_SUCCESS) {
                throw new CudaException(rc, op, Cuda.runtimeErrorText(rc) + "; cuLaunchKernel of the same kernel "
                        + "failed too: " + Cuda.driverErrorText(drc) + " [" + describe(stream) + "]");
            }
            driverLaunch = true;
            LOG.warn("cudaLaunchKernel refused the library kernel handle ({}), cuLaunchKernel took it; launching "
                    + "{} through the driver API from now on [{}]", Cuda.runtimeErrorText(rc), entry,
                    describe(stream));
        }
    }

    private int launchThroughDriver(int blocks, int threadsPerBlock, long stream, PointerPointer<Pointer> params) {
        return cudart.cuLaunchKernel(new CUfunc_st(kernel), blocks, 1, 1, threadsPerBlock, 1, 1, 0,
                Handles.stream(stream), params, (PointerPointer<?>) null);
    }

    /**
     * Unloads the library; idempotent. Returns null on success, else what went wrong (never throws: a library that
     * cannot be unloaded goes with the process).
     */
    public String unload() {
        if (unloaded) {
            return null;
        }
        unloaded = true;
        try {
            int rc = cudart.cudaLibraryUnload(library);
            return rc == cudart.cudaSuccess ? null : "cudaLibraryUnload failed with CUDA error " + rc + " ("
                    + Cuda.runtimeErrorText(rc) + ") [" + describe(0) + "]";
        } catch (Throwable t) {
            return "cudaLibraryUnload failed: " + t;
        }
    }

    /**
     * Everything a GPU log needs to tell causes of a failed launch apart, queried now; never throws. Like
     * {@code library 0x.. kernel 0x.. (sm_90 CUBIN ...); loaded on device 0 in context 0x..; now device 0, context
     * 0x..; stream 0x.. on device 0 in context 0x..; kernel binary version 90; driver CUDA 13.0, runtime CUDA 13.0,
     * module loading LAZY}.
     */
    public String describe(long stream) {
        StringBuilder sb = new StringBuilder();
        sb.append("library ").append(Handles.hex(library.address())).append(" kernel ")
                .append(Handles.hex(kernel.address())).append(' ').append(entry).append(" (").append(image.describe())
                .append(unloaded ? ", unloaded" : "").append(driverLaunch ? ", launched through the driver API" : "")
                .append("); loaded on device ").append(device)
                .append(" in context ").append(Handles.hex(contextAtLoad));
        long now = Cuda.currentContext();
        sb.append("; now device ").append(Cuda.currentDeviceOrMinusOne()).append(", context ").append(Handles.hex(now));
        sb.append("; stream ").append(Handles.hex(stream));
        try {
            CUstream_st s = Handles.stream(stream);
            int[] d = {-1};
            int rc = cudart.cudaStreamGetDevice(s, d);
            sb.append(rc == cudart.cudaSuccess ? " on device " + d[0] : " (cudaStreamGetDevice: "
                    + Cuda.runtimeErrorText(rc) + ")");
            CUctx_st ctx = new CUctx_st();
            rc = cudart.cuStreamGetCtx(s, ctx);
            sb.append(rc == cudart.CUDA_SUCCESS ? " in context " + Handles.hex(ctx.address())
                    + (ctx.address() == now ? "" : " (not the current context)")
                    : " (cuStreamGetCtx: " + Cuda.driverErrorText(rc) + ")");
        } catch (Throwable t) {
            sb.append(" (").append(t).append(')');
        }
        if (!unloaded && device >= 0) {
            try {
                int[] v = {0};
                int rc = cudart.cuKernelGetAttribute(v, cudart.CU_FUNC_ATTRIBUTE_BINARY_VERSION, kernel, device);
                sb.append("; kernel binary version ").append(rc == cudart.CUDA_SUCCESS ? String.valueOf(v[0])
                        : "unknown (" + Cuda.driverErrorText(rc) + ")");
            } catch (Throwable t) {
                sb.append("; kernel binary version unknown (").append(t).append(')');
            }
        }
        return sb.append("; ").append(Cuda.versions()).toString();
    }

    private static void check(int rc, String op, String where) {
        if (rc != cudart.cudaSuccess) {
            throw new CudaException(rc, op, Cuda.runtimeErrorText(rc) + (where == null ? "" : where));
        }
    }
}
