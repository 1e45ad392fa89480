package io.trt4j.convert.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;


import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;

/** Element-wise, shape, reduction, matmul, resize and index ops, TensorFlow Java vs ONNX Runtime. */
class OpConversionTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax", "Square", "Neg",
        "Exp", "Abs", "Softplus"})
    void unary(String op) {
        try (TfGraph t = new TfGraph(11)) {
            Output<?> x = t.input("x", 2, 3, 7);
            t.op(op, "y", List.of(x), b -> {
                if (op.equals("LeakyRelu")) {
                    b.setAttr("alpha", 0.15f);
                }
            });
            t.output("y:0");
            Parity.check(t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Sqrt", "Rsqrt", "Log"})
    void unaryOnPositive(String op) {
        try (TfGraph t = new TfGraph(12)) {
            Output<?> x = t.input("x", 2, 3, 7);
            t.op(op, "y", t.op("Add", "pos", t.op("Abs", "abs", x), t.positive("one", 1)));
            t.output("y:0");
            Parity.check(t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "SquaredDifference"})
    void binaryWithBroadcastConstant(String op) {
        try (TfGraph t = new TfGraph(13)) {
            Output<?> x = t.input("x", 2, 4, 5, 3);
            Output<?> y = t.input("y", 2, 4, 5, 3);
            Output<?> c = op.equals("RealDiv") ? t.positive("c", 3) : t.weights("c", 1, 5, 3);
            t.op(op, "z", t.op(op, "xy", x, op.equals("RealDiv") ? t.op("Add", "ypos", t.op("Abs", "ya", y),
                    t.positive("one", 1)) : y), c);
            t.output("z:0");
            Parity.check(t);
        }
    }

    @Test
    void meanSumMaxKeepDimsAndNot() {
        try (TfGraph t = new TfGraph(14)) {
            Output<?> x = t.input("x", 2, 5, 6, 3);
            t.op("Mean", "mean", List.of(x, t.ints("a1", 1, 2)), b -> b.setAttr("keep_dims", true));
            t.op("Sum", "sum", List.of(x, t.ints("a2", -1)), b -> b.setAttr("keep_dims", false));
            t.op("Max", "max", List.of(x, t.ints("a3", 0, 2)), b -> b.setAttr("keep_dims", false));
            t.output("mean:0");
            t.output("sum:0");
            t.output("max:0");
            Parity.check(t);
        }
    }

    @Test
    void shapeOps() {
        try (TfGraph t = new TfGraph(15)) {
            Output<?> x = t.input("x", 2, 3, 4, 5);
            Output<?> r = t.op("Reshape", "reshape", x, t.ints("shape", 2, -1, 5));
            Output<?> e = t.op("ExpandDims", "expand", r, t.scalar("dim", -1));
            Output<?> s = t.op("Squeeze", "squeeze", List.of(e), b -> b.setAttr("squeeze_dims", new long[] {3}));
            Output<?> tr = t.op("Transpose", "transpose", s, t.ints("perm", 2, 0, 1));
            Output<?> k = t.weights("k", 1, 5, 2, 3);
            t.graph.opBuilder("ConcatV2", "concat", t.tf.scope()).addInputList(new Output<?>[] {tr, k})
                    .addInput(t.scalar("axis", 2)).build();
            t.output("concat:0");
            Parity.check(t);
        }
    }

    @Test
    void concatWithListInput() {
        try (TfGraph t = new TfGraph(16)) {
            Output<?> x = t.input("x", 2, 3, 4);
            Output<?> y = t.input("y", 2, 3, 2);
            t.tf.withName("concat").concat(List.of((org.tensorflow.Operand) x, (org.tensorflow.Operand) y),
                    t.tf.constant(-1));
            t.tf.withName("pack").stack(List.of((org.tensorflow.Operand) x, (org.tensorflow.Operand) x),
                    org.tensorflow.op.core.Stack.axis(1L));
            t.output("concat:0");
            t.output("pack:0");
            Parity.check(t);
        }
    }

    @Test
    void shapeCastAndDynamicBatchReshape() {
        try (TfGraph t = new TfGraph(17)) {
            Output<?> x = t.input("x", new long[] {-1, 4, 3}, new long[] {3, 4, 3});
            Output<?> shape = t.op("Shape", "shape", List.of(x), b -> b.setAttr("out_type", DataType.DT_INT32));
            Output<?> batch = t.op("StridedSlice", "batch", List.of(shape, t.ints("b0", 0), t.ints("e0", 1),
                    t.ints("s0", 1)), b -> b.setAttr("shrink_axis_mask", 1L));
            Output<?> newShape = t.tf.withName("newshape").stack(List.of((org.tensorflow.Operand) batch,
                    (org.tensorflow.Operand) t.scalar("m1", -1))).asOutput();
            t.op("Reshape", "flat", x, newShape);
            t.op("Cast", "shape_f", List.of(shape), b -> b.setAttr("DstT", DataType.DT_FLOAT));
            t.output("flat:0");
            t.output("shape_f:0");
            t.output("shape:0", io.trt4j.core.DataType.INT32);
            Parity.check(t);
        }
    }

    @ParameterizedTest(name = "StridedSlice begin_mask {3} end_mask {4} ellipsis {5} new_axis {6} shrink {7}")
    @CsvSource({
        "'0,1,1', '2,5,4', '1,2,1', 0, 0, 0, 0, 0",
        "'0,-4,0', '0,-1,3', '1,1,1', 1, 5, 0, 0, 0",
        "'1,0,2', '2,0,3', '1,1,1', 0, 2, 0, 0, 5",
        "'0,0,0', '0,0,0', '1,-1,-2', 7, 7, 0, 0, 0",
        "'0,1', '0,3', '1,1', 0, 0, 1, 0, 0",
        "'0,0,1', '0,0,2', '1,1,1', 3, 3, 0, 2, 0",
        "'0,0,-1', '0,0,0', '1,1,1', 0, 0, 1, 0, 4"})
    void stridedSlice(String begin, String end, String strides, long beginMask, long endMask, long ellipsis,
            long newAxis, long shrink) {
        try (TfGraph t = new TfGraph(18)) {
            Output<?> x = t.input("x", 3, 6, 5);
            t.op("StridedSlice", "ss", List.of(x, t.ints("b", ints(begin)), t.ints("e", ints(end)),
                    t.ints("s", ints(strides))), b -> b.setAttr("begin_mask", beginMask).setAttr("end_mask", endMask)
                    .setAttr("ellipsis_mask", ellipsis).setAttr("new_axis_mask", newAxis)
                    .setAttr("shrink_axis_mask", shrink));
            t.output("ss:0");
            Parity.check(t);
        }
    }

    private static int[] ints(String csv) {
        String[] p = csv.split(",");
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Integer.parseInt(p[i].trim());
        }
        return out;
    }

    @Test
    void sliceSplitSplitVGatherPad() {
        try (TfGraph t = new TfGraph(19)) {
            Output<?> x = t.input("x", 2, 6, 4);
            t.op("Slice", "slice", x, t.ints("begin", 0, 1, 1), t.ints("size", -1, 3, 2));
            t.graph.opBuilder("Split", "split", t.tf.scope()).addInput(t.scalar("axis", 1)).addInput(x)
                    .setAttr("num_split", 3L).build();
            t.graph.opBuilder("SplitV", "splitv", t.tf.scope()).addInput(x).addInput(t.ints("sizes", 1, -1))
                    .addInput(t.scalar("axis2", -1)).setAttr("num_split", 2L).build();
            t.op("GatherV2", "gather", x, t.ints("idx", 3, 0, 5, 5), t.scalar("gaxis", 1));
            t.op("Pad", "pad", x, t.tf.withName("paddings").constant(new int[][] {{0, 0}, {1, 2}, {0, 3}})
                    .asOutput());
            t.op("PadV2", "padv2", x, t.tf.withName("paddings2").constant(new int[][] {{1, 0}, {0, 0}, {2, 1}})
                    .asOutput(), t.tf.withName("cv").constant(1.5f).asOutput());
            t.op("MirrorPad", "mpad", List.of(x, t.tf.withName("paddings3").constant(new int[][] {{0, 0}, {2, 1},
                    {1, 1}}).asOutput()), b -> b.setAttr("mode", "REFLECT"));
            for (String o : List.of("slice:0", "split:0", "split:2", "splitv:0", "splitv:1", "gather:0", "pad:0",
                    "padv2:0", "mpad:0")) {
                t.output(o);
            }
            Parity.check(t);
        }
    }

    @Test
    void matMulVariantsAndFusedMatMul() {
        try (TfGraph t = new TfGraph(20)) {
            Output<?> x = t.input("x", 3, 8);
            Output<?> w = t.weights("w", 0.3f, 8, 5);
            Output<?> wt = t.weights("wt", 0.3f, 5, 8);
            t.op("MatMul", "mm", x, w);
            t.op("MatMul", "mmt", List.of(x, wt), b -> b.setAttr("transpose_b", true));
            t.op("MatMul", "mmta", List.of(t.op("Transpose", "xt", x, t.ints("p", 1, 0)), w),
                    b -> b.setAttr("transpose_a", true));
            t.fusedOp("_FusedMatMul", "fmm", List.of(x, w, t.weights("bias", 1, 5)), 2, 0,
                    b -> b.setAttr("fused_ops", new String[] {"BiasAdd", "Relu"}).setAttr("num_args", 1L)
                            .setAttr("transpose_a", false).setAttr("transpose_b", false));
            for (String o : List.of("mm:0", "mmt:0", "mmta:0", "fmm:0")) {
                t.output(o);
            }
            Parity.check(t);
        }
    }

    @ParameterizedTest(name = "{0} align_corners={1} half_pixel={2}")
    @CsvSource({"ResizeBilinear, false, false", "ResizeBilinear, true, false", "ResizeBilinear, false, true",
        "ResizeNearestNeighbor, false, false", "ResizeNearestNeighbor, true, false",
        "ResizeNearestNeighbor, false, true"})
    void resize(String op, boolean align, boolean half) {
        try (TfGraph t = new TfGraph(21)) {
            Output<?> x = t.input("x", 2, 5, 7, 3);
            t.op(op, "up", List.of(x, t.ints("size", 11, 9)), b -> b.setAttr("align_corners", align)
                    .setAttr("half_pixel_centers", half));
            t.op(op, "down", List.of(x, t.ints("size2", 3, 4)), b -> b.setAttr("align_corners", align)
                    .setAttr("half_pixel_centers", half));
            t.output("up:0");
            t.output("down:0");
            Parity.check(t);
        }
    }

    @Test
    void topKAndArgMax() {
        try (TfGraph t = new TfGraph(22)) {
            Output<?> x = t.input("x", 3, 10);
            t.graph.opBuilder("TopKV2", "topk", t.tf.scope()).addInput(x).addInput(t.scalar("k", 4))
                    .setAttr("sorted", true).build();
            t.op("ArgMax", "argmax", List.of(x, t.scalar("dim", 1)), b -> b.setAttr("output_type",
                    DataType.DT_INT32));
            t.op("ArgMax", "argmax64", x, t.scalar("dim2", -1));
            t.output("topk:0");
            t.output("topk:1", io.trt4j.core.DataType.INT32);
            t.output("argmax:0", io.trt4j.core.DataType.INT32);
            t.output("argmax64:0", io.trt4j.core.DataType.INT64);
            OnnxModel m = Parity.check(t);
            assertEquals(io.trt4j.core.DataType.INT32, m.outputs().get(1).dataType());
        }
    }

    @Test
    void tileAndAddN() {
        try (TfGraph t = new TfGraph(24)) {
            Output<?> x = t.input("x", 2, 3);
            t.op("Tile", "tile", x, t.ints("multiples", 2, 3));
            t.op("AddN", "addn", List.of(), b -> b.addInputList(new Output<?>[] {x, t.weights("c", 1, 2, 3), x}));
            t.output("tile:0");
            t.output("addn:0");
            Parity.check(t);
        }
    }

    @Test
    void doubleOutputIsRefusedWithItsName() {
        try (TfGraph t = new TfGraph(25)) {
            Output<?> x = t.input("x", 2, 3);
            t.op("Cast", "d", List.of(x), b -> b.setAttr("DstT", DataType.DT_DOUBLE));
            t.output("d:0");
            ConversionException e = org.junit.jupiter.api.Assertions.assertThrows(ConversionException.class,
                    () -> new TfToOnnxConverter().convert(t.frozen()));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("'d:0'"), e.getMessage());
        }
    }

    @Test
    void identityChainsAndIdentityN() {
        try (TfGraph t = new TfGraph(23)) {
            Output<?> x = t.input("x", 2, 3);
            Output<?> i1 = t.op("Identity", "i1", t.op("Relu", "relu", x));
            t.op("IdentityN", "idn", List.of(), b -> b.addInputList(new Output<?>[] {i1, x}));
            t.op("Identity", "out", t.op("Identity", "i2", t.weights("c", 1, 2, 3)));
            t.output("idn:0");
            t.output("idn:1");
            t.output("out:0");
            OnnxModel m = Parity.check(t);
            assertEquals(List.of("idn:0", "idn:1", "out:0"), m.outputs().stream().map(o -> o.name()).toList());
        }
    }
}
