package io.trt4j.convert.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxGraph;
import io.trt4j.convert.onnx.ir.OnnxNode;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import io.trt4j.convert.onnx.passes.ConstantFolding;
import io.trt4j.convert.onnx.passes.DeadNodeRemoval;
import io.trt4j.convert.onnx.passes.PassPipeline;
import io.trt4j.convert.onnx.proto.Onnx.ModelProto;
import io.trt4j.convert.onnx.proto.Onnx.OperatorSetIdProto;
import io.trt4j.convert.onnx.proto.Onnx.TensorShapeProto;
import io.trt4j.convert.onnx.proto.Onnx.TypeProto;
import io.trt4j.convert.onnx.proto.Onnx.ValueInfoProto;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The passes on hand-built ONNX graphs: each graph is run in ONNX Runtime before and after the passes on the same
 * input and must give the same result, and the structural effect of the pass is asserted.
 */
class PassesTest {

    private static ValueInfoProto info(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(OnnxTypes.FLOAT).setShape(s))).build();
    }

    private static ValueInfoProto anyShape(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(OnnxTypes.FLOAT))).build();
    }

    private static float[] run(OnnxGraph g, long[] inShape, float[] in) throws Exception {
        g.sortTopologically();
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder()
                .setVersion(17)).setGraph(g.toProto("t")).build();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(m.toByteArray(), new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), inShape);
                OrtSession.Result r = s.run(Map.of("x", x))) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[b.remaining()];
            b.get(out);
            return out;
        }
    }

    /** Builds the graph twice, runs one as is and one after {@code passes}; returns the optimized graph. */
    private static OnnxGraph checkEquivalent(long[] inShape, Consumer<OnnxGraph> build, Consumer<OnnxGraph> passes)
            throws Exception {
        float[] in = new float[(int) TfGraph.count(inShape)];
        Random r = new Random(5);
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) r.nextGaussian();
        }
        OnnxGraph plain = new OnnxGraph();
        build.accept(plain);
        OnnxGraph optimized = new OnnxGraph();
        build.accept(optimized);
        passes.accept(optimized);
        float[] expected = run(plain, inShape, in);
        float[] actual = run(optimized, inShape, in);
        assertArrayEquals(expected, actual, 1e-5f);
        return optimized;
    }

    @Test
    void constantFoldingEvaluatesShapeArithmetic() throws Exception {
        OnnxGraph g = checkEquivalent(new long[] {2, 3}, b -> {
            b.inputs().add(info("x", 2, 3));
            b.setShape("x", new long[] {2, 3});
            String k = b.addConstant("k", ConstTensor.ofFloats(new long[] {3, 2}, 1, 2, 3, 4, 5, 6));
            String kt = b.add("Transpose", "kt", k).attr(Attrs.ints("perm", 1, 0)).output(0);
            String sq = b.add("Sqrt", "sq", kt).output(0);
            String two = b.addConstant("two", ConstTensor.ofFloats(new long[] {1}, 2f));
            String sc = b.add("Div", "div", b.add("Mul", "mul", sq, two).output(0), two).output(0);
            String rs = b.add("Reshape", "rs", sc, b.addConstant("shape", ConstTensor.vector(1, 6))).output(0);
            String sl = b.add("Slice", "sl", rs, b.addConstant("st", ConstTensor.vector(5)),
                    b.addConstant("en", ConstTensor.vector(Long.MIN_VALUE)), b.addConstant("ax", ConstTensor.vector(1)),
                    b.addConstant("stp", ConstTensor.vector(-2))).output(0);
            String ga = b.add("Gather", "ga", sl, b.addConstant("idx", ConstTensor.vector(2, 0, -1)))
                    .attr(Attrs.i("axis", 1)).output(0);
            String cat = b.add("Concat", "cat", ga, ga).attr(Attrs.i("axis", 0)).output(0);
            String shape = b.add("Shape", "shape", "x").output(0);
            String shapeF = b.add("Cast", "cast", shape).attr(Attrs.i("to", OnnxTypes.FLOAT)).output(0);
            String un = b.add("Unsqueeze", "un", shapeF, b.addConstant("uax", ConstTensor.vector(1))).output(0);
            String sqz = b.add("Squeeze", "sqz", b.add("Concat", "cat2", un, un).attr(Attrs.i("axis", 0)).output(0),
                    b.addConstant("sax", ConstTensor.vector(1))).output(0);
            String bias = b.add("Add", "bias", cat, b.add("Slice", "take", sqz, b.addConstant("s0",
                    ConstTensor.vector(0)), b.addConstant("e0", ConstTensor.vector(1))).output(0)).output(0);
            b.add("Identity", "id", bias);
            String y = b.add("Add", "y", "x", b.add("Slice", "cut", bias, b.addConstant("s1", ConstTensor.vector(0)),
                    b.addConstant("e1", ConstTensor.vector(3)), b.addConstant("a1", ConstTensor.vector(1)))
                    .output(0)).output(0);
            b.outputs().add(anyShape(y));
        }, g2 -> {
            new ConstantFolding().run(g2);
            new DeadNodeRemoval().run(g2);
        });
        assertEquals(List.of("Add"), g.nodes().stream().map(OnnxNode::opType).toList());
    }

    @Test
    void layoutPassPushesTransposesThroughElementwiseReduceSoftmaxAndConcat() throws Exception {
        long[] shape = {2, 4, 5, 3};
        OnnxGraph g = checkEquivalent(shape, b -> {
            b.inputs().add(info("x", shape));
            b.setShape("x", shape);
            String t1 = b.add("Transpose", "t1", "x").attr(Attrs.ints("perm", 0, 3, 1, 2)).output(0);
            String relu = b.add("Relu", "relu", t1).output(0);
            String back = b.add("Transpose", "back", relu).attr(Attrs.ints("perm", 0, 2, 3, 1)).output(0);
            String bias = b.add("Add", "bias", back, b.addConstant("b", ConstTensor.ofFloats(new long[] {3}, 1, -2,
                    3))).output(0);
            String clip = b.add("Clip", "clip", bias, b.addConstant("lo", ConstTensor.ofFloats(new long[0], -1f)),
                    b.addConstant("hi", ConstTensor.ofFloats(new long[0], 2f))).output(0);
            String cat = b.add("Concat", "cat", clip, back).attr(Attrs.i("axis", 3)).output(0);
            String sm = b.add("Softmax", "sm", cat).attr(Attrs.i("axis", 3)).output(0);
            String mean = b.add("ReduceMean", "mean", sm).attr(Attrs.ints("axes", 1, 2))
                    .attr(Attrs.i("keepdims", 0)).output(0);
            b.outputs().add(anyShape(mean));
        }, PassPipeline.standard()::run);
        // t1 sinks through Relu to meet its inverse 'back'; nothing is left to transpose
        assertEquals(0, g.nodes().stream().filter(n -> n.opType().equals("Transpose")).count(),
                g.nodes().toString());
        assertEquals(List.of("Relu", "Add", "Clip", "Concat", "Softmax", "ReduceMean"),
                g.nodes().stream().map(OnnxNode::opType).toList());
    }

    @Test
    void layoutPassRewritesAxesWhenTheTransposeMustStay() throws Exception {
        long[] shape = {2, 4, 5, 3};
        OnnxGraph g = checkEquivalent(shape, b -> {
            b.inputs().add(info("x", shape));
            b.setShape("x", shape);
            String t1 = b.add("Transpose", "t1", "x").attr(Attrs.ints("perm", 0, 3, 1, 2)).output(0);
            b.setShape(t1, new long[] {2, 3, 4, 5});
            String sig = b.add("Sigmoid", "sig", t1).output(0);
            String mul = b.add("Mul", "mul", sig, b.addConstant("k", ConstTensor.ofFloats(new long[] {3, 1, 1}, 1, 2,
                    3))).output(0);
            String cat = b.add("Concat", "cat", mul, t1).attr(Attrs.i("axis", -3)).output(0);
            String sm = b.add("Softmax", "sm", cat).attr(Attrs.i("axis", 1)).output(0);
            String sum = b.add("ReduceSum", "sum", sm, b.addConstant("axes", ConstTensor.vector(2)))
                    .attr(Attrs.i("keepdims", 1)).output(0);
            String pad = b.add("Pad", "pad", sum, b.addConstant("pads", ConstTensor.vector(0, 1, 0, 2, 0, 0, 1, 0)))
                    .output(0);
            String max = b.add("ReduceMax", "max", pad).attr(Attrs.ints("axes", 2)).attr(Attrs.i("keepdims", 0))
                    .output(0);
            b.outputs().add(anyShape(max));
        }, PassPipeline.standard()::run);
        List<OnnxNode> transposes = g.nodes().stream().filter(n -> n.opType().equals("Transpose")).toList();
        assertEquals(1, transposes.size(), g.nodes().toString());
        assertEquals(g.outputs().get(0).getName(), transposes.get(0).output(0), "sunk to the graph output");
    }

    @Test
    void batchNormFoldingNeverRescalesWeightsSharedWithAnotherValue() throws Exception {
        long[] shape = {1, 2, 4, 4};
        OnnxGraph g = checkEquivalent(shape, b -> {
            b.inputs().add(info("x", shape));
            float[] w = new float[2 * 2 * 1 * 1];
            for (int i = 0; i < w.length; i++) {
                w[i] = i + 1;
            }
            // the transposed weights are folded into a converter-owned tensor, which a folded Reshape then shares
            String wt = b.add("Transpose", "wt", b.addConstant("w", ConstTensor.ofFloats(new long[] {1, 1, 2, 2}, w)))
                    .attr(Attrs.ints("perm", 3, 2, 0, 1)).output(0);
            String conv = b.add("Conv", "conv", "x", wt).output(0);
            String mul = b.add("Mul", "mul", conv, b.addConstant("s", ConstTensor.ofFloats(new long[] {2, 1, 1}, 10f,
                    -3f))).output(0);
            String flat = b.add("Reshape", "flat", wt, b.addConstant("shape", ConstTensor.vector(1, 4))).output(0);
            String sum = b.add("ReduceSum", "sum", flat, b.addConstant("axes", ConstTensor.vector(1))).output(0);
            b.outputs().add(anyShape(b.add("Add", "y", mul, sum).output(0)));
        }, PassPipeline.standard()::run);
        assertEquals(List.of("Conv", "ReduceSum", "Add"), g.nodes().stream().map(OnnxNode::opType).toList());
    }

    @Test
    void batchNormFoldingMergesMulAndAddIntoConv() throws Exception {
        long[] shape = {1, 2, 5, 5};
        OnnxGraph g = checkEquivalent(shape, b -> {
            b.inputs().add(info("x", shape));
            float[] w = new float[3 * 2 * 3 * 3];
            for (int i = 0; i < w.length; i++) {
                w[i] = (i % 7) * 0.1f - 0.3f;
            }
            String conv = b.add("Conv", "conv", "x", b.addConstant("w", ConstTensor.ofFloats(new long[] {3, 2, 3, 3},
                    w))).attr(Attrs.ints("pads", 1, 1, 1, 1)).output(0);
            String mul = b.add("Mul", "mul", conv, b.addConstant("s", ConstTensor.ofFloats(new long[] {3, 1, 1}, 2f,
                    -1f, 0.5f))).output(0);
            String add = b.add("Add", "add", b.addConstant("t", ConstTensor.ofFloats(new long[] {1, 3, 1, 1}, 1f, 2f,
                    3f)), mul).output(0);
            b.outputs().add(anyShape(add));
        }, PassPipeline.standard()::run);
        assertEquals(List.of("Conv"), g.nodes().stream().map(OnnxNode::opType).toList());
        assertNotNull(g.constant(g.nodes().get(0).input(2)));
    }
}
