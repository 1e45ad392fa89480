package io.trt4j.convert.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything {@link EngineBuilder} needs besides the ONNX model, validated on construction.
 *
 * <p>Thread-safety: immutable (the {@link Calibrator}, if any, is used by one build at a time).
 *
 * @param precision arithmetic allowed in the engine
 * @param calibrator INT8 calibration data: required for {@link Precision#INT8}, forbidden otherwise
 * @param calibrationCache file TensorRT's calibration table is read from (if present) and written to; INT8 only;
 *     may be null
 * @param profiles optimization profiles, each naming the same inputs; empty for a fully static network
 * @param workspaceBytes limit of TensorRT's scratch memory pool ({@code kWORKSPACE}); 0 for TensorRT's default (the
 *     device's memory)
 * @param timingCache file of TensorRT's kernel timing cache, loaded if it exists and saved after a build; may be null
 * @param engineCacheDir folder of built plans, keyed by {@link EngineBuilder#cacheKey()}; may be null
 * @param maxAuxStreams auxiliary CUDA streams the engine may use, or -1 for TensorRT's heuristic
 * @param builderOptimizationLevel 0 (fast build) to 5 (slow build, fastest engine), or -1 for TensorRT's default (3)
 */
public record EngineConfig(
        Precision precision,
        Calibrator calibrator,
        Path calibrationCache,
        List<OptimizationProfile> profiles,
        long workspaceBytes,
        Path timingCache,
        Path engineCacheDir,
        int maxAuxStreams,
        int builderOptimizationLevel) {

    /** Highest builder optimization level TensorRT 10 accepts. */
    public static final int MAX_OPTIMIZATION_LEVEL = 5;

    public EngineConfig {
        if (precision == null) {
            throw new IllegalArgumentException("precision is null");
        }
        profiles = List.copyOf(profiles);
        if (precision == Precision.INT8 && calibrator == null) {
            throw new IllegalArgumentException("INT8 needs a Calibrator: TensorRT 10 calibrates INT8 scales on "
                    + "representative data (use EngineBuilder.int8(calibrator))");
        }
        if (precision != Precision.INT8 && calibrator != null) {
            throw new IllegalArgumentException("a Calibrator is only used with INT8 precision, not " + precision);
        }
        if (precision != Precision.INT8 && calibrationCache != null) {
            throw new IllegalArgumentException("a calibration cache is only used with INT8 precision, not "
                    + precision);
        }
        if (workspaceBytes < 0) {
            throw new IllegalArgumentException("workspace is " + workspaceBytes + " bytes: it must be >= 0 (0: "
                    + "TensorRT's default)");
        }
        if (maxAuxStreams < -1) {
            throw new IllegalArgumentException("maxAuxStreams is " + maxAuxStreams + ": it must be >= 0, or -1 for "
                    + "TensorRT's heuristic");
        }
        if (builderOptimizationLevel < -1 || builderOptimizationLevel > MAX_OPTIMIZATION_LEVEL) {
            throw new IllegalArgumentException("builderOptimizationLevel is " + builderOptimizationLevel
                    + ": it must be in 0.." + MAX_OPTIMIZATION_LEVEL + ", or -1 for TensorRT's default");
        }
        checkProfilesAgree(profiles);
    }

    /** TF32, no profiles, no caches, TensorRT's defaults for workspace, auxiliary streams and optimization level. */
    public static EngineConfig defaults() {
        return new EngineConfig(Precision.TF32, null, null, List.of(), 0, null, null, -1, -1);
    }

    private static void checkProfilesAgree(List<OptimizationProfile> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        Set<String> first = inputs(profiles.get(0));
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < profiles.size(); i++) {
            Set<String> names = inputs(profiles.get(i));
            if (!names.equals(first)) {
                throw new IllegalArgumentException("optimization profile " + i + " names inputs " + names
                        + " but profile 0 names " + first + ": every profile covers the same inputs");
            }
            for (ShapeRange r : profiles.get(i).ranges()) {
                Integer rank = ranks.putIfAbsent(r.input(), r.min().rank());
                if (rank != null && rank != r.min().rank()) {
                    throw new IllegalArgumentException("input '" + r.input() + "' has rank " + rank
                            + " in one profile and " + r.min().rank() + " in profile " + i);
                }
            }
        }
    }

    private static Set<String> inputs(OptimizationProfile p) {
        return p.ranges().stream().map(ShapeRange::input).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A copy with another precision; leaving INT8 drops the calibrator and its cache. */
    public EngineConfig withPrecision(Precision p) {
        return p == Precision.INT8
                ? new EngineConfig(p, calibrator, calibrationCache, profiles, workspaceBytes, timingCache,
                        engineCacheDir, maxAuxStreams, builderOptimizationLevel)
                : new EngineConfig(p, null, null, profiles, workspaceBytes, timingCache, engineCacheDir,
                        maxAuxStreams, builderOptimizationLevel);
    }

    /** A copy with INT8 precision, the calibrator and (nullable) calibration cache file. */
    public EngineConfig withInt8(Calibrator c, Path cache) {
        return new EngineConfig(Precision.INT8, c, cache, profiles, workspaceBytes, timingCache, engineCacheDir,
                maxAuxStreams, builderOptimizationLevel);
    }

    /** A copy with one more optimization profile. */
    public EngineConfig withProfile(OptimizationProfile profile) {
        List<OptimizationProfile> more = new ArrayList<>(profiles);
        more.add(profile);
        return new EngineConfig(precision, calibrator, calibrationCache, more, workspaceBytes, timingCache,
                engineCacheDir, maxAuxStreams, builderOptimizationLevel);
    }

    /** A copy with another workspace limit. */
    public EngineConfig withWorkspaceBytes(long bytes) {
        return new EngineConfig(precision, calibrator, calibrationCache, profiles, bytes, timingCache, engineCacheDir,
                maxAuxStreams, builderOptimizationLevel);
    }

    /** A copy with another timing-cache file (null: none). */
    public EngineConfig withTimingCache(Path file) {
        return new EngineConfig(precision, calibrator, calibrationCache, profiles, workspaceBytes, file,
                engineCacheDir, maxAuxStreams, builderOptimizationLevel);
    }

    /** A copy with another engine-cache folder (null: none). */
    public EngineConfig withEngineCacheDir(Path dir) {
        return new EngineConfig(precision, calibrator, calibrationCache, profiles, workspaceBytes, timingCache, dir,
                maxAuxStreams, builderOptimizationLevel);
    }

    /** A copy with another auxiliary-stream limit. */
    public EngineConfig withMaxAuxStreams(int streams) {
        return new EngineConfig(precision, calibrator, calibrationCache, profiles, workspaceBytes, timingCache,
                engineCacheDir, streams, builderOptimizationLevel);
    }

    /** A copy with another builder optimization level. */
    public EngineConfig withBuilderOptimizationLevel(int level) {
        return new EngineConfig(precision, calibrator, calibrationCache, profiles, workspaceBytes, timingCache,
                engineCacheDir, maxAuxStreams, level);
    }

    /**
     * A canonical text of every setting that changes the built engine (not the cache locations): part of the
     * engine-cache key. Stable across runs and JVMs.
     */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder("precision=").append(precision);
        sb.append(";profiles=");
        for (OptimizationProfile p : profiles) {
            sb.append('{');
            p.ranges().stream().sorted((a, b) -> a.input().compareTo(b.input()))
                    .forEach(r -> sb.append(r.input()).append(':').append(r.min()).append(r.opt()).append(r.max())
                            .append(';'));
            sb.append('}');
        }
        sb.append(";workspace=").append(workspaceBytes);
        sb.append(";auxStreams=").append(maxAuxStreams);
        sb.append(";optLevel=").append(builderOptimizationLevel);
        if (calibrator != null) {
            sb.append(";calibration=").append(calibrator.fingerprint());
        }
        return sb.toString();
    }
}
