package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.OnnxNode;
import java.util.Map;
import org.tensorflow.proto.NodeDef;

/**
 * Pooling: MaxPool and AvgPool, NHWC or NCHW. TensorFlow's SAME average pooling divides by the number of real
 * (unpadded) elements, hence {@code count_include_pad = 0}.
 *
 * <p>Thread-safety: stateless.
 */
final class PoolOps {
    private PoolOps() {
    }

    static void register(Map<String, OpHandler> m) {
        m.put("MaxPool", (ctx, n) -> pool(ctx, n, "MaxPool"));
        m.put("AvgPool", (ctx, n) -> pool(ctx, n, "AveragePool"));
    }

    private static void pool(ConversionContext ctx, NodeDef n, String onnxOp) {
        boolean nhwc = !TfAttrs.string(n, "data_format", "NHWC").startsWith("NC");
        int r = 4;
        String x = ctx.input(n, 0);
        long[] inShape = ctx.inputShape(n, 0);
        long[] inNchw = nhwc ? ConversionContext.permute(inShape, ConversionContext.toNchwPerm(r)) : inShape;
        String xc = nhwc ? ctx.toNchw(n, x, r) : x;
        long[] kernel = Padding.spatial(TfAttrs.ints(n, "ksize", null), nhwc);
        long[] strides = Padding.spatial(TfAttrs.ints(n, "strides", null), nhwc);
        long[] ones = new long[kernel.length];
        java.util.Arrays.fill(ones, 1);
        OnnxNode pool = ctx.tempNode(onnxOp, n, xc).attr(Attrs.ints("kernel_shape", kernel))
                .attr(Attrs.ints("strides", strides));
        if (onnxOp.equals("AveragePool")) {
            pool.attr(Attrs.i("count_include_pad", 0));
        }
        Padding.apply(n, pool, TfAttrs.string(n, "padding"), inNchw, kernel, strides, ones,
                Padding.explicitNchw(TfAttrs.ints(n, "explicit_paddings", null), nhwc));
        ctx.setNchwShape(pool.output(0), nhwc ? ctx.outputShape(n, 0) : null, ctx.inputType(n, 0));
        if (nhwc) {
            ctx.fromNchw(n, pool.output(0), ctx.out(n, 0), r);
        } else {
            ctx.graph().setShape(pool.output(0), ctx.outputShape(n, 0));
            ctx.emitTo("Identity", n, ctx.out(n, 0), pool.output(0));
        }
    }
}
