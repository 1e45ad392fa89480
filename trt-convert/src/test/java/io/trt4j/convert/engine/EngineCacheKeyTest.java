package io.trt4j.convert.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.Shape;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine-cache key: stable for equal inputs, different whenever the plan could differ. */
class EngineCacheKeyTest {
    private static final byte[] ONNX = TinyOnnx.convRelu().toByteArray();
    private static final String TRT = "10.15.1";
    private static final String GPU = "NVIDIA H100 80GB HBM3 (sm_90)";

    private static EngineConfig profiled() {
        return EngineBuilder.fromOnnx(ONNX).profile("x", Shape.of(1, 3, 8, 8), Shape.of(8, 3, 8, 8),
                Shape.of(32, 3, 8, 8)).config();
    }

    @Test
    void equalInputsGiveEqualKeysAcrossBuilders() {
        String a = EngineCacheKey.of(ONNX, profiled(), TRT, GPU);
        String b = EngineCacheKey.of(ONNX.clone(), profiled(), TRT, GPU);
        assertEquals(a, b);
        assertTrue(a.matches("[0-9a-f]{64}"), a);
    }

    @Test
    void keySchemeIsStableAcrossReleases() {
        // Computed once from this scheme; a change here silently invalidates every user's engine cache.
        byte[] model = "not really onnx".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        EngineConfig config = EngineConfig.defaults().withPrecision(Precision.FP16)
                .withProfile(OptimizationProfile.of(new ShapeRange("input:0", Shape.of(1, 224, 224, 3),
                        Shape.of(8, 224, 224, 3), Shape.of(32, 224, 224, 3))))
                .withWorkspaceBytes(1L << 30);
        assertEquals("precision=FP16;profiles={input:0:[1, 224, 224, 3][8, 224, 224, 3][32, 224, 224, 3];}"
                + ";workspace=1073741824;auxStreams=-1;optLevel=-1", config.fingerprint());
        assertEquals(EngineCacheKey.of(model, config, TRT, GPU), EngineCacheKey.of(model, config, TRT, GPU));
        assertEquals(GOLDEN, EngineCacheKey.of(model, config, TRT, GPU));
    }

    /** SHA-256(len+"trt4j-engine-cache-v1", SHA-256(model), len+fingerprint, len+TRT, len+GPU), checked in Python. */
    private static final String GOLDEN = "40fd33baac2fd8ca8e696b2337e0b730903c8d1199f0ef276870888e47f7d8f0";

    @Test
    void everythingThatShapesThePlanChangesTheKey() {
        EngineConfig base = profiled();
        byte[] otherModel = ONNX.clone();
        otherModel[otherModel.length - 1] ^= 1;
        List<String> keys = List.of(
                EngineCacheKey.of(ONNX, base, TRT, GPU),
                EngineCacheKey.of(otherModel, base, TRT, GPU),
                EngineCacheKey.of(ONNX, base.withPrecision(Precision.FP16), TRT, GPU),
                EngineCacheKey.of(ONNX, base.withPrecision(Precision.FP32), TRT, GPU),
                EngineCacheKey.of(ONNX, base.withInt8(Calibrator.of("x", List.of(new float[1536]), "a"), null),
                        TRT, GPU),
                EngineCacheKey.of(ONNX, base.withInt8(Calibrator.of("x", List.of(new float[1536]), "b"), null),
                        TRT, GPU),
                EngineCacheKey.of(ONNX, base.withProfile(OptimizationProfile.of(new ShapeRange("x",
                        Shape.of(1, 3, 8, 8), Shape.of(1, 3, 8, 8), Shape.of(1, 3, 8, 8)))), TRT, GPU),
                EngineCacheKey.of(ONNX, base.withWorkspaceBytes(1 << 20), TRT, GPU),
                EngineCacheKey.of(ONNX, base.withMaxAuxStreams(0), TRT, GPU),
                EngineCacheKey.of(ONNX, base.withBuilderOptimizationLevel(5), TRT, GPU),
                EngineCacheKey.of(ONNX, base, "10.15.2", GPU),
                EngineCacheKey.of(ONNX, base, TRT, "NVIDIA L4 (sm_89)"));
        Set<String> distinct = new HashSet<>(keys);
        assertEquals(keys.size(), distinct.size(), "keys collide: " + keys);
    }

    @Test
    void cacheLocationsDoNotChangeTheKey() {
        EngineConfig base = profiled();
        String key = EngineCacheKey.of(ONNX, base, TRT, GPU);
        assertEquals(key, EngineCacheKey.of(ONNX, base.withTimingCache(Path.of("/tmp/t.cache")), TRT, GPU));
        assertEquals(key, EngineCacheKey.of(ONNX, base.withEngineCacheDir(Path.of("/tmp/engines")), TRT, GPU));
        assertNotEquals(key, EngineCacheKey.of(ONNX, base, TRT, GPU + " "));
    }
}
