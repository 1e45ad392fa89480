package io.trt4j.convert.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.convert.tf.FrozenGraph;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.proto.NodeDef;

/** Layer structure, determinism, small variants and option validation of the zoo. */
class ZooArchitectureTest {
    private static final ZooOptions TINY = ZooOptions.of(3).withWidthMultiplier(0.25).withInputSize(96)
            .withClasses(10);

    @Test
    void inceptionV3HasTheReferenceFeatureMapShapes() {
        FrozenGraph graph = ModelZoo.inceptionV3(1);
        Map<String, long[]> expected = new TreeMap<>(Map.of(
                "InceptionV3/Conv2d_1a_3x3/Relu", new long[] {-1, 149, 149, 32},
                "InceptionV3/MaxPool_5a_3x3", new long[] {-1, 35, 35, 192},
                "InceptionV3/Mixed_5b/concat", new long[] {-1, 35, 35, 256},
                "InceptionV3/Mixed_5d/concat", new long[] {-1, 35, 35, 288},
                "InceptionV3/Mixed_6a/concat", new long[] {-1, 17, 17, 768},
                "InceptionV3/Mixed_6e/concat", new long[] {-1, 17, 17, 768},
                "InceptionV3/Mixed_7a/concat", new long[] {-1, 8, 8, 1280},
                "InceptionV3/Mixed_7c/concat", new long[] {-1, 8, 8, 2048},
                "InceptionV3/Logits/AvgPool_1a_8x8", new long[] {-1, 1, 1, 2048},
                "logits", new long[] {-1, 1000}));
        expected.put("InceptionV3/Mixed_6b/Branch_1/Conv2d_0b_1x7/weights", new long[] {1, 7, 128, 128});
        expected.put("InceptionV3/Mixed_6b/Branch_1/Conv2d_0c_7x1/weights", new long[] {7, 1, 128, 192});
        expected.put("InceptionV3/Mixed_7b/Branch_2/Conv2d_0d_3x1/weights", new long[] {3, 1, 384, 384});
        assertShapes(graph, expected);
        NodeDef bn = ModelZooTest.node(graph, "InceptionV3/Mixed_7c/Branch_0/Conv2d_0a_1x1/BatchNorm/FusedBatchNormV3");
        assertEquals("FusedBatchNormV3", bn.getOp());
        assertFalse(bn.getAttrMap().get("is_training").getB());
        assertEquals(0.001f, bn.getAttrMap().get("epsilon").getF());
        assertEquals(94, count(graph, "FusedBatchNormV3"), "Inception v3 has 94 conv+BN layers");
        assertEquals(95, count(graph, "Conv2D"), "94 conv layers and the 1x1 classifier");
        assertEquals(4, count(graph, "MaxPool"));
        assertEquals(10, count(graph, "AvgPool"), "9 branch pools and the global pool");
    }

    @Test
    void resnet50V1PutsTheStrideOnTheFirstConvolution() {
        FrozenGraph graph = ModelZoo.resnet50V1(1);
        assertShapes(graph, Map.of(
                "resnet50/conv1/Relu", new long[] {-1, 112, 112, 64},
                "resnet50/pool1_pool", new long[] {-1, 56, 56, 64},
                "resnet50/conv2_block3/out", new long[] {-1, 56, 56, 256},
                "resnet50/conv3_block1/1/Relu", new long[] {-1, 28, 28, 128},
                "resnet50/conv3_block4/out", new long[] {-1, 28, 28, 512},
                "resnet50/conv4_block6/out", new long[] {-1, 14, 14, 1024},
                "resnet50/conv5_block3/out", new long[] {-1, 7, 7, 2048},
                "resnet50/avg_pool", new long[] {-1, 2048}));
        assertArrayEquals(new long[] {1, 2, 2, 1}, strides(graph, "resnet50/conv3_block1/1/Conv2D"), "v1: stride on 1x1");
        assertArrayEquals(new long[] {1, 1, 1, 1}, strides(graph, "resnet50/conv3_block1/2/Conv2D"));
        assertEquals(16, count(graph, "AddV2"), "16 bottleneck blocks");
        assertEquals(53, count(graph, "Conv2D"), "49 + 4 projection shortcuts");
        assertEquals(2, count(graph, "Pad"));
        assertEquals(1, count(graph, "MatMul"));
    }

    @Test
    void mobilenetV1IsDepthwiseSeparableWithRelu6() {
        FrozenGraph graph = ModelZoo.mobilenetV1(1);
        assertShapes(graph, Map.of(
                "MobilenetV1/Conv2d_0/Relu6", new long[] {-1, 112, 112, 32},
                "MobilenetV1/Conv2d_13_pointwise/Relu6", new long[] {-1, 7, 7, 1024},
                "MobilenetV1/Conv2d_1_depthwise/depthwise_weights", new long[] {3, 3, 32, 1}));
        assertEquals(13, count(graph, "DepthwiseConv2dNative"));
        assertEquals(27, count(graph, "Relu6"));
        assertEquals(0, count(graph, "Relu"));
    }

