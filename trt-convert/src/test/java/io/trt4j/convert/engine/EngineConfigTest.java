package io.trt4j.convert.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation of the builder's configuration: everything that can be checked without a GPU. */
class EngineConfigTest {
    private static final Shape B1 = Shape.of(1, 224, 224, 3);
    private static final Shape B8 = Shape.of(8, 224, 224, 3);
    private static final Shape B32 = Shape.of(32, 224, 224, 3);
    private static final Calibrator CALIBRATOR = Calibrator.of("input:0", List.of(new float[224 * 224 * 3]),
            "zeros");

    private static EngineBuilder builder() {
        return EngineBuilder.fromOnnx(TinyOnnx.convRelu());
    }

    @Test
    void defaultsAreTf32WithTensorRtDefaults() {
        EngineConfig c = builder().config();
        assertEquals(Precision.TF32, c.precision());
        assertTrue(c.profiles().isEmpty());
        assertEquals(0, c.workspaceBytes());
        assertEquals(-1, c.maxAuxStreams());
        assertEquals(-1, c.builderOptimizationLevel());
        assertNull(c.calibrator());
        assertNull(c.timingCache());
        assertNull(c.engineCacheDir());
    }

    @Test
    void profileNeedsMinOptMaxInOrder() {
        assertEquals(1, builder().profile("input:0", B1, B8, B32).config().profiles().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().profile("input:0", B8, B1, B32));
        assertTrue(e.getMessage().contains("dimension 0") && e.getMessage().contains("8, 1, 32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder().profile("input:0", B1, B32, B8));
        assertThrows(IllegalArgumentException.class,
                () -> builder().profile("input:0", B1, B8, Shape.of(32, 224, 224, 2)));
    }

    @Test
    void profileShapesNeedOneRankAndConcreteDimensions() {
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> builder().profile("input:0", Shape.of(1, 224, 224), B8, B32));
        assertTrue(rank.getMessage().contains("same rank"), rank.getMessage());
        IllegalArgumentException dynamic = assertThrows(IllegalArgumentException.class,
                () -> builder().profile("input:0", Shape.of(-1, 224, 224, 3), B8, B32));
        assertTrue(dynamic.getMessage().contains("dynamic"), dynamic.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder().profile(" ", B1, B8, B32));
    }

    @Test
    void severalProfilesMustCoverTheSameInputs() {
        EngineBuilder two = builder().profile("input:0", B1, B1, B1).profile("input:0", B8, B8, B32);
        assertEquals(2, two.config().profiles().size());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> two.profile("other:0", B1, B1, B1));
        assertTrue(other.getMessage().contains("same inputs"), other.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> two.profile("input:0", Shape.of(1, 3), Shape.of(1, 3), Shape.of(1, 3)));
        assertTrue(rank.getMessage().contains("rank"), rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptimizationProfile.of(
                new ShapeRange("a", B1, B1, B1), new ShapeRange("a", B1, B8, B8)));
        assertThrows(IllegalArgumentException.class, () -> new OptimizationProfile(List.of()));
    }

    @Test
    void int8NeedsACalibratorAndOnlyInt8TakesOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().precision(Precision.INT8));
        assertTrue(e.getMessage().contains("Calibrator"), e.getMessage());
        EngineBuilder int8 = builder().int8(CALIBRATOR, Path.of("calib.cache"));
        assertEquals(Precision.INT8, int8.config().precision());
        assertSame(CALIBRATOR, int8.config().calibrator());
        EngineConfig fp16 = int8.precision(Precision.FP16).config();
        assertNull(fp16.calibrator(), "leaving INT8 drops the calibrator");
        assertNull(fp16.calibrationCache());
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig(Precision.FP16, CALIBRATOR, null,
                List.of(), 0, null, null, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig(Precision.TF32, null,
                Path.of("calib.cache"), List.of(), 0, null, null, -1, -1));
        assertThrows(IllegalArgumentException.class, () -> new EngineConfig(null, null, null, List.of(), 0, null,
                null, -1, -1));
    }

    @Test
    void numericLimitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> builder().workspace(-1));
        assertEquals(1L << 30, builder().workspace(1L << 30).config().workspaceBytes());
        assertThrows(IllegalArgumentException.class, () -> builder().maxAuxStreams(-2));
        assertEquals(0, builder().maxAuxStreams(0).config().maxAuxStreams());
        assertThrows(IllegalArgumentException.class, () -> builder().builderOptimizationLevel(6));
        assertThrows(IllegalArgumentException.class, () -> builder().builderOptimizationLevel(-2));
        assertEquals(5, builder().builderOptimizationLevel(5).config().builderOptimizationLevel());
    }

    @Test
    void builderIsImmutable() {
        EngineBuilder base = builder();
        EngineBuilder fp16 = base.precision(Precision.FP16).workspace(1 << 20).profile("x", Shape.of(1, 3, 8, 8),
                Shape.of(2, 3, 8, 8), Shape.of(4, 3, 8, 8));
        assertEquals(Precision.TF32, base.config().precision());
        assertTrue(base.config().profiles().isEmpty());
        assertEquals(Precision.FP16, fp16.config().precision());
        assertEquals(1 << 20, fp16.config().workspaceBytes());
    }

    @Test
    void emptyOrMissingModelsAreRejected(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> EngineBuilder.fromOnnx(new byte[0]));
        Path empty = Files.createFile(dir.resolve("empty.onnx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineBuilder.fromOnnx(empty));
        assertTrue(e.getMessage().contains("empty.onnx"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> EngineBuilder.fromOnnx(dir.resolve("missing")));
        Path file = dir.resolve("tiny.onnx");
        Files.write(file, TinyOnnx.convRelu().toByteArray());
        assertTrue(EngineBuilder.fromOnnx(file).toString().contains("tiny.onnx"));
        byte[] bytes = TinyOnnx.convRelu().toByteArray();
        assertArrayEquals(bytes, EngineBuilder.fromOnnx(TinyOnnx.convRelu()::toByteArray).onnxBytes());
        assertArrayEquals(bytes, EngineBuilder.fromOnnx(TinyOnnx.convRelu()).onnxBytes());
        assertArrayEquals(bytes, EngineBuilder.fromOnnx(file).onnxBytes());
    }

    @Test
    void takesAConvertedZooModel() {
        var graph = io.trt4j.convert.zoo.ModelZoo.build(io.trt4j.convert.zoo.ZooModel.MOBILENET_V2,
                io.trt4j.convert.zoo.ZooOptions.of(1).withWidthMultiplier(0.35).withInputSize(96).withClasses(10));
        var model = new io.trt4j.convert.onnx.TfToOnnxConverter().convert(graph);
        EngineBuilder builder = EngineBuilder.fromOnnx(model);
        assertArrayEquals(model.toByteArray(), builder.onnxBytes());
        assertTrue(builder.toString().contains("input:0") && builder.toString().contains("predictions:0"),
                builder.toString());
    }

    @Test
    void calibratorOfListsItsBatchesThenEnds() {
        float[] a = {1};
        float[] b = {2};
        Calibrator c = Calibrator.of("x", List.of(a, b), "two");
        assertSame(a, c.nextBatch().get("x"));
        assertSame(b, c.nextBatch().get("x"));
        assertNull(c.nextBatch());
        assertTrue(c.fingerprint().contains("two"));
        assertThrows(IllegalArgumentException.class, () -> Calibrator.of("x", List.of(), "f"));
    }
}
