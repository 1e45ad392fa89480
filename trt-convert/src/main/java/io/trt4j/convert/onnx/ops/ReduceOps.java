package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.OnnxNode;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

/**
 * Reductions and arg-reductions: Mean, Sum, Max, Min, Prod (constant axes, keep_dims), ArgMax, ArgMin. Opset 17 takes
 * ReduceSum's axes as an input and the others' as an attribute. TensorFlow's empty axis list reduces nothing.
 *
 * <p>Thread-safety: stateless.
 */
final class ReduceOps {
    private ReduceOps() {
    }

    static void register(Map<String, OpHandler> m) {
        m.put("Mean", (ctx, n) -> reduce(ctx, n, "ReduceMean"));
        m.put("Sum", (ctx, n) -> reduce(ctx, n, "ReduceSum"));
        m.put("Max", (ctx, n) -> reduce(ctx, n, "ReduceMax"));
        m.put("Min", (ctx, n) -> reduce(ctx, n, "ReduceMin"));
        m.put("Prod", (ctx, n) -> reduce(ctx, n, "ReduceProd"));
        m.put("ArgMax", (ctx, n) -> arg(ctx, n, "ArgMax"));
        m.put("ArgMin", (ctx, n) -> arg(ctx, n, "ArgMin"));
    }

    private static void reduce(ConversionContext ctx, NodeDef n, String op) {
        long[] axes = normalize(ctx.requireConst(n, 1, "reduction axes").longs(), ctx.inputRank(n, 0));
        long keep = TfAttrs.bool(n, "keep_dims", false) ? 1 : 0;
        if (axes.length == 0) {
            ctx.emit("Identity", n, ctx.input(n, 0));
            return;
        }
        OnnxNode node = op.equals("ReduceSum")
                ? ctx.emit(op, n, ctx.input(n, 0), ctx.int64s(n, "axes", axes))
                : ctx.emit(op, n, ctx.input(n, 0)).attr(Attrs.ints("axes", axes));
        node.attr(Attrs.i("keepdims", keep));
    }

    private static void arg(ConversionContext ctx, NodeDef n, String op) {
        long axis = normalize(new long[] {ctx.requireConst(n, 1, "dimension").longs()[0]}, ctx.inputRank(n, 0))[0];
        DataType outType = TfAttrs.type(n, "output_type", DataType.DT_INT64);
        if (outType == DataType.DT_INT64) {
            ctx.emit(op, n, ctx.input(n, 0)).attr(Attrs.i("axis", axis)).attr(Attrs.i("keepdims", 0));
        } else {
            String idx = ctx.tempNode(op, n, ctx.input(n, 0)).attr(Attrs.i("axis", axis)).attr(Attrs.i("keepdims", 0))
                    .output(0);
            ctx.emit("Cast", n, idx).attr(Attrs.i("to", OnnxTypes.fromTf(outType)));
        }
    }

    /** Negative axes made positive where the rank is known. */
    static long[] normalize(long[] axes, int rank) {
        long[] out = axes.clone();
        if (rank >= 0) {
            for (int i = 0; i < out.length; i++) {
                if (out[i] < 0) {
                    out[i] += rank;
                }
            }
        }
        return out;
    }
}