    @Test
    void mobilenetV2HasInvertedResidualsAndLinearBottlenecks() {
        FrozenGraph graph = ModelZoo.mobilenetV2(1);
        assertShapes(graph, Map.of(
                "mobilenetv2/Conv1/Relu6", new long[] {-1, 112, 112, 32},
                "mobilenetv2/expanded_conv/project/BatchNorm/FusedBatchNormV3", new long[] {-1, 112, 112, 16},
                "mobilenetv2/block_1/pad", new long[] {-1, 113, 113, 96},
                "mobilenetv2/block_2/add", new long[] {-1, 56, 56, 24},
                "mobilenetv2/block_16/project/BatchNorm/FusedBatchNormV3", new long[] {-1, 7, 7, 320},
                "mobilenetv2/Conv_1/Relu6", new long[] {-1, 7, 7, 1280}));
        assertEquals(17, count(graph, "DepthwiseConv2dNative"));
        assertEquals(10, count(graph, "AddV2"), "residual blocks: 1+2+3+2+2");
        assertEquals(5, count(graph, "Pad"), "the stem and four stride-2 depthwise convolutions");
        // Linear bottleneck: nothing follows the projection batch-norm but the add or the next block.
        assertTrue(graph.graphDef().getNodeList().stream().filter(n -> n.getOp().startsWith("Relu"))
                .noneMatch(n -> n.getInput(0).contains("/project/")));
    }

    @ParameterizedTest
    @EnumSource(ZooModel.class)
    void tinyVariantsRunAndDifferPerImage(ZooModel model) {
        FrozenGraph graph = ModelZoo.build(model, TINY.withInputSize(Math.max(96, model.minInputSize())));
        int size = Math.max(96, model.minInputSize());
        float[] images = TfRunner.patterns(11, 2, size);
        TfRunner.Fetched probabilities = TfRunner.run(graph, images, 2, size, "predictions").get(0);
        assertArrayEquals(new long[] {2, 10}, probabilities.shape());
        double sum0 = 0;
        double sum1 = 0;
        double difference = 0;
        for (int i = 0; i < 10; i++) {
            sum0 += probabilities.values()[i];
            sum1 += probabilities.values()[10 + i];
            difference += Math.abs(probabilities.values()[i] - probabilities.values()[10 + i]);
        }
        assertEquals(1.0, sum0, 1e-5);
        assertEquals(1.0, sum1, 1e-5);
        assertTrue(difference > 1e-3, model + ": two different images give the same output");
        assertTrue(TfRunner.parameterCount(graph) < model.publishedParameters() / 4);
    }

    @Test
    void sameSeedGivesIdenticalGraphsAndAnotherSeedOtherWeights() {
        FrozenGraph a = ModelZoo.build(ZooModel.MOBILENET_V2, TINY);
        FrozenGraph b = ModelZoo.build(ZooModel.MOBILENET_V2, TINY);
        FrozenGraph c = ModelZoo.build(ZooModel.MOBILENET_V2, new ZooOptions(4, 0.25, 96, 10));
        assertEquals(a.graphDef(), b.graphDef());
        assertNotEquals(a.graphDef(), c.graphDef());
        assertEquals(a.graphDef().getNodeCount(), c.graphDef().getNodeCount());
        String weights = "mobilenetv2/block_3/expand/weights";
        assertNotEquals(ModelZooTest.node(a, weights).getAttrMap().get("value"),
                ModelZooTest.node(c, weights).getAttrMap().get("value"));
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> ZooOptions.of(1).withWidthMultiplier(0));
        assertThrows(IllegalArgumentException.class, () -> ZooOptions.of(1).withWidthMultiplier(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ZooOptions.of(1).withClasses(1));
        assertThrows(IllegalArgumentException.class, () -> ZooOptions.of(1).withInputSize(-5));
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build(ZooModel.INCEPTION_V3, ZooOptions.of(1).withInputSize(64)));
        assertTrue(tooSmall.getMessage().contains("Inception v3") && tooSmall.getMessage().contains("75"),
                tooSmall.getMessage());
    }

    private static long count(FrozenGraph graph, String op) {
        return graph.graphDef().getNodeList().stream().filter(n -> n.getOp().equals(op)).count();
    }

    private static long[] strides(FrozenGraph graph, String node) {
        return ModelZooTest.node(graph, node).getAttrMap().get("strides").getList().getIList().stream()
                .mapToLong(Long::longValue).toArray();
    }

    private static void assertShapes(FrozenGraph frozen, Map<String, long[]> expected) {
        try (Graph graph = new Graph()) {
            graph.importGraphDef(frozen.graphDef());
            Set<String> wrong = expected.entrySet().stream()
                    .filter(e -> !java.util.Arrays.equals(e.getValue(),
                            graph.operation(e.getKey()).output(0).shape().asArray()))
                    .map(e -> e.getKey() + " is " + java.util.Arrays.toString(
                            graph.operation(e.getKey()).output(0).shape().asArray()) + ", expected "
                            + java.util.Arrays.toString(e.getValue()))
                    .collect(Collectors.toSet());
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        }
    }
}
