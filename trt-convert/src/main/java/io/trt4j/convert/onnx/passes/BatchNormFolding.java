package io.trt4j.convert.onnx.passes;

import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxGraph;
import io.trt4j.convert.onnx.ir.OnnxNode;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds per-channel {@code Mul} and {@code Add} by constants that directly follow a Conv (batch normalization after
 * the converter turned it into {@code x * s + t}, bias adds) into the Conv's weights and bias:
 * {@code W'[o] = W[o] * s[o]}, {@code B' = B * s + t}.
 *
 * <p>Thread-safety: stateless.
 */
public final class BatchNormFolding implements Pass {
    @Override
    public boolean run(OnnxGraph g) {
        boolean changed = false;
        boolean again = true;
        while (again) {
            // each sweep folds one Mul or Add into every eligible Conv; chains fold over successive sweeps
            again = false;
            Map<String, OnnxNode> producers = g.producers();
            Map<String, List<OnnxNode>> consumers = g.consumers();
            Set<OnnxNode> touched = new HashSet<>();
            Set<OnnxNode> removed = new HashSet<>();
            for (OnnxNode op : g.nodes()) {
                if (!op.opType().equals("Mul") && !op.opType().equals("Add")) {
                    continue;
                }
                int convSide = -1;
                for (int i = 0; i < 2; i++) {
                    OnnxNode p = producers.get(op.input(i));
                    if (p != null && p.opType().equals("Conv") && g.constant(op.input(1 - i)) != null) {
                        convSide = i;
                    }
                }
                if (convSide < 0) {
                    continue;
                }
                String convOut = op.input(convSide);
                OnnxNode conv = producers.get(convOut);
                if (touched.contains(conv) || consumers.getOrDefault(convOut, List.of()).size() != 1
                        || g.isGraphOutput(convOut)) {
                    continue;
                }
                if (fold(g, conv, op, g.constant(op.input(1 - convSide)), consumers)) {
                    removed.add(op);
                    touched.add(conv);
                    conv.outputs().set(0, op.output(0));
                    changed = true;
                    again = true;
                }
            }
            g.nodes().removeIf(removed::contains);
        }
        return changed;
    }

    private static boolean fold(OnnxGraph g, OnnxNode conv, OnnxNode op, ConstTensor k,
            Map<String, List<OnnxNode>> consumers) {
        ConstTensor w = g.constant(conv.input(1));
        if (w == null || w.dataType() != OnnxTypes.FLOAT || k.dataType() != OnnxTypes.FLOAT) {
            return false;
        }
        long[] wd = w.dims();
        int outCh = (int) wd[0];
        int r = wd.length;
        float[] kv = perChannel(k, outCh, r);
        if (kv == null) {
            return false;
        }
        ConstTensor b = conv.input(2).isEmpty() ? null : g.constant(conv.input(2));
        if (!conv.input(2).isEmpty() && b == null) {
            return false;
        }
        float[] bias = b == null ? new float[outCh] : b.cast(OnnxTypes.FLOAT).floats();
        if (op.opType().equals("Mul")) {
            for (int o = 0; o < outCh; o++) {
                bias[o] *= kv[o];
            }
            List<OnnxNode> users = consumers.getOrDefault(conv.input(1), List.of());
            boolean exclusive = users.size() == 1 && users.get(0) == conv && !g.isGraphOutput(conv.input(1))
                    && conv.inputs().indexOf(conv.input(1)) == conv.inputs().lastIndexOf(conv.input(1))
                    && soleHolder(g, conv.input(1), w);
            ConstTensor folded = w.scaleOutputChannels(kv, exclusive);
            if (exclusive) {
                g.initializers().put(conv.input(1), folded);
            } else {
                conv.inputs().set(1, g.addConstant(conv.input(1) + "_folded", folded));
            }
        } else {
            for (int o = 0; o < outCh; o++) {
                bias[o] += kv[o];
            }
        }
        String bName = g.addConstant(conv.name() + "/bias", ConstTensor.ofFloats(new long[] {outCh}, bias));
        while (conv.inputs().size() < 3) {
            conv.inputs().add("");
        }
        conv.inputs().set(2, bName);
        return true;
    }

    /** Whether no other initializer name refers to the same tensor object. */
    private static boolean soleHolder(OnnxGraph g, String name, ConstTensor t) {
        for (Map.Entry<String, ConstTensor> e : g.initializers().entrySet()) {
            if (e.getValue() == t && !e.getKey().equals(name)) {
                return false;
            }
        }
        return true;
    }

    /** The constant as one value per output channel, if it broadcasts only along the channel axis (axis 1). */
    private static float[] perChannel(ConstTensor k, int channels, int rank) {
        long[] d = k.dims();
        if (d.length > rank) {
            return null;
        }
        float[] v = k.floats();
        if (v.length == 1) {
            float[] out = new float[channels];
            java.util.Arrays.fill(out, v[0]);
            return out;
        }
        for (int i = 0; i < d.length; i++) {
            int axis = i + rank - d.length;
            if (axis != 1 && d[i] != 1) {
                return null;
            }
            if (axis == 1 && d[i] != channels) {
                return null;
            }
        }
        return d.length >= rank - 1 ? v : null;
    }
}
