package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.OnnxNode;
import org.tensorflow.proto.NodeDef;

/**
 * TensorFlow padding ({@code SAME}, {@code VALID}, {@code EXPLICIT}) as ONNX {@code pads} / {@code auto_pad}.
 * TensorFlow's SAME puts the odd extra padding at the end; with static spatial input dims it becomes explicit pads,
 * otherwise {@code auto_pad = SAME_UPPER}, which means the same thing.
 *
 * <p>Thread-safety: stateless.
 */
final class Padding {
    private Padding() {
    }

    /**
     * Sets pads or auto_pad on {@code op}.
     *
     * @param inputNchw the channels-first input shape, or {@code null}
     * @param kernel spatial kernel size
     * @param strides spatial strides
     * @param dilations spatial dilations
     * @param explicit TensorFlow {@code explicit_paddings} in channels-first order (2 per dim), for EXPLICIT
     */
    static void apply(NodeDef n, OnnxNode op, String padding, long[] inputNchw, long[] kernel, long[] strides,
            long[] dilations, long[] explicit) {
        int s = kernel.length;
        long[] pads = new long[2 * s];
        switch (padding) {
            case "VALID" -> { }
            case "EXPLICIT" -> {
                for (int i = 0; i < s; i++) {
                    pads[i] = explicit[2 * (i + 2)];
                    pads[i + s] = explicit[2 * (i + 2) + 1];
                }
            }
            case "SAME" -> {
                boolean known = inputNchw != null;
                for (int i = 0; known && i < s; i++) {
                    known = inputNchw[i + 2] >= 0;
                }
                if (!known) {
                    op.attr(Attrs.s("auto_pad", "SAME_UPPER"));
                    return;
                }
                for (int i = 0; i < s; i++) {
                    long in = inputNchw[i + 2];
                    long out = (in + strides[i] - 1) / strides[i];
                    long effective = (kernel[i] - 1) * dilations[i] + 1;
                    long total = Math.max((out - 1) * strides[i] + effective - in, 0);
                    pads[i] = total / 2;
                    pads[i + s] = total - total / 2;
                }
            }
            default -> throw ConversionContext.error(n, "unknown padding '" + padding + "'");
        }
        op.attr(Attrs.ints("pads", pads));
    }

    /** The spatial part of a TensorFlow per-dimension attribute given in the node's data format. */
    static long[] spatial(long[] perDim, boolean channelsLast) {
        int r = perDim.length;
        long[] out = new long[r - 2];
        for (int i = 0; i < r - 2; i++) {
            out[i] = perDim[channelsLast ? i + 1 : i + 2];
        }
        return out;
    }

    /** TensorFlow explicit_paddings (2 per dim, node data format) reordered channels-first. */
    static long[] explicitNchw(long[] explicit, boolean channelsLast) {
        if (explicit == null || explicit.length == 0 || !channelsLast) {
            return explicit;
        }
        int r = explicit.length / 2;
        int[] perm = ConversionContext.toNchwPerm(r);
        long[] out = new long[explicit.length];
        for (int i = 0; i < r; i++) {
            out[2 * i] = explicit[2 * perm[i]];
            out[2 * i + 1] = explicit[2 * perm[i] + 1];
        }
        return out;
    }
}
