package io.trt4j.convert.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.convert.onnx.OnnxModel;
import io.trt4j.convert.onnx.TfToOnnxConverter;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.zoo.ModelZoo;
import io.trt4j.convert.zoo.TfRunner;
import io.trt4j.convert.zoo.ZooModel;
import io.trt4j.core.Engine;
import io.trt4j.core.Shape;
import io.trt4j.core.TensorRt;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MobileNet v2 from the zoo, converted to ONNX, built with a dynamic batch profile 1/8/32 and run through trt-core's
 * InferenceSession, against TensorFlow Java on the same images.
 */
@Tag("gpu")
class ZooEngineGpuTest {
    private static final int SIZE = 224;
    private static final Shape MIN = Shape.of(1, SIZE, SIZE, 3);
    private static final Shape OPT = Shape.of(8, SIZE, SIZE, 3);
    private static final Shape MAX = Shape.of(32, SIZE, SIZE, 3);

    private static FrozenGraph graph;
    private static OnnxModel onnx;

    @BeforeAll
    static void convert() {
        Assumptions.assumeTrue(TensorRt.isAvailable(), TensorRt.diagnosis());
        graph = ModelZoo.mobilenetV2(42);
        onnx = new TfToOnnxConverter().convert(graph);
    }

    @AfterAll
    static void release() {
        graph = null;
        onnx = null;
    }

    private static EngineBuilder builder() {
        // Optimization level 1: fewer tactics timed, much shorter builds; accuracy does not depend on it.
        return EngineBuilder.fromOnnx(onnx).profile(ModelZoo.INPUT, MIN, OPT, MAX).builderOptimizationLevel(1);
    }

    @Test
    void tf32MatchesTensorFlowAtSeveralBatchSizes() {
        Plan plan = builder().build();
        System.out.println("MobileNet v2 TF32: " + plan);
        try (Engine engine = Engine.load(plan.bytes())) {
            for (int batch : new int[] {1, 5, 32}) {
                float[] images = TfRunner.patterns(1000 + batch, batch, SIZE);
                var tf = TfRunner.run(graph, images, batch, SIZE, "predictions", "logits");
                Map<String, float[]> trt = GpuChecks.run(engine, 0, ModelZoo.INPUT, images,
                        Shape.of(batch, SIZE, SIZE, 3));
                float[] probabilities = trt.get(ModelZoo.PREDICTIONS);
                float[] logits = trt.get(ModelZoo.LOGITS);
                assertEquals(batch * 1000, probabilities.length);
                double probabilityError = GpuChecks.relativeL2(probabilities, tf.get(0).values());
                double logitError = GpuChecks.relativeL2(logits, tf.get(1).values());
                System.out.printf("MobileNet v2 TF32 batch %d: relative L2 probabilities %.3e, logits %.3e%n", batch,
                        probabilityError, logitError);
                assertTrue(probabilityError <= 1e-2, "probabilities relative L2 " + probabilityError);
                assertTrue(logitError <= 1e-2, "logits relative L2 " + logitError);
                assertBatchOrderKept(logits, tf.get(1).values(), batch);
            }
        }
    }

    @Test
    void fp16StaysCloseOnUniformImages() {
        Plan plan = builder().precision(Precision.FP16).build();
        System.out.println("MobileNet v2 FP16: " + plan);
        try (Engine engine = Engine.load(plan.bytes())) {
            int batch = 8;
            float[] images = TfRunner.images(77, batch, SIZE, 0f, 1f);
            var tf = TfRunner.run(graph, images, batch, SIZE, "predictions", "logits");
            Map<String, float[]> trt = GpuChecks.run(engine, 0, ModelZoo.INPUT, images, OPT);
            double probabilityError = GpuChecks.relativeL2(trt.get(ModelZoo.PREDICTIONS), tf.get(0).values());
            double logitError = GpuChecks.relativeL2(trt.get(ModelZoo.LOGITS), tf.get(1).values());
            System.out.printf("MobileNet v2 FP16 batch %d: relative L2 probabilities %.3e, logits %.3e%n", batch,
                    probabilityError, logitError);
            assertTrue(probabilityError <= 5e-2, "probabilities relative L2 " + probabilityError);
            assertTrue(logitError <= 5e-2, "logits relative L2 " + logitError);
        }
    }

    @ParameterizedTest
    @EnumSource(ZooModel.class)
    void everyZooModelMatchesTensorFlowAtTf32(ZooModel model) {
        FrozenGraph frozen = ModelZoo.build(model, 7);
        int size = model.inputSize();
        EngineBuilder builder = EngineBuilder.fromOnnx(new TfToOnnxConverter().convert(frozen)).profile(ModelZoo.INPUT,
                Shape.of(1, size, size, 3), Shape.of(2, size, size, 3), Shape.of(4, size, size, 3))
                .builderOptimizationLevel(1);
        Plan plan = builder.build();
        try (Engine engine = Engine.load(plan.bytes())) {
            float[] images = TfRunner.patterns(3, 2, size);
            var tf = TfRunner.run(frozen, images, 2, size, "predictions", "logits");
            Map<String, float[]> trt = GpuChecks.run(engine, 0, ModelZoo.INPUT, images, Shape.of(2, size, size, 3));
            double probabilityError = GpuChecks.relativeL2(trt.get(ModelZoo.PREDICTIONS), tf.get(0).values());
            double logitError = GpuChecks.relativeL2(trt.get(ModelZoo.LOGITS), tf.get(1).values());
            System.out.printf("%s TF32 (%s): relative L2 probabilities %.3e, logits %.3e%n", model.displayName(),
                    plan, probabilityError, logitError);
            assertTrue(probabilityError <= 1e-2, model + " probabilities relative L2 " + probabilityError);
            assertTrue(logitError <= 1e-2, model + " logits relative L2 " + logitError);
        }
    }

    /** Each TensorRT row is closer to its own TensorFlow row than to any other: the batch was not reordered. */
    private static void assertBatchOrderKept(float[] trt, float[] tf, int batch) {
        for (int i = 0; i < batch; i++) {
            double own = GpuChecks.relativeL2(slice(trt, i), slice(tf, i));
            for (int j = 0; j < batch; j++) {
                if (j != i) {
                    double other = GpuChecks.relativeL2(slice(trt, i), slice(tf, j));
                    assertTrue(own < other, "row " + i + " matches TensorFlow row " + j + " (" + other
                            + ") better than its own (" + own + ")");
                }
            }
        }
    }

    private static float[] slice(float[] values, int row) {
        return java.util.Arrays.copyOfRange(values, row * 1000, (row + 1) * 1000);
    }
}
