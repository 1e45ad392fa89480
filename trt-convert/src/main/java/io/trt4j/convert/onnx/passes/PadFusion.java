package io.trt4j.convert.onnx.passes;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxGraph;
import io.trt4j.convert.onnx.ir.OnnxNode;
import java.util.List;
import java.util.Map;

/**
 * Folds zero padding of the spatial dimensions into the following Conv's {@code pads}: {@code Conv(Pad(x))}, and
 * {@code Conv(Transpose(Pad(x)))} where the pad sits before the layout transpose (Keras' ZeroPadding2D right after an
 * NHWC input), which also lets the input transpose move to the graph input.
 *
 * <p>Thread-safety: stateless.
 */
public final class PadFusion implements Pass {
    @Override
    public boolean run(OnnxGraph g) {
        boolean changed = false;
        Map<String, OnnxNode> producers = g.producers();
        Map<String, List<OnnxNode>> consumers = g.consumers();
        for (OnnxNode conv : List.copyOf(g.nodes())) {
            if (!conv.opType().equals("Conv") || conv.hasAttr("auto_pad")
                    && !conv.attrString("auto_pad", "NOTSET").equals("NOTSET")) {
                continue;
            }
            OnnxNode first = producers.get(conv.input(0));
            if (first == null || single(consumers, first.output(0)) == null || g.isGraphOutput(first.output(0))) {
                continue;
            }
            OnnxNode pad;
            int[] perm;
            if (first.opType().equals("Pad")) {
                pad = first;
                perm = null;
            } else if (first.opType().equals("Transpose")) {
                pad = producers.get(first.input(0));
                if (pad == null || !pad.opType().equals("Pad") || single(consumers, pad.output(0)) == null
                        || g.isGraphOutput(pad.output(0))) {
                    continue;
                }
                long[] p = first.attrInts("perm");
                perm = new int[p.length];
                for (int i = 0; i < p.length; i++) {
                    perm[i] = (int) p[i];
                }
            } else {
                continue;
            }
            long[] spatial = zeroSpatialPads(g, pad, perm);
            if (spatial == null) {
                continue;
            }
            int s = spatial.length / 2;
            long[] pads = conv.attrInts("pads");
            if (pads == null) {
                pads = new long[2 * s];
            }
            if (pads.length != 2 * s) {
                continue;
            }
            for (int i = 0; i < 2 * s; i++) {
                pads[i] += spatial[i];
            }
            conv.attributes().remove("auto_pad");
            conv.attr(Attrs.ints("pads", pads));
            if (perm == null) {
                conv.inputs().set(0, pad.input(0));
            } else {
                first.inputs().set(0, pad.input(0));
            }
            g.nodes().remove(pad);
            return true;
        }
        return changed;
    }

    private static OnnxNode single(Map<String, List<OnnxNode>> consumers, String value) {
        List<OnnxNode> c = consumers.get(value);
        return c != null && c.size() == 1 ? c.get(0) : null;
    }

    /**
     * The pad's begin and end amounts of the spatial dims in Conv layout (N, C, spatial...), or {@code null} unless it
     * is constant zero padding of spatial dims only. {@code perm} maps Conv-layout dims to the pad's dims.
     */
    private static long[] zeroSpatialPads(OnnxGraph g, OnnxNode pad, int[] perm) {
        if (!pad.attrString("mode", "constant").equals("constant")) {
            return null;
        }
        ConstTensor p = g.constant(pad.input(1));
        if (p == null) {
            return null;
        }
        if (!pad.input(2).isEmpty()) {
            ConstTensor v = g.constant(pad.input(2));
            if (v == null || v.elementCount() != 1 || v.doubles()[0] != 0) {
                return null;
            }
        }
        if (pad.inputs().size() > 3 && !pad.input(3).isEmpty()) {
            return null;
        }
        long[] pv = p.longs();
        int r = pv.length / 2;
        long[] inConv = new long[2 * r];
        for (int i = 0; i < r; i++) {
            int src = perm == null ? i : perm[i];
            inConv[i] = pv[src];
            inConv[r + i] = pv[r + src];
        }
        if (inConv[0] != 0 || inConv[1] != 0 || inConv[r] != 0 || inConv[r + 1] != 0) {
            return null;
        }
        long[] out = new long[2 * (r - 2)];
        for (int i = 0; i < r - 2; i++) {
            out[i] = inConv[2 + i];
            out[r - 2 + i] = inConv[r + 2 + i];
            if (out[i] < 0 || out[r - 2 + i] < 0) {
                return null;
            }
        }
        return out;
    }
}
