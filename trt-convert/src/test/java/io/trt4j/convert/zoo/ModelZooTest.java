package io.trt4j.convert.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorSpec;
import io.trt4j.core.DataType;
import io.trt4j.core.Shape;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.proto.NodeDef;

/** The four full-size zoo models: they build, run in TensorFlow and give sane, non-degenerate softmax outputs. */
class ModelZooTest {
    private static final long SEED = 42;
    private static final Map<ZooModel, FrozenGraph> BUILT = new EnumMap<>(ZooModel.class);

    /** Exact trainable-parameter counts (weights, biases, BN gamma and beta): the reference implementations' counts. */
    private static final Map<ZooModel, Long> EXACT = Map.of(
            // Keras InceptionV3 trainable 23,817,352 (BN without gamma) + 17,216 gammas kept here.
            ZooModel.INCEPTION_V3, 23_834_568L,
            // torchvision resnet50 (no conv biases).
            ZooModel.RESNET50_V1, 25_557_032L,
            // Keras MobileNet alpha 1.0 trainable parameters.
            ZooModel.MOBILENET_V1, 4_231_976L,
            // Keras MobileNetV2 alpha 1.0 trainable parameters.
            ZooModel.MOBILENET_V2, 3_504_872L);

    private static synchronized FrozenGraph model(ZooModel model) {
        return BUILT.computeIfAbsent(model, m -> ModelZoo.build(m, SEED));
    }

    @ParameterizedTest
    @EnumSource(ZooModel.class)
    void declaresInputAndOutputs(ZooModel model) {
        FrozenGraph graph = model(model);
        int size = model.inputSize();
        assertEquals(List.of(new TensorSpec("input:0", DataType.FLOAT, Shape.of(-1, size, size, 3))), graph.inputs());
        assertEquals(List.of(new TensorSpec("predictions:0", DataType.FLOAT, Shape.of(-1, 1000)),
                new TensorSpec("logits:0", DataType.FLOAT, Shape.of(-1, 1000))), graph.outputs());
        NodeDef input = node(graph, "input");
        assertEquals("Placeholder", input.getOp());
        assertEquals(List.of(-1L, (long) size, (long) size, 3L), input.getAttrMap().get("shape").getShape()
                .getDimList().stream().map(d -> d.getSize()).toList());
        assertEquals("Softmax", node(graph, "predictions").getOp());
        for (NodeDef node : graph.graphDef().getNodeList()) {
            assertTrue(!node.getOp().startsWith("Variable") && !node.getOp().equals("VarHandleOp"),
                    "frozen graph holds a variable: " + node.getName());
        }
    }

    @ParameterizedTest
    @EnumSource(ZooModel.class)
    void parameterCountMatchesThePublishedModel(ZooModel model) {
        long count = TfRunner.parameterCount(model(model));
        assertEquals(EXACT.get(model), count, model + " parameter count");
        double relative = Math.abs(count - model.publishedParameters()) / (double) model.publishedParameters();
        assertTrue(relative <= 0.02, model + ": " + count + " parameters, published " + model.publishedParameters());
    }

    @ParameterizedTest
    @EnumSource(ZooModel.class)
    void runsInTensorFlowWithNonDegenerateSoftmax(ZooModel model) {
        int size = model.inputSize();
        float[] images = TfRunner.images(7, 2, size, 0f, 1f);
        List<TfRunner.Fetched> out = TfRunner.run(model(model), images, 2, size, "predictions", "logits");
        TfRunner.Fetched probabilities = out.get(0);
        TfRunner.Fetched logits = out.get(1);
        assertArrayEquals(new long[] {2, 1000}, probabilities.shape());
        assertArrayEquals(new long[] {2, 1000}, logits.shape());
        for (int row = 0; row < 2; row++) {
            double sum = 0;
            double max = 0;
            double logitSum = 0;
            double logitSquares = 0;
            for (int i = row * 1000; i < (row + 1) * 1000; i++) {
                float p = probabilities.values()[i];
                float l = logits.values()[i];
                assertTrue(Float.isFinite(p) && Float.isFinite(l), model + ": non-finite output at " + i);
                sum += p;
                max = Math.max(max, p);
                logitSum += l;
                logitSquares += (double) l * l;
            }
            double logitStd = Math.sqrt(logitSquares / 1000 - Math.pow(logitSum / 1000, 2));
            assertEquals(1.0, sum, 1e-4, model + " row " + row + " sums to " + sum);
            assertTrue(max < 0.9, model + " row " + row + " is nearly one-hot: max probability " + max);
            assertTrue(max > 2.0 / 1000, model + " row " + row + " is nearly uniform: max probability " + max);
            assertTrue(logitStd > 0.1 && logitStd < 20, model + " row " + row + " logits std " + logitStd);
        }
        assertSoftmaxOfLogits(logits.values(), probabilities.values());
    }

    private static void assertSoftmaxOfLogits(float[] logits, float[] probabilities) {
        for (int row = 0; row < logits.length / 1000; row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 1000; i++) {
                max = Math.max(max, logits[row * 1000 + i]);
            }
            double sum = 0;
            for (int i = 0; i < 1000; i++) {
                sum += Math.exp(logits[row * 1000 + i] - max);
            }
            for (int i = 0; i < 1000; i++) {
                double expected = Math.exp(logits[row * 1000 + i] - max) / sum;
                assertEquals(expected, probabilities[row * 1000 + i], 1e-6 + 1e-4 * expected);
            }
        }
    }

    static NodeDef node(FrozenGraph graph, String name) {
        return graph.graphDef().getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + name));
    }
}
