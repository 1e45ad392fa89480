package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxNode;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

/**
 * Shape and data-movement ops: Reshape, Squeeze, ExpandDims, ConcatV2, Transpose, Shape, Pack, Cast, Slice, Split,
 * SplitV, GatherV2, Pad / PadV2 / MirrorPad (REFLECT), TopKV2, Tile, AddN. Shape-like operands (shapes, axes, pads) become int64
 * as ONNX requires; TensorFlow's int32 results (Shape, TopKV2 indices) are cast back.
 *
 * <p>Thread-safety: stateless.
 */
final class ShapeOps {
    private ShapeOps() {
    }

    static void register(Map<String, OpHandler> m) {
        m.put("Reshape", (ctx, n) -> ctx.emit("Reshape", n, ctx.input(n, 0), ctx.int64Input(n, 1)));
        m.put("Squeeze", ShapeOps::squeeze);
        m.put("ExpandDims", (ctx, n) -> ctx.emit("Unsqueeze", n, ctx.input(n, 0),
                ctx.int64s(n, "axes", ctx.requireConst(n, 1, "dim").longs()[0])));
        m.put("ConcatV2", ShapeOps::concat);
        m.put("Transpose", (ctx, n) -> ctx.emit("Transpose", n, ctx.input(n, 0))
                .attr(Attrs.ints("perm", ctx.requireConst(n, 1, "perm").longs())));
        m.put("Shape", ShapeOps::shape);
        m.put("Pack", ShapeOps::pack);
        m.put("Cast", (ctx, n) -> ctx.emit("Cast", n, ctx.input(n, 0))
                .attr(Attrs.i("to", onnxType(n, TfAttrs.type(n, "DstT", DataType.DT_FLOAT)))));
        m.put("Slice", ShapeOps::slice);
        m.put("Split", ShapeOps::split);
        m.put("SplitV", ShapeOps::splitV);
        m.put("GatherV2", ShapeOps::gather);
        m.put("Pad", (ctx, n) -> pad(ctx, n, "constant"));
        m.put("PadV2", (ctx, n) -> pad(ctx, n, "constant"));
        m.put("MirrorPad", (ctx, n) -> {
            String mode = TfAttrs.string(n, "mode", "REFLECT");
            if (!mode.equals("REFLECT")) {
                throw ConversionContext.error(n, "mode " + mode + " has no ONNX equivalent (only REFLECT)");
            }
            pad(ctx, n, "reflect");
        });
        m.put("TopKV2", ShapeOps::topK);
        m.put("StridedSlice", StridedSliceOp::convert);
        m.put("Tile", (ctx, n) -> ctx.emit("Tile", n, ctx.input(n, 0), ctx.int64Input(n, 1)));
        m.put("AddN", (ctx, n) -> {
            String[] in = new String[ctx.inputCount(n)];
            for (int i = 0; i < in.length; i++) {
                in[i] = ctx.input(n, i);
            }
            ctx.emit(in.length == 1 ? "Identity" : "Sum", n, in);
        });
    }

    static int onnxType(NodeDef n, DataType t) {
        int o = OnnxTypes.fromTf(t);
        if (o == OnnxTypes.UNDEFINED) {
            throw ConversionContext.error(n, "type " + t + " is not supported");
        }
        return o;
    }

    private static void squeeze(ConversionContext ctx, NodeDef n) {
        long[] axes = TfAttrs.ints(n, "squeeze_dims", new long[0]);
        if (axes.length == 0) {
            long[] s = ctx.inputShape(n, 0);
            List<Long> ones = new ArrayList<>();
            for (int i = 0; s != null && i < s.length; i++) {
                if (s[i] == 1) {
                    ones.add((long) i);
                }
            }
            if (s == null || ones.isEmpty()) {
                ctx.emit("Squeeze", n, ctx.input(n, 0));
                return;
            }
            axes = ones.stream().mapToLong(Long::longValue).toArray();
        }
        axes = ReduceOps.normalize(axes, ctx.inputRank(n, 0));
        ctx.emit("Squeeze", n, ctx.input(n, 0), ctx.int64s(n, "axes", axes));
    }

    private static void concat(ConversionContext ctx, NodeDef n) {
        int count = ctx.inputCount(n) - 1;
        long axis = ctx.requireConst(n, count, "axis").longs()[0];
        axis = ReduceOps.normalize(new long[] {axis}, ctx.inputRank(n, 0))[0];
        String[] in = new String[count];
        for (int i = 0; i < count; i++) {
            in[i] = ctx.input(n, i);
        }
        ctx.emit("Concat", n, in).attr(Attrs.i("axis", axis));
    }

    private static void shape(ConversionContext ctx, NodeDef n) {
        DataType t = TfAttrs.type(n, "out_type", DataType.DT_INT32);
        if (t == DataType.DT_INT64) {
            ctx.emit("Shape", n, ctx.input(n, 0));
        } else {
            String s = ctx.temp("Shape", n, ctx.input(n, 0));
            ctx.emit("Cast", n, s).attr(Attrs.i("to", onnxType(n, t)));
        }
    }

