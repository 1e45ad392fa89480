package io.trt4j.convert.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.trt4j.convert.tf.FrozenGraph;
import io.trt4j.convert.tf.TensorFlowImporter;
import io.trt4j.convert.tf.TensorFlowRunner;
import io.trt4j.convert.tf.TensorValue;
import io.trt4j.core.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * Fused ops decomposed by {@link FusedOpRewriter} compute what TensorFlow's own fused kernels compute, and exactly
 * what the unfused graph computes.
 */
class FusedOpRewriterTest {
    private static final Shape X_SHAPE = Shape.of(2, 7, 7, 4);
    private static final float[] X = seeded(5, 2 * 7 * 7 * 4);

    static float[] seeded(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static org.tensorflow.Operand<TFloat32> c(Ops tf, long seed, long... shape) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        return tf.withName("c" + seed).constant(org.tensorflow.ndarray.Shape.of(shape), DataBuffers.of(seeded(seed, n)));
    }

    private static float[] run(GraphDef g, String out) throws Exception {
        FrozenGraph f = TensorFlowImporter.fromGraphDef(g).inputs("x:0").outputs(out).load();
        return TensorFlowRunner.run(f, Map.of("x:0", TensorValue.ofFloats(X_SHAPE, X))).get(out).toFloats();
    }

    /** Replaces {@code chain} (base op first, last node named {@code name}) by one fused node. */
    private static GraphDef fuse(GraphDef g, String fusedOp, List<String> chain, List<String> extraInputs,
            List<String> fusedOps, Map<String, AttrValue> extraAttrs) {
        var byName = new java.util.HashMap<String, NodeDef>();
        g.getNodeList().forEach(n -> byName.put(n.getName(), n));
        NodeDef base = byName.get(chain.get(0));
        NodeDef last = byName.get(chain.get(chain.size() - 1));
        NodeDef.Builder fused = NodeDef.newBuilder().setName(last.getName()).setOp(fusedOp)
                .addInput(base.getInput(0)).addInput(base.getInput(1)).addAllInput(extraInputs)
                .putAllAttr(base.getAttrMap()).putAllAttr(extraAttrs)
                .putAttr("num_args", AttrValue.newBuilder().setI(extraInputs.size()).build());
        AttrValue.ListValue.Builder ops = AttrValue.ListValue.newBuilder();
        fusedOps.forEach(o -> ops.addS(ByteString.copyFromUtf8(o)));
        fused.putAttr("fused_ops", AttrValue.newBuilder().setList(ops).build());
        if (fusedOp.equals("_FusedConv2D")) { // TF 2.18 needs TArgs; TF.js graphs lack it, another reason to decompose
            AttrValue.ListValue.Builder types = AttrValue.ListValue.newBuilder();
            extraInputs.forEach(i -> types.addType(org.tensorflow.proto.DataType.DT_FLOAT));
            fused.putAttr("TArgs", AttrValue.newBuilder().setList(types).build());
        }
        GraphDef.Builder b = g.toBuilder().clearNode();
        for (NodeDef n : g.getNodeList()) {
            if (n.getName().equals(last.getName())) {
                b.addNode(fused);
            } else if (!chain.contains(n.getName())) {
                b.addNode(n);
            }
        }
        return b.build();
    }

