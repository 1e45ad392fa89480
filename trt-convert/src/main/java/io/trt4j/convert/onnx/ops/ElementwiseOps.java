package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.ConstTensor;
import java.util.Map;
import org.tensorflow.proto.NodeDef;

/**
 * Element-wise arithmetic and activations: Add/AddV2/Sub/Mul/RealDiv/Maximum/Minimum (numpy broadcasting, as in
 * ONNX), BiasAdd, unary math (Sqrt, Rsqrt, Square, Exp, Log, Neg, Abs, ...), Relu, Relu6 (Clip 0..6), Elu, LeakyRelu,
 * Sigmoid, Tanh, Softplus, Softmax (last axis).
 *
 * <p>Thread-safety: stateless.
 */
final class ElementwiseOps {
    private ElementwiseOps() {
    }

    static void register(Map<String, OpHandler> m) {
        binary(m, "Add", "Add");
        binary(m, "AddV2", "Add");
        binary(m, "Sub", "Sub");
        binary(m, "Mul", "Mul");
        binary(m, "RealDiv", "Div");
        binary(m, "Maximum", "Max");
        binary(m, "Minimum", "Min");
        binary(m, "Pow", "Pow");
        unary(m, "Relu", "Relu");
        unary(m, "Sigmoid", "Sigmoid");
        unary(m, "Tanh", "Tanh");
        unary(m, "Sqrt", "Sqrt");
        unary(m, "Exp", "Exp");
        unary(m, "Log", "Log");
        unary(m, "Neg", "Neg");
        unary(m, "Abs", "Abs");
        unary(m, "Floor", "Floor");
        unary(m, "Ceil", "Ceil");
        unary(m, "Reciprocal", "Reciprocal");
        unary(m, "Softplus", "Softplus");
        m.put("Rsqrt", (ctx, n) -> ctx.emit("Reciprocal", n, ctx.temp("Sqrt", n, ctx.input(n, 0))));
        m.put("Square", (ctx, n) -> ctx.emit("Mul", n, ctx.input(n, 0), ctx.input(n, 0)));
        m.put("SquaredDifference", (ctx, n) -> {
            String d = ctx.temp("Sub", n, ctx.input(n, 0), ctx.input(n, 1));
            ctx.emit("Mul", n, d, d);
        });
        m.put("Relu6", (ctx, n) -> {
            int t = ctx.inputType(n, 0);
            ctx.emit("Clip", n, ctx.input(n, 0), ctx.scalar(n, "zero", t, 0), ctx.scalar(n, "six", t, 6));
        });
        m.put("Elu", (ctx, n) -> ctx.emit("Elu", n, ctx.input(n, 0)).attr(Attrs.f("alpha", 1f)));
        m.put("LeakyRelu", (ctx, n) -> ctx.emit("LeakyRelu", n, ctx.input(n, 0))
                .attr(Attrs.f("alpha", TfAttrs.real(n, "alpha", 0.2f))));
        m.put("Softmax", (ctx, n) -> {
            int r = ctx.inputRank(n, 0);
            ctx.emit("Softmax", n, ctx.input(n, 0)).attr(Attrs.i("axis", r > 0 ? r - 1 : -1));
        });
        m.put("BiasAdd", ElementwiseOps::biasAdd);
    }

    private static void binary(Map<String, OpHandler> m, String tf, String onnx) {
        m.put(tf, (ctx, n) -> ctx.emit(onnx, n, ctx.input(n, 0), ctx.input(n, 1)));
    }

    private static void unary(Map<String, OpHandler> m, String tf, String onnx) {
        m.put(tf, (ctx, n) -> ctx.emit(onnx, n, ctx.input(n, 0)));
    }

    private static void biasAdd(ConversionContext ctx, NodeDef n) {
        String fmt = TfAttrs.string(n, "data_format", "NHWC");
        String bias = ctx.input(n, 1);
        if (fmt.startsWith("NC")) {
            int r = ctx.requireRank(n, 0);
            bias = channelsFirstBias(ctx, n, bias, r);
        }
        ctx.emit("Add", n, ctx.input(n, 0), bias);
    }

    /** A bias vector [C] reshaped to [C, 1, ...] so that it broadcasts over a channels-first tensor of rank r. */
    static String channelsFirstBias(ConversionContext ctx, NodeDef n, String bias, int r) {
        long[] dims = new long[r - 1];
        java.util.Arrays.fill(dims, 1);
        dims[0] = -1;
        ConstTensor c = ctx.graph().constant(bias);
        if (c != null) {
            dims[0] = c.elementCount();
            return ctx.constant(n, "bias", c.reshape(dims));
        }
        return ctx.temp("Reshape", n, bias, ctx.constant(n, "bias_shape", ConstTensor.vector(dims)));
    }
}
