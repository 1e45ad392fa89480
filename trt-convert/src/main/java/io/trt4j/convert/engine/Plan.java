package io.trt4j.convert.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A serialized TensorRT engine (a "plan") and how it was obtained. The bytes run only on the TensorRT version and GPU
 * architecture they were built for (see {@link #tensorRtVersion()} and {@link #device()}).
 *
 * <p>Thread-safety: immutable as long as nobody writes into {@link #bytes()} (which is not copied, plans are large).
 *
 * @param bytes the plan, as {@code IHostMemory} held it
 * @param buildTime time spent in TensorRT's builder (parse + build), zero for a cache hit
 * @param fromCache whether the plan came from the engine cache rather than a build
 * @param cacheKey the engine-cache key of the model and configuration (hex SHA-256)
 * @param tensorRtVersion TensorRT version that built the plan, like {@code 10.15.1}
 * @param device GPU the plan was built on, like {@code NVIDIA H100 80GB HBM3 (sm_90)}
 */
public record Plan(byte[] bytes, Duration buildTime, boolean fromCache, String cacheKey, String tensorRtVersion,
                   String device) {
    public Plan {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(buildTime, "buildTime");
        Objects.requireNonNull(cacheKey, "cacheKey");
        Objects.requireNonNull(tensorRtVersion, "tensorRtVersion");
        Objects.requireNonNull(device, "device");
    }

    /** Plan size in bytes. */
    public int size() {
        return bytes.length;
    }

    /**
     * Writes the plan to a {@code .plan} file.
     *
     * @throws IOException if the file cannot be written
     */
    public void writeTo(Path file) throws IOException {
        Files.write(file, bytes);
    }

    @Override
    public String toString() {
        return "Plan[" + bytes.length + " bytes, " + (fromCache ? "from cache" : "built in " + buildTime.toMillis()
                + " ms") + ", TensorRT " + tensorRtVersion + ", " + device + ", key " + cacheKey + "]";
    }
}