    private static void pack(ConversionContext ctx, NodeDef n) {
        long axis = TfAttrs.integer(n, "axis", 0);
        int count = ctx.inputCount(n);
        int rank = ctx.inputRank(n, 0);
        if (axis < 0 && rank >= 0) {
            axis += rank + 1;
        }
        String axes = ctx.int64s(n, "axes", axis);
        String[] in = new String[count];
        for (int i = 0; i < count; i++) {
            in[i] = ctx.temp("Unsqueeze", n, ctx.input(n, i), axes);
            ctx.graph().setType(in[i], ctx.inputType(n, i));
        }
        ctx.emit("Concat", n, in).attr(Attrs.i("axis", axis));
    }

    private static void slice(ConversionContext ctx, NodeDef n) {
        long[] begin = ctx.requireConst(n, 1, "begin").longs();
        long[] size = ctx.requireConst(n, 2, "size").longs();
        long[] end = new long[begin.length];
        for (int i = 0; i < begin.length; i++) {
            end[i] = size[i] < 0 ? Long.MAX_VALUE : begin[i] + size[i];
        }
        long[] axes = new long[begin.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        ctx.emit("Slice", n, ctx.input(n, 0), ctx.int64s(n, "starts", begin), ctx.int64s(n, "ends", end),
                ctx.int64s(n, "axes", axes));
    }

    private static void split(ConversionContext ctx, NodeDef n) {
        long axis = ctx.requireConst(n, 0, "axis").longs()[0];
        axis = ReduceOps.normalize(new long[] {axis}, ctx.inputRank(n, 1))[0];
        int k = (int) TfAttrs.integer(n, "num_split", 1);
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            outs.add(ctx.out(n, i));
        }
        long[] s = ctx.inputShape(n, 1);
        List<String> in = new ArrayList<>(List.of(ctx.input(n, 1)));
        if (s != null && s[(int) axis] >= 0) {
            long[] parts = new long[k];
            java.util.Arrays.fill(parts, s[(int) axis] / k);
            in.add(ctx.int64s(n, "split", parts));
        }
        ctx.graph().add("Split", n.getName() + "/Split", in, outs).attr(Attrs.i("axis", axis));
    }

    private static void splitV(ConversionContext ctx, NodeDef n) {
        long[] sizes = ctx.requireConst(n, 1, "size_splits").longs();
        long axis = ctx.requireConst(n, 2, "axis").longs()[0];
        axis = ReduceOps.normalize(new long[] {axis}, ctx.inputRank(n, 0))[0];
        int unknown = -1;
        long known = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0) {
                unknown = i;
            } else {
                known += sizes[i];
            }
        }
        if (unknown >= 0) {
            long[] s = ctx.inputShape(n, 0);
            if (s == null || s[(int) axis] < 0) {
                throw ConversionContext.error(n, "size_splits has -1 but the split dimension is not static");
            }
            sizes[unknown] = s[(int) axis] - known;
        }
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            outs.add(ctx.out(n, i));
        }
        ctx.graph().add("Split", n.getName() + "/Split", List.of(ctx.input(n, 0), ctx.int64s(n, "split", sizes)),
                outs).attr(Attrs.i("axis", axis));
    }

    private static void gather(ConversionContext ctx, NodeDef n) {
        if (TfAttrs.integer(n, "batch_dims", 0) != 0) {
            throw ConversionContext.error(n, "batch_dims != 0 is not supported");
        }
        long axis = ctx.requireConst(n, 2, "axis").longs()[0];
        axis = ReduceOps.normalize(new long[] {axis}, ctx.inputRank(n, 0))[0];
        ctx.emit("Gather", n, ctx.input(n, 0), ctx.input(n, 1)).attr(Attrs.i("axis", axis));
    }

    private static void pad(ConversionContext ctx, NodeDef n, String mode) {
        ConstTensor p = ctx.requireConst(n, 1, "paddings");
        long[] v = p.longs();
        int r = (int) p.dims()[0];
        long[] pads = new long[2 * r];
        for (int i = 0; i < r; i++) {
            pads[i] = v[2 * i];
            pads[i + r] = v[2 * i + 1];
        }
        List<String> in = new ArrayList<>(List.of(ctx.input(n, 0), ctx.int64s(n, "pads", pads)));
        if (n.getOp().equals("PadV2")) {
            in.add(ctx.input(n, 2));
        }
        OnnxNode node = ctx.graph().add("Pad", n.getName() + "/Pad", in, List.of(ctx.out(n, 0)));
        node.attr(Attrs.s("mode", mode));
    }

    private static void topK(ConversionContext ctx, NodeDef n) {
        String k = ctx.temp("Reshape", n, ctx.int64Input(n, 1), ctx.int64s(n, "one", 1));
        String values = ctx.out(n, 0);
        String indices = ctx.graph().uniqueName(n.getName() + "/indices64");
        ctx.graph().add("TopK", n.getName() + "/TopK", List.of(ctx.input(n, 0), k), List.of(values, indices))
                .attr(Attrs.i("axis", -1)).attr(Attrs.i("largest", 1))
                .attr(Attrs.i("sorted", TfAttrs.bool(n, "sorted", true) ? 1 : 0));
        ctx.emitTo("Cast", n, ctx.out(n, 1), indices).attr(Attrs.i("to", OnnxTypes.INT32));
    }
}
