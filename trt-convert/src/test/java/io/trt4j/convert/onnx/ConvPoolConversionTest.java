package io.trt4j.convert.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Output;

/** Convolutions and pooling, TensorFlow Java vs ONNX Runtime. */
class ConvPoolConversionTest {

    @ParameterizedTest(name = "Conv2D {0} stride {1} dilation {2} input {3}x{4} kernel {5}")
    @CsvSource({
        "SAME, 1, 1, 9, 11, 3", "SAME, 2, 1, 9, 11, 3", "SAME, 2, 1, 10, 10, 3", "SAME, 1, 2, 9, 11, 3",
        "VALID, 1, 1, 9, 11, 3", "VALID, 2, 1, 9, 11, 3", "VALID, 1, 2, 12, 11, 3", "SAME, 3, 1, 13, 8, 5",
        "SAME, 2, 1, 8, 8, 1", "SAME, 2, 1, 7, 7, 4"})
    void conv2d(String padding, long stride, long dilation, long h, long w, long k) {
        try (TfGraph t = new TfGraph(1)) {
            Output<?> x = t.input("x", 2, h, w, 3);
            Output<?> f = t.weights("f", 0.3f, k, k, 3, 5);
            t.op("Conv2D", "conv", List.of(x, f), b -> b.setAttr("strides", new long[] {1, stride, stride, 1})
                    .setAttr("dilations", new long[] {1, dilation, dilation, 1}).setAttr("padding", padding));
            t.output("conv:0");
            OnnxModel m = Parity.check(t);
            assertEquals(1, Parity.count(m, "Conv"));
        }
    }

    @Test
    void conv2dSameWithDynamicSpatialDimsUsesAutoPad() {
        try (TfGraph t = new TfGraph(2)) {
            Output<?> x = t.input("x", new long[] {-1, -1, -1, 3}, new long[] {1, 9, 10, 3});
            Output<?> f = t.weights("f", 0.3f, 3, 3, 3, 4);
            t.op("Conv2D", "conv", List.of(x, f), b -> b.setAttr("strides", new long[] {1, 2, 2, 1})
                    .setAttr("padding", "SAME"));
            t.output("conv:0");
            OnnxModel m = Parity.check(t);
            assertEquals("SAME_UPPER", m.proto().getGraph().getNodeList().stream()
                    .filter(n -> n.getOpType().equals("Conv")).findFirst().orElseThrow().getAttributeList().stream()
                    .filter(a -> a.getName().equals("auto_pad")).findFirst().orElseThrow().getS().toStringUtf8());
        }
    }

    @Test
    void conv2dExplicitPadding() {
        try (TfGraph t = new TfGraph(3)) {
            Output<?> x = t.input("x", 1, 8, 9, 2);
            Output<?> f = t.weights("f", 0.3f, 3, 2, 2, 4);
            t.op("Conv2D", "conv", List.of(x, f), b -> b.setAttr("strides", new long[] {1, 1, 2, 1})
                    .setAttr("padding", "EXPLICIT").setAttr("explicit_paddings", new long[] {0, 0, 1, 2, 0, 3, 0, 0}));
            t.output("conv:0");
            Parity.check(t);
        }
    }

    @ParameterizedTest(name = "DepthwiseConv2dNative {0} stride {1} multiplier {2}")
    @CsvSource({"SAME, 1, 1", "SAME, 2, 1", "VALID, 1, 2", "SAME, 2, 3"})
    void depthwise(String padding, long stride, long multiplier) {
        try (TfGraph t = new TfGraph(4)) {
            Output<?> x = t.input("x", 2, 9, 8, 4);
            Output<?> f = t.weights("f", 0.3f, 3, 3, 4, multiplier);
            t.op("DepthwiseConv2dNative", "dw", List.of(x, f), b -> b.setAttr("strides",
                    new long[] {1, stride, stride, 1}).setAttr("padding", padding));
            t.output("dw:0");
            OnnxModel m = Parity.check(t);
            assertEquals(4, m.proto().getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv"))
                    .findFirst().orElseThrow().getAttributeList().stream().filter(a -> a.getName().equals("group"))
                    .findFirst().orElseThrow().getI());
        }
    }

