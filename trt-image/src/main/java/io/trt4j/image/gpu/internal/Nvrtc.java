package io.trt4j.image.gpu.internal;

import io.trt4j.core.cuda.CudaException;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.nio.charset.StandardCharsets;

/**
 * Compiles CUDA C with NVRTC for one compute capability: a CUBIN for {@code sm_XX}, or PTX for {@code compute_XX}
 * where this NVRTC does not know the real architecture. NVRTC statuses become {@link CudaException} with the compile
 * log. Needs NVRTC loaded ({@link Cuda#unavailableReason()} is null).
 *
 * <p>Thread-safety: stateless; NVRTC programs are per call.
 */
public final class Nvrtc {
    private Nvrtc() {
    }

    /** A compiled kernel image and what it was compiled for. */
    public record Image(byte[] bytes, String target, String compiler) {
        /** Like {@code sm_90 CUBIN (5312 bytes, NVRTC 13.0)}. */
        public String describe() {
            return target + " (" + bytes.length + " bytes, " + compiler + ")";
        }
    }

    /** {@code NVRTC major.minor}, or why it is unknown. */
    public static String version() {
        try {
            int[] major = {0};
            int[] minor = {0};
            int rc = nvrtc.nvrtcVersion(major, minor);
            return rc == nvrtc.NVRTC_SUCCESS ? "NVRTC " + major[0] + "." + minor[0] : "NVRTC version unknown (" + rc + ")";
        } catch (Throwable t) {
            return "NVRTC version unknown (" + t + ")";
        }
    }

    /**
     * Compiles {@code source} for compute capability {@code major.minor}: CUBIN for {@code sm_<major><minor>}, falling
     * back to PTX for {@code compute_<major><minor>} if NVRTC rejects the real architecture.
     *
     * @throws CudaException naming the NVRTC call, with the compile log
     */
    public static Image compile(String source, String programName, int major, int minor) {
        String cc = "" + major + minor;
        String compiler = version();
        try {
            return new Image(compile(source, programName, "--gpu-architecture=sm_" + cc, true), "sm_" + cc + " CUBIN",
                    compiler);
        } catch (CudaException cubinFailed) {
            try {
                return new Image(compile(source, programName, "--gpu-architecture=compute_" + cc, false),
                        "compute_" + cc + " PTX (no CUBIN: " + cubinFailed.getMessage() + ")", compiler);
            } catch (CudaException ptxFailed) {
                ptxFailed.addSuppressed(cubinFailed);
                throw ptxFailed;
            }
        }
    }

    private static byte[] compile(String source, String name, String arch, boolean cubin) {
        _nvrtcProgram prog = new _nvrtcProgram();
        try (BytePointer src = new BytePointer(source); BytePointer programName = new BytePointer(name)) {
            check(nvrtc.nvrtcCreateProgram(prog, src, programName, 0, (PointerPointer<?>) null,
                    (PointerPointer<?>) null), "nvrtcCreateProgram", null);
        }
        try (PointerPointer<BytePointer> opts = new PointerPointer<>(arch); SizeTPointer size = new SizeTPointer(1)) {
            int rc = nvrtc.nvrtcCompileProgram(prog, 1, opts);
            if (rc != nvrtc.NVRTC_SUCCESS) {
                check(rc, "nvrtcCompileProgram(" + arch + ")", log(prog));
            }
            if (cubin) {
                check(nvrtc.nvrtcGetCUBINSize(prog, size), "nvrtcGetCUBINSize(" + arch + ")", null);
                byte[] out = new byte[(int) size.get()];
                check(nvrtc.nvrtcGetCUBIN(prog, out), "nvrtcGetCUBIN(" + arch + ")", null);
                return out;
            }
            check(nvrtc.nvrtcGetPTXSize(prog, size), "nvrtcGetPTXSize(" + arch + ")", null);
            byte[] out = new byte[(int) size.get()]; // includes the terminating NUL the loader needs
            check(nvrtc.nvrtcGetPTX(prog, out), "nvrtcGetPTX(" + arch + ")", null);
            return out;
        } finally {
            nvrtc.nvrtcDestroyProgram(prog);
        }
    }

    private static String log(_nvrtcProgram prog) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            if (nvrtc.nvrtcGetProgramLogSize(prog, size) != nvrtc.NVRTC_SUCCESS || size.get() <= 1) {
                return "";
            }
            byte[] log = new byte[(int) size.get()];
            nvrtc.nvrtcGetProgramLog(prog, log);
            return new String(log, 0, log.length - 1, StandardCharsets.UTF_8);
        }
    }

    private static void check(int rc, String op, String log) {
        if (rc != nvrtc.NVRTC_SUCCESS) {
            throw new CudaException(rc, op, nvrtc.nvrtcGetErrorString(rc).getString()
                    + (log == null || log.isEmpty() ? "" : "\n" + log));
        }
    }
}
