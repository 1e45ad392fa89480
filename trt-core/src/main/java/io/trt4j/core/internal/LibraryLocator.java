package io.trt4j.core.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the directories that may hold the CUDA and TensorRT shared libraries, in search order:
 * <ol>
 *   <li>{@code -Dtrt4j.tensorrt.home} and env {@code TRT4J_TENSORRT_HOME} (the folder itself and its {@code lib}),</li>
 *   <li>the {@code tensorrt_libs} folder of a pip install ({@code pip install tensorrt}), and the {@code nvidia/...}
 *       CUDA library folders pip installs next to it, in the site-packages of
 *       each {@code python3*} found on {@code PATH}, of {@code ~/.local} and of the usual system prefixes,</li>
 *   <li>{@code LD_LIBRARY_PATH}, {@code java.library.path}, {@code CUDA_HOME}/{@code CUDA_PATH}, and the system
 *       library folders ({@code /usr/lib/x86_64-linux-gnu}, {@code /usr/local/cuda/lib64}, ...).</li>
 * </ol>
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class LibraryLocator {
    /** System property naming a TensorRT install (folder with libnvinfer.so.10, or with lib/). */
    public static final String HOME_PROPERTY = "trt4j.tensorrt.home";
    /** Environment variable naming a TensorRT install. */
    public static final String HOME_ENV = "TRT4J_TENSORRT_HOME";

    private LibraryLocator() {
    }

    /** Candidate folders, de-duplicated, in search order (they need not exist). */
    public static List<Path> searchPath() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String home : new String[] {System.getProperty(HOME_PROPERTY), System.getenv(HOME_ENV)}) {
            if (home != null && !home.isBlank()) {
                Path p = Paths.get(home.trim());
                dirs.add(p);
                dirs.add(p.resolve("lib"));
                dirs.add(p.resolve("lib64"));
            }
        }
        dirs.addAll(pipTensorRtDirs());
        addPathList(dirs, System.getenv("LD_LIBRARY_PATH"));
        addPathList(dirs, System.getProperty("java.library.path"));
        for (String env : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                dirs.add(Paths.get(v.trim(), "lib64"));
                dirs.add(Paths.get(v.trim(), "lib"));
            }
        }
        for (String s : new String[] {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/usr/local/tensorrt/lib", "/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib",
                "/usr/local/cuda/compat", "/usr/lib/wsl/lib"}) {
            dirs.add(Paths.get(s));
        }
        return new ArrayList<>(dirs);
    }

    /** The first file named {@code fileName} in {@code dirs}, or null. */
    public static Path find(List<Path> dirs, String fileName) {
        for (Path d : dirs) {
            Path f = d.resolve(fileName);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    private static void addPathList(Set<Path> dirs, String list) {
        if (list == null) {
            return;
        }
        for (String s : list.split(java.io.File.pathSeparator)) {
            if (!s.isBlank()) {
                dirs.add(Paths.get(s.trim()));
            }
        }
    }

    /** {@code tensorrt_libs} folders of pip installs (scanning site-packages; no process is started). */
    static List<Path> pipTensorRtDirs() {
        Set<Path> prefixes = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String s : path.split(java.io.File.pathSeparator)) {
                if (s.isBlank()) {
                    continue;
                }
                Path bin = Paths.get(s.trim());
                if (hasPython(bin) && bin.getParent() != null) {
                    prefixes.add(bin.getParent());
                }
            }
        }
        String venv = System.getenv("VIRTUAL_ENV");
        if (venv != null && !venv.isBlank()) {
            prefixes.add(Paths.get(venv.trim()));
        }
        String userHome = System.getProperty("user.home");
        if (userHome != null) {
            prefixes.add(Paths.get(userHome, ".local"));
        }
        prefixes.add(Paths.get("/usr/local"));
        prefixes.add(Paths.get("/usr"));
        prefixes.add(Paths.get("/opt/conda"));
        List<Path> out = new ArrayList<>();
        for (Path prefix : prefixes) {
            for (String libDir : new String[] {"lib", "lib64"}) {
                Path lib = prefix.resolve(libDir);
                if (!Files.isDirectory(lib)) {
                    continue;
                }
                try (DirectoryStream<Path> pythons = Files.newDirectoryStream(lib, "python3*")) {
                    for (Path py : pythons) {
                        for (String pkgs : new String[] {"site-packages", "dist-packages"}) {
                            Path site = py.resolve(pkgs);
                            Path trt = site.resolve("tensorrt_libs");
                            if (Files.isDirectory(trt)) {
                                out.add(trt);
                            }
                            for (String nv : new String[] {"cu13/lib", "cuda_runtime/lib", "cublas/lib", "cudnn/lib",
                                    "cuda_nvrtc/lib"}) {
                                Path lib2 = site.resolve("nvidia").resolve(nv);
                                if (Files.isDirectory(lib2)) {
                                    out.add(lib2);
                                }
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // unreadable folder: not a candidate
                }
            }
            Path debian = prefix.resolve("lib/python3/dist-packages/tensorrt_libs");
            if (Files.isDirectory(debian)) {
                out.add(debian);
            }
        }
        return out;
    }

    private static boolean hasPython(Path bin) {
        if (!Files.isDirectory(bin)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(bin, "python3*")) {
            return s.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the dynamic linker's cache ({@code /etc/ld.so.cache}) names {@code soname}. */
    public static boolean inLinkerCache(String soname) {
        try {
            byte[] cache = Files.readAllBytes(Paths.get("/etc/ld.so.cache"));
            byte[] needle = soname.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            outer:
            for (int i = 0; i + needle.length <= cache.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (cache[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether this JVM runs on Linux (the only platform trt4j loads natives on for now). */
    public static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
}