    private static void assertBitsEqual(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "element " + i);
        }
    }

    private static List<String> ops(GraphDef g) {
        List<String> out = new ArrayList<>();
        g.getNodeList().forEach(n -> out.add(n.getOp()));
        return out;
    }

    @Test
    void fusedConv2dWithBiasAndRelu6MatchesTensorFlowsKernel() throws Exception {
        GraphDef plain;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 7, 7, 4)));
            var conv = tf.withName("conv").nn.conv2d(x, c(tf, 1, 3, 3, 4, 6), List.of(1L, 2L, 2L, 1L), "SAME");
            var bias = tf.withName("bias").nn.biasAdd(conv, c(tf, 2, 6));
            tf.withName("out").nn.relu6(bias);
            plain = g.toGraphDef();
        }
        GraphDef fused = fuse(plain, "_FusedConv2D", List.of("conv", "bias", "out"), List.of("c2"),
                List.of("BiasAdd", "Relu6"), Map.of());
        GraphDef rewritten = FusedOpRewriter.rewrite(fused);
        assertEquals(List.of("Conv2D", "BiasAdd", "Relu6"),
                ops(rewritten).stream().filter(o -> !o.equals("Const") && !o.equals("Placeholder")).toList());
        float[] reference = run(plain, "out:0");
        assertArrayEquals(run(fused, "out:0"), run(rewritten, "out:0"), 1e-5f);
        assertBitsEqual(reference, run(rewritten, "out:0"));
    }

    @Test
    void fusedConv2dWithBatchNormAndLeakyReluMatchesTensorFlowsKernel() throws Exception {
        GraphDef plain;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 7, 7, 4)));
            tf.withName("conv").nn.conv2d(x, c(tf, 1, 1, 1, 4, 3), List.of(1L, 1L, 1L, 1L), "VALID");
            plain = g.toGraphDef();
        }
        GraphDef withArgs;
        try (Graph g = new Graph()) {
            g.importGraphDef(plain);
            Ops tf = Ops.create(g);
            c(tf, 11, 3);
            c(tf, 12, 3);
            c(tf, 13, 3);
            tf.withName("c14").math.abs(c(tf, 14, 3)); // variance must be >= 0
            withArgs = g.toGraphDef();
        }
        GraphDef fused = fuse(withArgs, "_FusedConv2D", List.of("conv"), List.of("c11", "c12", "c13", "c14"),
                List.of("FusedBatchNorm", "LeakyRelu"), Map.of("epsilon", AttrValue.newBuilder().setF(1e-3f).build(),
                        "leakyrelu_alpha", AttrValue.newBuilder().setF(0.1f).build()));
        GraphDef rewritten = FusedOpRewriter.rewrite(fused);
        assertTrue(ops(rewritten).contains("FusedBatchNormV3") && ops(rewritten).contains("LeakyRelu"),
                ops(rewritten).toString());
        float[] tfKernel = run(fused, "conv:0");
        float[] ours = run(rewritten, "conv:0");
        assertArrayEquals(tfKernel, ours, 1e-4f);
        assertTrue(java.util.Arrays.stream(box(ours)).anyMatch(v -> v < 0), "LeakyRelu keeps negatives");
    }

    private static Float[] box(float[] a) {
        Float[] b = new Float[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }

    @Test
    void fusedMatMulWithBiasAndReluMatchesTensorFlowsKernel() throws Exception {
        GraphDef plain;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 7, 7, 4)));
            var flat = tf.withName("flat").reshape(x, tf.constant(new int[] {-1, 196}));
            var mm = tf.withName("mm").linalg.matMul(flat, c(tf, 3, 196, 5));
            var bias = tf.withName("bias").nn.biasAdd(mm, c(tf, 4, 5));
            tf.withName("out").nn.relu(bias);
            plain = g.toGraphDef();
        }
        GraphDef fused = fuse(plain, "_FusedMatMul", List.of("mm", "bias", "out"), List.of("c4"),
                List.of("BiasAdd", "Relu"), Map.of());
        GraphDef rewritten = FusedOpRewriter.rewrite(fused);
        assertArrayEquals(run(fused, "out:0"), run(rewritten, "out:0"), 1e-5f);
        assertBitsEqual(run(plain, "out:0"), run(rewritten, "out:0"));
    }

    @Test
    void tfjsFusedDepthwiseConvDecomposesIntoTheUnfusedGraph() throws Exception {
        GraphDef plain;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            var x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 7, 7, 4)));
            var dw = tf.withName("dw").nn.depthwiseConv2dNative(x, c(tf, 6, 3, 3, 4, 1), List.of(1L, 1L, 1L, 1L),
                    "SAME");
            var bias = tf.withName("bias").nn.biasAdd(dw, c(tf, 7, 4));
            tf.withName("out").nn.relu6(bias);
            plain = g.toGraphDef();
        }
        GraphDef fused = fuse(plain, "FusedDepthwiseConv2dNative", List.of("dw", "bias", "out"), List.of("c7"),
                List.of("BiasAdd", "Relu6"), Map.of());
        var e = assertThrows(Exception.class, () -> run(fused, "out:0"), "TensorFlow has no FusedDepthwiseConv2dNative");
        assertTrue(e.getMessage().contains("FusedDepthwiseConv2dNative"), e.getMessage());
        GraphDef rewritten = FusedOpRewriter.rewrite(fused);
        assertBitsEqual(run(plain, "out:0"), run(rewritten, "out:0"));
        assertEquals("out", rewritten.getNode(rewritten.getNodeCount() - 1).getName());
    }

    @Test
    void preluBecomesReluArithmetic() throws Exception {
        GraphDef g;
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 7, 7, 4)));
            c(tf, 8, 4);
            g = graph.toGraphDef();
        }
        GraphDef prelu = g.toBuilder().addNode(NodeDef.newBuilder().setName("out").setOp("Prelu").addInput("x")
                .addInput("c8")).build();
        GraphDef rewritten = FusedOpRewriter.rewrite(prelu);
        float[] y = run(rewritten, "out:0");
        float[] alpha = seeded(8, 4);
        for (int i = 0; i < X.length; i++) {
            float expected = X[i] > 0 ? X[i] : alpha[i % 4] * X[i];
            assertEquals(expected, y[i], 1e-6f, "element " + i);
        }
    }

    @Test
    void unsupportedFusedOpsAndMissingArgumentsNameTheNode() {
        NodeDef bad = NodeDef.newBuilder().setName("bad").setOp("_FusedConv2D").addInput("x").addInput("w")
                .putAttr("fused_ops", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder()
                        .addS(ByteString.copyFromUtf8("BiasAdd"))).build()).build();
        var e = assertThrows(IllegalArgumentException.class,
                () -> FusedOpRewriter.rewrite(GraphDef.newBuilder().addNode(bad).build()));
        assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
    }
}
