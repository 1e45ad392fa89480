package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxNode;

import java.util.List;
import java.util.Map;
import org.tensorflow.proto.NodeDef;

/**
 * Convolutions: Conv2D, DepthwiseConv2dNative, and the grappler-fused _FusedConv2D / _FusedDepthwiseConv2dNative
 * (and TF.js's FusedDepthwiseConv2dNative) with their fused_ops (BiasAdd, FusedBatchNorm, Add, Relu, Relu6, Elu,
 * LeakyRelu, Sigmoid, Tanh). NHWC inputs are transposed to NCHW around the ONNX Conv; filters HWIO become OIHW, and
 * depthwise filters HWCM become (C*M, 1, H, W) with group = C.
 *
 * <p>Thread-safety: stateless.
 */
final class ConvOps {
    private ConvOps() {
    }

    static void register(Map<String, OpHandler> m) {
        m.put("Conv2D", (ctx, n) -> conv(ctx, n, false, List.of()));
        m.put("DepthwiseConv2dNative", (ctx, n) -> conv(ctx, n, true, List.of()));
        m.put("_FusedConv2D", (ctx, n) -> conv(ctx, n, false, TfAttrs.strings(n, "fused_ops")));
        OpHandler fusedDepthwise = (ctx, n) -> conv(ctx, n, true, TfAttrs.strings(n, "fused_ops"));
        m.put("_FusedDepthwiseConv2dNative", fusedDepthwise);
        m.put("FusedDepthwiseConv2dNative", fusedDepthwise);
    }

    private static void conv(ConversionContext ctx, NodeDef n, boolean depthwise, List<String> fusedOps) {
        boolean nhwc = !TfAttrs.string(n, "data_format", "NHWC").startsWith("NC");
        int r = 4;
        int type = ctx.inputType(n, 0);
        String x = ctx.input(n, 0);
        long[] inShape = ctx.inputShape(n, 0);
        long[] inNchw = nhwc ? ConversionContext.permute(inShape, ConversionContext.toNchwPerm(r)) : inShape;
        String xc = nhwc ? ctx.toNchw(n, x, r) : x;

        String w;
        long group = 1;
        long[] kernel;
        ConstTensor filter = ctx.constInput(n, 1);
        if (filter != null) {
            long[] fd = filter.dims();
            kernel = new long[] {fd[0], fd[1]};
            if (depthwise) {
                group = fd[2];
                filter = filter.reshape(new long[] {fd[0], fd[1], 1, fd[2] * fd[3]});
            } else if (inNchw != null && inNchw[1] > 0 && inNchw[1] != fd[2]) {
                group = inNchw[1] / fd[2];
            }
            w = ctx.constant(n, "weights", filter.transpose(new int[] {3, 2, 0, 1}));
        } else {
            long[] fd = ctx.inputShape(n, 1);
            if (fd == null || fd[0] < 0 || fd[1] < 0 || (depthwise && (fd[2] < 0 || fd[3] < 0))) {
                throw ConversionContext.error(n, "filter shape must be static");
            }
            kernel = new long[] {fd[0], fd[1]};
            String f = ctx.input(n, 1);
            if (depthwise) {
                group = fd[2];
                f = ctx.temp("Reshape", n, f, ctx.int64s(n, "filter_shape", fd[0], fd[1], 1, fd[2] * fd[3]));
            }
            w = ctx.tempNode("Transpose", n, f).attr(Attrs.ints("perm", 3, 2, 0, 1)).output(0);
        }

        long[] strides = Padding.spatial(TfAttrs.ints(n, "strides", new long[] {1, 1, 1, 1}), nhwc);
        long[] dilations = Padding.spatial(TfAttrs.ints(n, "dilations", new long[] {1, 1, 1, 1}), nhwc);
        long[] explicit = Padding.explicitNchw(TfAttrs.ints(n, "explicit_paddings", null), nhwc);

        int argBase = 2;
        boolean biasFused = !fusedOps.isEmpty() && fusedOps.get(0).equals("BiasAdd");
        OnnxNode conv = biasFused
                ? ctx.tempNode("Conv", n, xc, w, ctx.input(n, argBase))
                : ctx.tempNode("Conv", n, xc, w);
        conv.attr(Attrs.ints("strides", strides)).attr(Attrs.ints("dilations", dilations))
                .attr(Attrs.ints("kernel_shape", kernel)).attr(Attrs.i("group", group));
        Padding.apply(n, conv, TfAttrs.string(n, "padding"), inNchw, kernel, strides, dilations, explicit);
        long[] outShape = ctx.outputShape(n, 0);
        long[] outNchw = nhwc ? ConversionContext.permute(outShape, ConversionContext.toNchwPerm(r)) : outShape;
        String y = conv.output(0);
        ctx.graph().setShape(y, outNchw);
        ctx.graph().setType(y, type);

        int arg = biasFused ? argBase + 1 : argBase;
        for (int i = biasFused ? 1 : 0; i < fusedOps.size(); i++) {
            String op = fusedOps.get(i);
            switch (op) {
                case "BiasAdd" -> y = ctx.temp("Add", n, y,
                        ElementwiseOps.channelsFirstBias(ctx, n, ctx.input(n, arg++), r));
                case "FusedBatchNorm" -> {
                    y = NormOps.batchNormChannelsFirst(ctx, n, y, arg, r, TfAttrs.real(n, "epsilon", 1e-3f));
                    arg += 4;
                }
                case "Add" -> {
                    String addend = ctx.input(n, arg++);
                    y = ctx.temp("Add", n, y, nhwc ? ctx.toNchw(n, addend, r) : addend);
                }
                case "Relu" -> y = ctx.temp("Relu", n, y);
                case "Relu6" -> y = ctx.temp("Clip", n, y, ctx.scalar(n, "zero", type, 0),
                        ctx.scalar(n, "six", type, 6));
                case "Elu" -> y = ctx.tempNode("Elu", n, y).attr(Attrs.f("alpha", 1f)).output(0);
                case "LeakyRelu" -> y = ctx.tempNode("LeakyRelu", n, y)
                        .attr(Attrs.f("alpha", TfAttrs.real(n, "leakyrelu_alpha", 0.2f))).output(0);
                case "Sigmoid" -> y = ctx.temp("Sigmoid", n, y);
                case "Tanh" -> y = ctx.temp("Tanh", n, y);
                default -> throw ConversionContext.error(n, "fused op '" + op + "' is not supported");
            }
            ctx.graph().setShape(y, outNchw);
            ctx.graph().setType(y, type);
        }
        if (nhwc) {
            ctx.fromNchw(n, y, ctx.out(n, 0), r);
        } else {
            ctx.emitTo("Identity", n, ctx.out(n, 0), y);
        }
    }

}