    @ParameterizedTest(name = "_FusedConv2D {0}")
    @CsvSource({"BiasAdd", "BiasAdd;Relu", "BiasAdd;Relu6", "BiasAdd;Elu", "BiasAdd;LeakyRelu",
        "FusedBatchNorm", "FusedBatchNorm;Relu", "BiasAdd;Add;Relu"})
    void fusedConv(String ops) {
        String[] fused = ops.split(";");
        try (TfGraph t = new TfGraph(5)) {
            Output<?> x = t.input("x", 1, 8, 8, 3);
            Output<?> f = t.weights("f", 0.3f, 3, 3, 3, 6);
            List<Output<?>> in = new java.util.ArrayList<>(List.of(x, f));
            if (fused[0].equals("BiasAdd")) {
                in.add(t.weights("bias", 0.5f, 6));
            } else {
                in.add(t.positive("gamma", 6));
                in.add(t.weights("beta", 0.5f, 6));
                in.add(t.weights("mean", 0.5f, 6));
                in.add(t.positive("var", 6));
            }
            if (List.of(fused).contains("Add")) {
                in.add(t.input("residual", 1, 8, 8, 6));
            }
            int args = in.size() - 2;
            t.fusedOp("_FusedConv2D", "fc", in, 2, 1, b -> b.setAttr("strides", new long[] {1, 1, 1, 1})
                    .setAttr("padding", "SAME").setAttr("fused_ops", fused).setAttr("num_args", args)
                    .setAttr("epsilon", 0.001f).setAttr("leakyrelu_alpha", 0.1f));
            t.output("fc:0");
            Parity.check(t);
        }
    }

    @Test
    void fusedDepthwiseWithBiasAndRelu6() {
        try (TfGraph t = new TfGraph(6)) {
            Output<?> x = t.input("x", 1, 8, 8, 4);
            Output<?> f = t.weights("f", 0.3f, 3, 3, 4, 1);
            Output<?> bias = t.weights("bias", 0.5f, 4);
            t.fusedOp("_FusedDepthwiseConv2dNative", "fdw", List.of(x, f, bias), 2, 0, b -> b.setAttr("strides",
                    new long[] {1, 2, 2, 1}).setAttr("padding", "SAME").setAttr("fused_ops",
                    new String[] {"BiasAdd", "Relu6"}).setAttr("num_args", 1));
            t.output("fdw:0");
            Parity.check(t);
        }
    }

    @ParameterizedTest(name = "{0} {1} k{2} s{3}")
    @CsvSource({"MaxPool, SAME, 3, 2", "MaxPool, VALID, 3, 2", "MaxPool, SAME, 2, 2", "AvgPool, SAME, 3, 2",
        "AvgPool, VALID, 3, 1", "AvgPool, SAME, 3, 1", "AvgPool, SAME, 5, 3"})
    void pooling(String op, String padding, long k, long s) {
        try (TfGraph t = new TfGraph(7)) {
            Output<?> x = t.input("x", 2, 11, 10, 3);
            t.op(op, "pool", List.of(x), b -> b.setAttr("ksize", new long[] {1, k, k, 1})
                    .setAttr("strides", new long[] {1, s, s, 1}).setAttr("padding", padding));
            t.output("pool:0");
            Parity.check(t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"FusedBatchNorm", "FusedBatchNormV2",
        "FusedBatchNormV3"})
    void batchNormVersions(String op) {
        try (TfGraph t = new TfGraph(9)) {
            Output<?> x = t.input("x", 2, 4, 3, 5);
            t.op(op, "bn", List.of(x, t.positive("g", 5), t.weights("b", 1, 5), t.weights("m", 1, 5),
                    t.positive("v", 5)), b -> {
                        b.setAttr("epsilon", 1e-4f).setAttr("is_training", false);
                        if (!op.equals("FusedBatchNorm")) {
                            b.setAttr("U", org.tensorflow.proto.DataType.DT_FLOAT);
                        }
                    });
            t.output("bn:0");
            Parity.check(t);
        }
    }

    @Test
    void batchNormAndBiasAddStandalone() {
        try (TfGraph t = new TfGraph(8)) {
            Output<?> x = t.input("x", 2, 5, 5, 3);
            Output<?> bn = t.op("FusedBatchNormV3", "bn", List.of(x, t.positive("g", 3), t.weights("b", 1, 3),
                    t.weights("m", 1, 3), t.positive("v", 3)), b -> b.setAttr("epsilon", 1e-3f)
                    .setAttr("is_training", false).setAttr("U", org.tensorflow.proto.DataType.DT_FLOAT));
            t.op("BiasAdd", "ba", bn, t.weights("bias", 1, 3));
            t.output("ba:0");
            Parity.check(t);
        }
    }
}
