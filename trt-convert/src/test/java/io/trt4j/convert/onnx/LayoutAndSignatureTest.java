package io.trt4j.convert.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.convert.onnx.proto.Onnx.ModelProto;
import io.trt4j.convert.onnx.proto.Onnx.NodeProto;
import io.trt4j.convert.onnx.proto.Onnx.TensorShapeProto;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorSpec;
import io.trt4j.core.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Output;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * The layout pass (no Transpose left inside a CNN converted from NHWC), BN folding, the NCHW-input option, the kept
 * TensorFlow signature, and conversion errors.
 */
class LayoutAndSignatureTest {

    /** A small CNN with the structures of the zoo models: conv+BN+ReLU, depthwise, residual add, concat, pooling. */
    static TfGraph smallCnn(long seed) {
        TfGraph t = new TfGraph(seed);
        Output<?> x = t.input("input", new long[] {-1, 16, 16, 3}, new long[] {2, 16, 16, 3});
        Output<?> c1 = t.op("Conv2D", "conv1", List.of(x, t.weights("w1", 0.3f, 3, 3, 3, 8)),
                b -> b.setAttr("strides", new long[] {1, 2, 2, 1}).setAttr("padding", "SAME"));
        Output<?> bn = t.op("FusedBatchNormV3", "bn1", List.of(c1, t.positive("g", 8), t.weights("b", 0.2f, 8),
                t.weights("m", 0.2f, 8), t.positive("v", 8)), b -> b.setAttr("epsilon", 1e-3f)
                .setAttr("is_training", false).setAttr("U", org.tensorflow.proto.DataType.DT_FLOAT));
        Output<?> r1 = t.op("Relu6", "relu1", bn);
        Output<?> dw = t.op("DepthwiseConv2dNative", "dw", List.of(r1, t.weights("wd", 0.3f, 3, 3, 8, 1)),
                b -> b.setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "SAME"));
        Output<?> dwb = t.op("BiasAdd", "dw_bias", dw, t.weights("bd", 0.1f, 8));
        Output<?> add = t.op("AddV2", "residual", t.op("Relu", "relu2", dwb), r1);
        Output<?> pw = t.op("Conv2D", "pw", List.of(add, t.weights("wp", 0.3f, 1, 1, 8, 6)),
                b -> b.setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "VALID"));
        Output<?> pool = t.op("MaxPool", "pool", List.of(add), b -> b.setAttr("ksize", new long[] {1, 3, 3, 1})
                .setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "SAME"));
        Output<?> cat = t.graph.opBuilder("ConcatV2", "concat", t.tf.scope())
                .addInputList(new Output<?>[] {pw, pool}).addInput(t.scalar("axis", 3)).build().output(0);
        Output<?> scaled = t.op("Mul", "scale", t.op("Sigmoid", "sig", cat), t.positive("s", 14));
        Output<?> mean = t.op("Mean", "gap", List.of(scaled, t.ints("axes", 1, 2)), b -> b.setAttr("keep_dims", true));
        Output<?> flat = t.op("Reshape", "flat", mean, t.ints("shape", -1, 14));
        Output<?> logits = t.op("BiasAdd", "logits", t.op("MatMul", "fc", flat, t.weights("wf", 0.3f, 14, 5)),
                t.weights("bf", 0.1f, 5));
        t.op("Softmax", "predictions", logits);
        t.output("predictions:0");
        t.output("logits:0");
        return t;
    }

    @Test
    void cnnFromNhwcHasNoTransposeInsideAndFoldsBatchNorm() {
        try (TfGraph t = smallCnn(31)) {
            OnnxModel m = Parity.check(t);
            List<NodeProto> transposes = m.proto().getGraph().getNodeList().stream()
                    .filter(n -> n.getOpType().equals("Transpose")).toList();
            assertEquals(1, transposes.size(), "only the input transpose remains: " + m.report());
            assertEquals(List.of("input:0"), transposes.get(0).getInputList());
            assertEquals(0, Parity.count(m, "Mul") - 1, "BN Mul folded into conv weights (one Mul is 'scale')");
            assertEquals(3, Parity.count(m, "Conv"));
        }
    }

    @Test
    void inputTransposeMovesAboveInputNormalization() {
        try (TfGraph t = new TfGraph(30)) {
            Output<?> x = t.input("x", new long[] {-1, 8, 8, 3}, new long[] {2, 8, 8, 3});
            Output<?> scaled = t.op("Mul", "scale", x, t.tf.withName("k").constant(2f).asOutput());
            Output<?> centred = t.op("Sub", "center", scaled, t.tf.withName("one").constant(1f).asOutput());
            Output<?> c = t.op("Conv2D", "conv", List.of(centred, t.weights("w", 0.3f, 3, 3, 3, 4)),
                    b -> b.setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "SAME"));
            t.op("Relu", "y", c);
            t.output("y:0");
            OnnxModel m = Parity.check(t);
            List<NodeProto> nodes = m.proto().getGraph().getNodeList();
            List<NodeProto> transposes = nodes.stream().filter(n -> n.getOpType().equals("Transpose")).toList();
            assertEquals(2, transposes.size(), "at the input and back to the NHWC output: " + m.report());
            assertEquals(List.of("x:0"), transposes.get(0).getInputList());
            assertEquals("y:0", transposes.get(1).getOutput(0));
            OnnxModel nchw = Parity.check(t, ConverterOptions.builder().inputsAsNchw(true).build());
            assertEquals(1, Parity.count(nchw, "Transpose"), "only back to the NHWC output: " + nchw.report());
        }
    }

    @Test
    void nchwInputOptionLeavesNoTransposeAtAll() {
        try (TfGraph t = smallCnn(32)) {
            ConverterOptions options = ConverterOptions.builder().inputsAsNchw(Set.of("input")).build();
            OnnxModel m = Parity.check(t, options);
            assertEquals(0, Parity.count(m, "Transpose"), m.report().toString());
            assertEquals(List.of(-1L, 3L, 16L, 16L), boxed(m.inputs().get(0).shape().toArray()));
        }
    }

    @Test
    void signatureKeepsTensorFlowNamesShapesAndDynamicBatch() {
        try (TfGraph t = smallCnn(33)) {
            OnnxModel m = new TfToOnnxConverter().convert(t.frozen());
            ModelProto p = m.proto();
            assertEquals(17, p.getOpsetImport(0).getVersion());
            assertEquals("input:0", p.getGraph().getInput(0).getName());
            TensorShapeProto s = p.getGraph().getInput(0).getType().getTensorType().getShape();
            assertEquals("N", s.getDim(0).getDimParam());
            assertEquals(List.of(16L, 16L, 3L), List.of(s.getDim(1).getDimValue(), s.getDim(2).getDimValue(),
                    s.getDim(3).getDimValue()));
            assertEquals(List.of("predictions:0", "logits:0"), p.getGraph().getOutputList().stream()
                    .map(o -> o.getName()).toList());
            assertEquals(new TensorSpec("input:0", DataType.FLOAT, io.trt4j.core.Shape.of(-1, 16, 16, 3)),
                    m.inputs().get(0));
            assertEquals(List.of(-1L, 5L), boxed(m.outputs().get(0).shape().toArray()));
            assertTrue(m.report().tfNodes() > 20);
            assertEquals(3, m.report().onnxOpCount("Conv"));
            assertEquals(2, m.report().tfOps().get("Conv2D"));
        }
    }

    @Test
    void writesARawDataModelThatReadsBack(@TempDir Path dir) throws Exception {
        try (TfGraph t = smallCnn(34)) {
            OnnxModel m = new TfToOnnxConverter().convert(t.frozen());
            Path file = dir.resolve("m.onnx");
            m.writeTo(file);
            ModelProto back = ModelProto.parseFrom(Files.readAllBytes(file));
            assertEquals(m.proto(), back);
            assertTrue(back.getGraph().getInitializerList().stream().allMatch(i -> i.hasRawData()
                    && i.getFloatDataCount() == 0));
        }
    }

    @Test
    void unsupportedOpsAreAllListedOnce() {
        try (TfGraph t = new TfGraph(35)) {
            Output<?> x = t.input("x", 2, 3);
            Output<?> a = t.op("Erf", "erf1", x);
            Output<?> b = t.op("Erf", "erf2", a);
            Output<?> c = t.op("Cumsum", "cs", b, t.scalar("axis", 1));
            t.op("Relu", "y", t.op("Atan", "atan", c));
            t.output("y:0");
            UnsupportedOpsException e = assertThrows(UnsupportedOpsException.class,
                    () -> new TfToOnnxConverter().convert(t.frozen()));
            assertEquals(Set.of("Erf", "Cumsum", "Atan"), e.nodesByOp().keySet());
            assertEquals(List.of("erf1", "erf2"), e.nodesByOp().get("Erf"));
            assertTrue(e.getMessage().contains("Cumsum (1 node: cs)"), e.getMessage());
        }
    }

    @Test
    void missingOutputAndDanglingInputAreNamed() {
        try (TfGraph t = new TfGraph(36)) {
            Output<?> x = t.input("x", 2, 3);
            t.op("Relu", "y", x);
            GraphDef gd = t.graph.toGraphDef();
            FrozenGraph noSuchOutput = new FrozenGraph(gd, t.inputs, List.of(new TensorSpec("nope:0",
                    DataType.FLOAT, null)));
            ConversionException e1 = assertThrows(ConversionException.class,
                    () -> new TfToOnnxConverter().convert(noSuchOutput));
            assertTrue(e1.getMessage().contains("nope:0"), e1.getMessage());
            GraphDef broken = gd.toBuilder().addNode(NodeDef.newBuilder().setName("z").setOp("Relu")
                    .addInput("ghost:0")).build();
            FrozenGraph dangling = new FrozenGraph(broken, t.inputs, List.of(new TensorSpec("z:0", DataType.FLOAT,
                    null)));
            ConversionException e2 = assertThrows(ConversionException.class,
                    () -> new TfToOnnxConverter().convert(dangling));
            assertTrue(e2.getMessage().contains("ghost"), e2.getMessage());
            FrozenGraph unlistedPlaceholder = new FrozenGraph(gd, List.of(), List.of(new TensorSpec("y:0",
                    DataType.FLOAT, null)));
            ConversionException e3 = assertThrows(ConversionException.class,
                    () -> new TfToOnnxConverter().convert(unlistedPlaceholder));
            assertTrue(e3.getMessage().contains("'x'"), e3.getMessage());
        }
    }

    @Test
    void attributesOnnxCannotExpressAreNamed() {
        try (TfGraph t = new TfGraph(38)) {
            Output<?> x = t.input("x", 2, 5);
            t.op("MirrorPad", "sym", List.of(x, t.tf.withName("p").constant(new int[][] {{0, 0}, {1, 1}}).asOutput()),
                    b -> b.setAttr("mode", "SYMMETRIC"));
            t.output("sym:0");
            ConversionException e = assertThrows(ConversionException.class,
                    () -> new TfToOnnxConverter().convert(t.frozen()));
            assertTrue(e.getMessage().contains("'sym'") && e.getMessage().contains("SYMMETRIC"), e.getMessage());
        }
    }

    @Test
    void helperValuesNeverShadowTensorFlowTensors() {
        try (TfGraph t = new TfGraph(39)) {
            Output<?> x = t.input("x", 1, 4, 4, 2);
            Output<?> c = t.op("Conv2D", "c", List.of(x, t.weights("w", 0.3f, 3, 3, 2, 2)),
                    b -> b.setAttr("strides", new long[] {1, 1, 1, 1}).setAttr("padding", "SAME"));
            Output<?> clash = t.op("Relu", "c/Conv", c); // named like the converter's helper for node 'c'
            t.op("AddV2", "y", clash, c);
            t.output("y:0");
            Parity.check(t);
        }
    }

    @Test
    void splatAndListConstantsConvert() {
        try (TfGraph t = new TfGraph(37)) {
            Output<?> x = t.input("x", 2, 3);
            GraphDef gd = t.graph.toGraphDef();
            org.tensorflow.proto.TensorProto splat = org.tensorflow.proto.TensorProto.newBuilder()
                    .setDtype(org.tensorflow.proto.DataType.DT_FLOAT).setTensorShape(shape(2, 3)).addFloatVal(0.25f)
                    .build();
            org.tensorflow.proto.TensorProto list = org.tensorflow.proto.TensorProto.newBuilder()
                    .setDtype(org.tensorflow.proto.DataType.DT_FLOAT).setTensorShape(shape(3))
                    .addFloatVal(1f).addFloatVal(2f).addFloatVal(-3f).build();
            GraphDef g2 = gd.toBuilder()
                    .addNode(constNode("splat", splat)).addNode(constNode("list", list))
                    .addNode(NodeDef.newBuilder().setName("a").setOp("Mul").addInput("x").addInput("splat")
                            .putAttr("T", floatType()))
                    .addNode(NodeDef.newBuilder().setName("y").setOp("AddV2").addInput("a").addInput("list")
                            .putAttr("T", floatType())).build();
            t.graph.close();
            try (TfGraph u = new TfGraph(new FrozenGraph(g2, t.inputs, List.of(new TensorSpec("y:0", DataType.FLOAT,
                    null))), 37, 2, -1, 1)) {
                Parity.check(u);
            }
        }
    }

    private static NodeDef constNode(String name, org.tensorflow.proto.TensorProto value) {
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("value", org.tensorflow.proto.AttrValue.newBuilder().setTensor(value).build())
                .putAttr("dtype", floatType()).build();
    }

    private static org.tensorflow.proto.AttrValue floatType() {
        return org.tensorflow.proto.AttrValue.newBuilder().setType(org.tensorflow.proto.DataType.DT_FLOAT).build();
    }

    private static org.tensorflow.proto.TensorShapeProto shape(long... dims) {
        org.tensorflow.proto.TensorShapeProto.Builder b = org.tensorflow.proto.TensorShapeProto.newBuilder();
        for (long d : dims) {
            b.addDim(org.tensorflow.proto.TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return b.build();
    }

    private static List<Long> boxed(long[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
