package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.Attrs;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.NodeDef;

/**
 * Matrix products: MatMul (transpose_a / transpose_b), BatchMatMul / V2 / V3 (adj_x / adj_y), and _FusedMatMul with
 * its fused_ops (BiasAdd, Relu, Relu6, Elu, LeakyRelu, Sigmoid, Tanh).
 *
 * <p>Thread-safety: stateless.
 */
final class MatMulOps {
    private MatMulOps() {
    }

    static void register(Map<String, OpHandler> m) {
        m.put("MatMul", (ctx, n) -> matMul(ctx, n, "transpose_a", "transpose_b", List.of()));
        m.put("_FusedMatMul", (ctx, n) -> matMul(ctx, n, "transpose_a", "transpose_b",
                TfAttrs.strings(n, "fused_ops")));
        m.put("BatchMatMul", (ctx, n) -> matMul(ctx, n, "adj_x", "adj_y", List.of()));
        m.put("BatchMatMulV2", (ctx, n) -> matMul(ctx, n, "adj_x", "adj_y", List.of()));
        m.put("BatchMatMulV3", (ctx, n) -> matMul(ctx, n, "adj_x", "adj_y", List.of()));
    }

    private static void matMul(ConversionContext ctx, NodeDef n, String ta, String tb, List<String> fused) {
        String a = maybeTranspose(ctx, n, 0, TfAttrs.bool(n, ta, false));
        String b = maybeTranspose(ctx, n, 1, TfAttrs.bool(n, tb, false));
        if (fused.isEmpty()) {
            ctx.emit("MatMul", n, a, b);
            return;
        }
        String y = ctx.temp("MatMul", n, a, b);
        int arg = 2;
        for (String op : fused) {
            y = switch (op) {
                case "BiasAdd", "Add" -> ctx.temp("Add", n, y, ctx.input(n, arg++));
                case "Relu" -> ctx.temp("Relu", n, y);
                case "Relu6" -> ctx.temp("Clip", n, y, ctx.scalar(n, "zero", ctx.inputType(n, 0), 0),
                        ctx.scalar(n, "six", ctx.inputType(n, 0), 6));
                case "Elu" -> ctx.tempNode("Elu", n, y).attr(Attrs.f("alpha", 1f)).output(0);
                case "LeakyRelu" -> ctx.tempNode("LeakyRelu", n, y)
                        .attr(Attrs.f("alpha", TfAttrs.real(n, "leakyrelu_alpha", 0.2f))).output(0);
                case "Sigmoid" -> ctx.temp("Sigmoid", n, y);
                case "Tanh" -> ctx.temp("Tanh", n, y);
                default -> throw ConversionContext.error(n, "fused op '" + op + "' is not supported");
            };
        }
        ctx.emit("Identity", n, y);
    }

    private static String maybeTranspose(ConversionContext ctx, NodeDef n, int i, boolean transpose) {
        String x = ctx.input(n, i);
        if (!transpose) {
            return x;
        }
        int r = ctx.inputRank(n, i);
        if (r < 2) {
            r = 2;
        }
        int[] perm = new int[r];
        for (int k = 0; k < r; k++) {
            perm[k] = k;
        }
        perm[r - 2] = r - 1;
        perm[r - 1] = r - 2;
        return ctx.tempNode("Transpose", n, x).attr(Attrs.ints("perm", perm)).output(0);
    }
}
