package io.trt4j.convert.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trt4j.convert.tf.FrozenGraph;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Output;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/** NCHW TensorFlow ops, NCHW inputs with a dynamic batch, and TF.js op names. */
class LayoutVariantsTest {

    @Test
    void nchwDataFormatOpsNeedNoTranspose() {
        try (TfGraph t = new TfGraph(41)) {
            Output<?> x = t.input("x", 2, 3, 9, 10);
            Output<?> c = t.op("Conv2D", "conv", List.of(x, t.weights("f", 0.3f, 3, 3, 3, 4)), b -> b
                    .setAttr("strides", new long[] {1, 1, 2, 2}).setAttr("padding", "SAME")
                    .setAttr("data_format", "NCHW"));
            Output<?> ba = t.op("BiasAdd", "bias", List.of(c, t.weights("b", 1, 4)), b -> b.setAttr("data_format",
                    "NCHW"));
            t.op("MaxPool", "pool", List.of(ba), b -> b.setAttr("ksize", new long[] {1, 1, 2, 2})
                    .setAttr("strides", new long[] {1, 1, 2, 2}).setAttr("padding", "VALID")
                    .setAttr("data_format", "NCHW"));
            t.output("pool:0");
            List<double[]> tf;
            try {
                tf = Parity.runTf(t);
            } catch (RuntimeException e) {
                assumeTrue(false, "TensorFlow CPU cannot run NCHW here: " + e.getMessage());
                return;
            }
            assertEquals(1, tf.size());
            OnnxModel m = Parity.check(t);
            assertEquals(0, Parity.count(m, "Transpose"));
        }
    }

    @Test
    void allInputsNchwWithDynamicBatch() {
        try (TfGraph t = new TfGraph(42)) {
            Output<?> x = t.input("x", new long[] {-1, 8, 8, 3}, new long[] {3, 8, 8, 3});
            Output<?> c = t.op("Conv2D", "conv", List.of(x, t.weights("f", 0.3f, 3, 3, 3, 4)), b -> b
                    .setAttr("strides", new long[] {1, 2, 2, 1}).setAttr("padding", "SAME"));
            t.op("Relu", "y", c);
            t.output("y:0");
            OnnxModel m = Parity.check(t, ConverterOptions.builder().inputsAsNchw(true).build());
            assertEquals(0, Parity.count(m, "Transpose") - 1, "one Transpose back to the NHWC output remains");
            assertEquals(List.of(-1L, 3L, 8L, 8L), java.util.Arrays.stream(m.inputs().get(0).shape().toArray())
                    .boxed().toList());
            assertEquals("N", m.proto().getGraph().getInput(0).getType().getTensorType().getShape().getDim(0)
                    .getDimParam());
        }
    }

    @Test
    void tfjsFusedDepthwiseNameConverts() {
        try (TfGraph t = new TfGraph(43)) {
            Output<?> x = t.input("x", 1, 9, 9, 4);
            t.fusedOp("_FusedDepthwiseConv2dNative", "dw", List.of(x, t.weights("f", 0.3f, 3, 3, 4, 1),
                    t.weights("b", 0.5f, 4)), 2, 0, b -> b.setAttr("strides", new long[] {1, 2, 2, 1})
                    .setAttr("padding", "SAME").setAttr("fused_ops", new String[] {"BiasAdd", "Relu"})
                    .setAttr("num_args", 1L));
            t.output("dw:0");
            FrozenGraph frozen = t.frozen();
            GraphDef.Builder renamed = frozen.graphDef().toBuilder();
            for (int i = 0; i < renamed.getNodeCount(); i++) {
                NodeDef n = renamed.getNode(i);
                if (n.getOp().equals("_FusedDepthwiseConv2dNative")) {
                    renamed.setNode(i, n.toBuilder().setOp("FusedDepthwiseConv2dNative"));
                }
            }
            OnnxModel m = new TfToOnnxConverter().convert(new FrozenGraph(renamed.build(), frozen.inputs(),
                    frozen.outputs()));
            for (Parity.Errors e : Parity.compare(t, m, ConverterOptions.defaults())) {
                assertEquals(true, e.relL2() <= Parity.REL_L2 && e.maxAbs() <= Parity.MAX_ABS, e.toString());
            }
            assertEquals(1, Parity.count(m, "Conv"));
        }
    }
}
