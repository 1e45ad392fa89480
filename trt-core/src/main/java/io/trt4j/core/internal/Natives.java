package io.trt4j.core.internal;

import io.trt4j.core.GpuUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the CUDA runtime and TensorRT once per process and records why they are unusable when they are. Every
 * trt4j method that needs the GPU calls {@link #require()} before touching any JavaCPP class, so a missing library
 * surfaces as {@link GpuUnavailableException} with a diagnosis, never as {@code UnsatisfiedLinkError}.
 *
 * <p>Loading order: preload {@code libcudart.so.13} and {@code libnvinfer.so.10} (plus {@code libnvonnxparser.so.10}
 * and {@code libnvinfer_plugin.so.10} when present) with {@code System.load} from the first folder of
 * {@link LibraryLocator#searchPath()} that holds them, so JavaCPP's JNI libraries resolve them by soname; then
 * {@code Loader.load} the cudart and nvinfer presets; then check driver, devices and the TensorRT version.
 *
 * <p>Thread-safety: thread-safe; loading happens once.
 */
public final class Natives {
    /**
     * Oldest TensorRT accepted by default, as {@code getInferLibVersion()} encodes it (major*10000 + minor*100 +
     * patch): the version of the JavaCPP presets trt4j is built on.
     */
    public static final int MIN_TENSORRT = 101500;

    /**
     * System property that lowers (or raises) the oldest accepted TensorRT, like {@code 10.6}. The presets' JNI
     * only imports entry points that every TensorRT 10 exports, and trt4j calls no API added after 10.6, so older
     * TensorRT 10 libraries work; this is how the GPU tests run where only TensorRT 10.6 can be had (see
     * trt-bench/NOTES.md).
     */
    public static final String MIN_VERSION_PROPERTY = "trt4j.tensorrt.minVersion";

    /** The oldest accepted TensorRT: {@link #MIN_VERSION_PROPERTY} if set, else {@link #MIN_TENSORRT}. */
    static int minimumTensorRt() {
        String text = System.getProperty(MIN_VERSION_PROPERTY);
        if (text == null || text.isBlank()) {
            return MIN_TENSORRT;
        }
        String[] parts = text.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int patch = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            return major * 10000 + minor * 100 + patch;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + MIN_VERSION_PROPERTY + "=" + text + " is not a version like 10.15");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Natives.class);
    private static volatile Status status;

    private Natives() {
    }

    /**
     * The outcome of loading.
     *
     * @param available whether CUDA and TensorRT are usable
     * @param diagnosis why not (or a one-line summary when available)
     * @param tensorRt TensorRT version like {@code 10.15.1}, or {@code unavailable}
     * @param cudaRuntime CUDA runtime version like {@code 13.0}, or {@code unavailable}
     * @param cudaDriver CUDA version the driver supports, like {@code 13.0}, or {@code unavailable}
     * @param deviceCount number of CUDA devices (0 when unavailable)
     */
    public record Status(boolean available, String diagnosis, String tensorRt, String cudaRuntime, String cudaDriver,
                         int deviceCount) {
    }

    /** The loading outcome (loads on first call). */
    public static Status status() {
        Status s = status;
        if (s == null) {
            synchronized (Natives.class) {
                s = status;
                if (s == null) {
                    try {
                        s = load();
                    } catch (Throwable t) {
                        s = unavailable("loading the native libraries failed: " + describe(t), "unavailable",
                                "unavailable", "unavailable");
                    }
                    status = s;
                    if (s.available()) {
                        LOG.debug("trt4j natives: {}", s.diagnosis());
                    } else {
                        LOG.debug("trt4j natives unavailable: {}", s.diagnosis());
                    }
                }
            }
        }
        return s;
    }

    /**
     * Fails unless CUDA and TensorRT are usable.
     *
     * @throws GpuUnavailableException with the diagnosis
     */
    public static void require() {
        Status s = status();
        if (!s.available()) {
            throw new GpuUnavailableException(s.diagnosis());
        }
    }

    private static Status unavailable(String why, String trt, String rt, String drv) {
        return new Status(false, why, trt, rt, drv, 0);
    }

    private static Status load() {
        List<Path> dirs = LibraryLocator.searchPath();
        String looked = "looked in " + dirs.stream().map(Path::toString).collect(Collectors.joining(", "))
                + " (set -D" + LibraryLocator.HOME_PROPERTY + " or " + LibraryLocator.HOME_ENV
                + " to a folder holding libnvinfer.so.10)";
        if (!LibraryLocator.isLinux()) {
            return unavailable("trt4j loads CUDA and TensorRT on Linux x86_64 only; this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    "unavailable", "unavailable", "unavailable");
        }
        Path libcuda = LibraryLocator.find(dirs, "libcuda.so.1");
        Path libcudart = LibraryLocator.find(dirs, "libcudart.so.13");
        List<String> preloadErrors = new ArrayList<>();
        // libcuda.so.1 is left to the dynamic linker (ld.so.cache / LD_LIBRARY_PATH): preloading a copy from a
        // CUDA "compat" folder could mismatch the kernel driver.
        if (libcudart != null) {
            preload(libcudart, preloadErrors);
        }
        try {
            Loader.load(cudart.class);
        } catch (Throwable t) {
            String text = describe(t);
            StringBuilder why = new StringBuilder();
            boolean noDriver = text.contains("libcuda.so")
                    || (libcuda == null && !LibraryLocator.inLinkerCache("libcuda.so.1"));
            boolean noRuntime = text.contains("libcudart")
                    || (libcudart == null && !LibraryLocator.inLinkerCache("libcudart.so.13"));
            if (noDriver) {
                why.append("the NVIDIA driver library libcuda.so.1 was not found (is an NVIDIA driver installed?)");
            }
            if (noRuntime) {
                why.append(noDriver ? "; " : "").append("the CUDA 13 runtime library libcudart.so.13 was not found");
            }
            if (!noDriver && !noRuntime) {
                why.append("the CUDA runtime could not be loaded");
            }
            why.append("; ").append(looked).append("; loader said: ").append(text);
            if (!preloadErrors.isEmpty()) {
                why.append("; preload errors: ").append(String.join("; ", preloadErrors));
            }
            return unavailable(why.toString(), "unavailable", "unavailable", "unavailable");
        }
        int[] v = new int[1];
        int rc = cudart.cudaDriverGetVersion(v);
        String driver = rc == 0 && v[0] > 0 ? cudaVersion(v[0]) : "unavailable";
        v[0] = 0;
        rc = cudart.cudaRuntimeGetVersion(v);
        String runtime = rc == 0 ? cudaVersion(v[0]) : "unavailable";
        int[] n = new int[1];
        rc = cudart.cudaGetDeviceCount(n);
        if (rc != 0) {
            String err = errorText(rc);
            String hint = rc == cudart.cudaErrorInsufficientDriver
                    ? (driver.equals("unavailable") ? "no working NVIDIA driver was found for the CUDA runtime " + runtime
                    : "the NVIDIA driver (supports CUDA " + driver + ") is older than the CUDA runtime " + runtime)
                    : rc == cudart.cudaErrorNoDevice ? "no CUDA-capable device is present"
                    : "the CUDA driver could not be initialized";
            return unavailable(hint + ": cudaGetDeviceCount returned " + rc + " (" + err + "); libcuda.so.1 at "
                    + (libcuda == null ? "the system default path" : libcuda), "unavailable", runtime, driver);
        }
        if (n[0] == 0) {
            return unavailable("no CUDA device found (cudaGetDeviceCount = 0)", "unavailable", runtime, driver);
        }
        for (String dep : new String[] {"libcublasLt.so.13", "libcublas.so.13", "libnvrtc.so.13",
                "libcudnn_graph.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9", "libcudnn_adv.so.9",
                "libcudnn.so.9"}) {
            Path p = LibraryLocator.find(dirs, dep);
            if (p != null) {
                preload(p, preloadErrors);
            }
        }
        Path libnvinfer = LibraryLocator.find(dirs, "libnvinfer.so.10");
        if (libnvinfer != null) {
            preload(libnvinfer, preloadErrors);
            for (String extra : new String[] {"libnvinfer_plugin.so.10", "libnvonnxparser.so.10"}) {
                Path p = libnvinfer.resolveSibling(extra);
                if (java.nio.file.Files.isRegularFile(p)) {
                    preload(p, preloadErrors);
                }
            }
        }
        try {
            Loader.load(nvinfer.class);
        } catch (Throwable t) {
            String missing = missingLibrary(describe(t));
            if (missing != null && !missing.startsWith("libnvinfer")) {
                return unavailable("library " + missing + " was not found; JavaCPP's TensorRT presets also load the "
                        + "CUDA 13 libraries cuBLAS (libcublas.so.13, libcublasLt.so.13), cuDNN 9 (libcudnn*.so.9) and "
                        + "NVRTC (libnvrtc.so.13): install them or add their folder to LD_LIBRARY_PATH; " + looked
                        + "; loader said: " + describe(t), "unavailable", runtime, driver);
            }
            String why = (libnvinfer == null
                    ? "TensorRT library libnvinfer.so.10 was not found"
                    : "TensorRT library " + libnvinfer + " could not be loaded (TensorRT 10.15 or newer is needed)")
                    + "; " + looked + "; loader said: " + describe(t)
                    + (preloadErrors.isEmpty() ? "" : "; preload errors: " + String.join("; ", preloadErrors));
            return unavailable(why, "unavailable", runtime, driver);
        }
        int trt = nvinfer.getInferLibVersion();
        String trtText = (trt / 10000) + "." + (trt / 100 % 100) + "." + (trt % 100);
        int minimum = minimumTensorRt();
        if (trt < minimum || trt >= 110000) {
            return unavailable("TensorRT " + trtText + " found"
                    + (libnvinfer == null ? " on the system library path" : " at " + libnvinfer)
                    + " but trt4j needs TensorRT " + (minimum / 10000) + "." + (minimum / 100 % 100)
                    + " or newer within major version 10; " + looked, trtText, runtime, driver);
        }
        return new Status(true, "TensorRT " + trtText + " (" + (libnvinfer == null ? "system library path" : libnvinfer)
                + "), CUDA runtime " + runtime + ", driver CUDA " + driver + ", " + n[0] + " device(s)",
                trtText, runtime, driver, n[0]);
    }

    /** The library named in a dynamic-linker "cannot open shared object file" message, or null. */
    static String missingLibrary(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("([A-Za-z0-9_+.-]+\\.so[.0-9]*): cannot open shared object file").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static void preload(Path lib, List<String> errors) {
        try {
            System.load(lib.toAbsolutePath().toString());
        } catch (Throwable t) {
            errors.add(lib + ": " + describe(t));
        }
    }

    private static String cudaVersion(int v) {
        return (v / 1000) + "." + (v % 1000 / 10);
    }

    /** {@code cudaGetErrorName: cudaGetErrorString} of a code (natives must be loaded). */
    public static String errorText(int code) {
        try {
            BytePointer name = cudart.cudaGetErrorName(code);
            BytePointer text = cudart.cudaGetErrorString(code);
            return (name == null ? "?" : name.getString()) + ": " + (text == null ? "?" : text.getString());
        } catch (Throwable t) {
            return "error " + code;
        }
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 2000; c = c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString();
    }
}
