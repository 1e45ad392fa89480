package io.trt4j.convert.engine;

import com.google.protobuf.MessageLite;
import io.trt4j.convert.engine.internal.BuildEnvironment;
import io.trt4j.convert.engine.internal.NativePlanBuilder;
import io.trt4j.convert.onnx.OnnxModel;
import io.trt4j.core.Engine;
import io.trt4j.core.EngineLoadException;
import io.trt4j.core.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a TensorRT engine (plan) from an ONNX model with TensorRT's ONNX parser.
 *
 * <pre>{@code
 * Plan plan = EngineBuilder.fromOnnx(new TfToOnnxConverter().convert(frozenGraph))
 *         .precision(Precision.FP16)
 *         .profile("input:0", Shape.of(1, 224, 224, 3), Shape.of(8, 224, 224, 3), Shape.of(32, 224, 224, 3))
 *         .workspace(1L << 30)
 *         .timingCache(Path.of("build/timing.cache"))
 *         .engineCache(Path.of("build/engines"))
 *         .build();
 * }</pre>
 *
 * <p>Each configuration method returns a new builder (keep the result: {@code b.profile(...)} alone changes
 * nothing; the class is annotated {@code @CheckReturnValue} so that IDEs and Error Prone flag that); a builder holds the ONNX bytes (shared, never modified) and an
 * {@link EngineConfig}, validated as it is made. TensorRT objects (builder, network, parser, config, profiles,
 * timing cache, calibrator) exist only inside {@link #build()} and are freed on every path. Without a usable GPU,
 * {@link #build()} throws {@link io.trt4j.core.GpuUnavailableException} with the diagnosis.
 *
 * <p>Engine cache: with {@link #engineCache(Path)}, the plan is stored as {@code <dir>/<key>.plan}, where the key
 * ({@link #cacheKey()}) is the SHA-256 of the ONNX bytes, {@link EngineConfig#fingerprint()}, the TensorRT version
 * and the GPU's name and compute capability; a later build with the same key reads the file instead of building.
 *
 * <p>Thread-safety: immutable and thread-safe; concurrent {@link #build()} calls each use their own TensorRT
 * objects (a shared {@link Calibrator} must then be thread-safe).
 */
@com.google.errorprone.annotations.CheckReturnValue
public final class EngineBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBuilder.class);

    private final byte[] onnx;
    private final String modelName;
    private final EngineConfig config;

    private EngineBuilder(byte[] onnx, String modelName, EngineConfig config) {
        this.onnx = onnx;
        this.modelName = modelName;
        this.config = config;
    }

    /** A builder for serialized ONNX bytes (not copied: do not modify them afterwards), with the default config. */
    public static EngineBuilder fromOnnx(byte[] onnx) {
        Objects.requireNonNull(onnx, "onnx");
        if (onnx.length == 0) {
            throw new IllegalArgumentException("the ONNX model is empty (0 bytes)");
        }
        return new EngineBuilder(onnx, "the ONNX model (" + onnx.length + " bytes)", EngineConfig.defaults());
    }

    /**
     * A builder for an {@code .onnx} file (external-data files are not supported: weights must be inside).
     *
     * @throws IOException if the file cannot be read
     */
    public static EngineBuilder fromOnnx(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the ONNX file " + file + " is empty");
        }
        return new EngineBuilder(bytes, file.toString(), EngineConfig.defaults());
    }

    /** A builder for an ONNX {@code ModelProto} message. */
    public static EngineBuilder fromOnnx(MessageLite model) {
        return fromOnnx(model.toByteArray());
    }

    /** A builder for a model converted from TensorFlow ({@link io.trt4j.convert.onnx.TfToOnnxConverter}). */
    public static EngineBuilder fromOnnx(OnnxModel model) {
        byte[] bytes = model.toByteArray();
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the ONNX model is empty (0 bytes)");
        }
        return new EngineBuilder(bytes, "the converted model " + model.inputs().stream().map(s -> s.name())
                .toList() + " -> " + model.outputs().stream().map(s -> s.name()).toList(), EngineConfig.defaults());
    }

    /** A builder for anything that serializes to ONNX, such as {@code someModel::toByteArray}. */
    public static EngineBuilder fromOnnx(OnnxSource source) {
        return fromOnnx(source.toByteArray());
    }

    /** The ONNX bytes (package-private: tests check what a source produced). */
    byte[] onnxBytes() {
        return onnx;
    }

    /** The configuration so far. */
    public EngineConfig config() {
        return config;
    }

    /** The same model with another configuration. */
    public EngineBuilder config(EngineConfig newConfig) {
        return new EngineBuilder(onnx, modelName, Objects.requireNonNull(newConfig, "config"));
    }

    /**
     * The arithmetic the engine may use (default {@link Precision#TF32}).
     *
     * @throws IllegalArgumentException for {@link Precision#INT8}, which needs data: use {@link #int8(Calibrator)}
     */
    public EngineBuilder precision(Precision precision) {
        Objects.requireNonNull(precision, "precision");
        return config(config.withPrecision(precision));
    }

    /** INT8 precision calibrated on {@code calibrator}'s data (TensorRT's entropy calibrator 2). */
    public EngineBuilder int8(Calibrator calibrator) {
        return int8(calibrator, null);
    }

    /**
     * INT8 precision calibrated on {@code calibrator}'s data, with the calibration table read from
     * {@code calibrationCache} when it exists (skipping calibration) and written there after calibrating.
     */
    public EngineBuilder int8(Calibrator calibrator, Path calibrationCache) {
        Objects.requireNonNull(calibrator, "calibrator");
        return config(config.withInt8(calibrator, calibrationCache));
    }

    /**
     * Adds an optimization profile for a single-input network (call again for more profiles): shapes are in the
     * network's layout (NHWC for converted TensorFlow models), like {@code [1,224,224,3] .. [32,224,224,3]}.
     *
     * @throws IllegalArgumentException unless min &lt;= opt &lt;= max in every dimension, with equal ranks
     */
    public EngineBuilder profile(String input, Shape min, Shape opt, Shape max) {
        return profile(OptimizationProfile.of(new ShapeRange(input, min, opt, max)));
    }

    /** Adds an optimization profile (one range per dynamic input). */
    public EngineBuilder profile(OptimizationProfile profile) {
        Objects.requireNonNull(profile, "profile");
        return config(config.withProfile(profile));
    }

    /** Limits TensorRT's scratch memory ({@code kWORKSPACE} pool) to {@code bytes}; 0 for TensorRT's default. */
    public EngineBuilder workspace(long bytes) {
        return config(config.withWorkspaceBytes(bytes));
    }

    /** Loads TensorRT's kernel timing cache from {@code file} when it exists, and saves it there after the build. */
    public EngineBuilder timingCache(Path file) {
        return config(config.withTimingCache(Objects.requireNonNull(file, "file")));
    }

    /** Reuses and stores plans in {@code dir}, keyed by {@link #cacheKey()}. */
    public EngineBuilder engineCache(Path dir) {
        return config(config.withEngineCacheDir(Objects.requireNonNull(dir, "dir")));
    }

    /** Limits the auxiliary CUDA streams the engine may run layers on (0: a single stream). */
    public EngineBuilder maxAuxStreams(int streams) {
        return config(config.withMaxAuxStreams(streams));
    }

    /** Builder optimization level: 0 (fast build) to 5 (slowest build, fastest engine); TensorRT's default is 3. */
    public EngineBuilder builderOptimizationLevel(int level) {
        return config(config.withBuilderOptimizationLevel(level));
    }

    /**
     * The engine-cache key of this model and configuration on this machine's TensorRT and GPU.
     *
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU
     */
    public String cacheKey() {
        return cacheKey(BuildEnvironment.current());
    }

    private String cacheKey(BuildEnvironment env) {
        return EngineCacheKey.of(onnx, config, env.tensorRtVersion(), env.device());
    }

    /**
     * Builds the plan, or reads it from the engine cache.
     *
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU, TensorRT or ONNX parser
     * @throws OnnxParseException if TensorRT's ONNX parser rejects the model (lists every parser error)
     * @throws IllegalArgumentException if the profiles do not fit the network's inputs
     * @throws EngineBuildException if TensorRT builds no plan (with its log), or the calibrator fails
     */
    public Plan build() {
        return build(true);
    }

    private Plan build(boolean readCache) {
        BuildEnvironment env = BuildEnvironment.current();
        String key = cacheKey(env);
        Path cached = cacheFile(key);
        if (cached != null && readCache) {
            byte[] bytes = CacheFiles.readIfPresent(cached, "cached plan");
            if (bytes != null && bytes.length > 0) {
                LOG.debug("engine cache hit: {}", cached);
                return new Plan(bytes, Duration.ZERO, true, key, env.tensorRtVersion(), env.device());
            }
        }
        byte[] timingCacheIn = CacheFiles.readIfPresent(config.timingCache(), "timing cache");
        NativePlanBuilder.BuiltPlan built = NativePlanBuilder.build(onnx, modelName, config, env, timingCacheIn);
        if (built.timingCache() != null) {
            CacheFiles.write(config.timingCache(), built.timingCache(), "timing cache");
        }
        if (cached != null) {
            CacheFiles.write(cached, built.bytes(), "engine cache entry");
        }
        return new Plan(built.bytes(), built.buildTime(), false, key, env.tensorRtVersion(), env.device());
    }

    /**
     * Builds (or reads from the engine cache) the plan and loads it. A cached plan that TensorRT refuses (a corrupt
     * file, say) is evicted and rebuilt once.
     *
     * @return the engine, owned by the caller (close it)
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU, TensorRT or ONNX parser
     * @throws OnnxParseException if TensorRT's ONNX parser rejects the model
     * @throws EngineBuildException if TensorRT builds no plan
     * @throws EngineLoadException if a freshly built plan does not load
     */
    public Engine buildEngine() {
        Plan plan = build(true);
        try {
            return Engine.load(plan.bytes());
        } catch (EngineLoadException e) {
            if (!plan.fromCache()) {
                throw e;
            }
            LOG.warn("the cached plan {} does not load ({}); rebuilding it", plan.cacheKey(), e.getMessage());
            return Engine.load(build(false).bytes());
        }
    }

    /** The cache file of {@code key}, or null without an engine cache. */
    private Path cacheFile(String key) {
        Path dir = config.engineCacheDir();
        return dir == null ? null : dir.resolve(key + ".plan");
    }

    /**
     * Removes this model's entry from the engine cache (for instance a plan that no longer loads). No-op without an
     * engine cache.
     *
     * @throws io.trt4j.core.GpuUnavailableException without a usable GPU (the key needs the GPU's identity)
     */
    public void evictFromCache() {
        Path file = cacheFile(cacheKey());
        if (file != null) {
            CacheFiles.delete(file, "engine cache entry");
        }
    }

    @Override
    public String toString() {
        return "EngineBuilder[" + modelName + ", " + config.fingerprint() + "]";
    }
}
