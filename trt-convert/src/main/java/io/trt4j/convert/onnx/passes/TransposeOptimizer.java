package io.trt4j.convert.onnx.passes;

import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxGraph;
import io.trt4j.convert.onnx.ir.OnnxNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layout pass. Handlers convert NHWC ops as Transpose(NHWC to NCHW), op, Transpose(NCHW to NHWC); this pass
 * removes those transposes from the body of the network:
 * <ul>
 *   <li>two consecutive transposes compose into one, or vanish when they are inverses;</li>
 *   <li>a transpose is pushed down (towards the outputs) through layout-agnostic ops: element-wise unary ops and
 *       activations, binary element-wise ops whose other operands are transposed the same way or are constants
 *       (constants are re-laid out), Concat, Softmax, reductions, Squeeze and Pad (axes and pads rewritten);</li>
 *   <li>a transpose that only moves size-1 dimensions is dropped in front of a Reshape;</li>
 *   <li>a transpose below scalar arithmetic applied to a graph input (input normalization such as
 *       {@code x * 2 - 1}) moves up onto the input itself.</li>
 * </ul>
 * Transposes of constants are left to {@link ConstantFolding}. What remains is a transpose after an NHWC graph input,
 * and possibly one before a graph output or a shape-changing op.
 *
 * <p>Thread-safety: stateless.
 */
public final class TransposeOptimizer implements Pass {
    private static final Set<String> UNARY = Set.of("Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Clip", "Sqrt",
            "Reciprocal", "Neg", "Exp", "Log", "Abs", "Cast", "Identity", "Softplus", "Floor", "Ceil");
    private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div", "Max", "Min", "Pow");
    private static final Set<String> REDUCE = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
            "ReduceProd");

    @Override
    public boolean run(OnnxGraph g) {
        boolean changedAny = false;
        boolean changed = true;
        while (changed) {
            // one sweep makes many independent rewrites; nodes a rewrite touched wait for the next sweep, whose maps
            // are fresh
            changed = false;
            Map<String, OnnxNode> producers = g.producers();
            Map<String, List<OnnxNode>> consumers = g.consumers();
            Set<OnnxNode> touched = new HashSet<>();
            for (OnnxNode t : new ArrayList<>(g.nodes())) {
                if (!t.opType().equals("Transpose") || touched.contains(t)
                        || touched.contains(producers.get(t.input(0)))) {
                    continue;
                }
                if (collapse(g, t, producers)) {
                    touched.add(t);
                    changed = true;
                    continue;
                }
                OnnxNode hoisted = hoistTowardsInput(g, t, producers, consumers);
                if (hoisted != null) {
                    touched.add(t);
                    touched.add(hoisted);
                    changed = true;
                    continue;
                }
                int[] perm = perm(t);
                if (perm == null) {
                    continue;
                }
                for (OnnxNode c : consumers.getOrDefault(t.output(0), List.of())) {
                    if (touched.contains(c) || !c.inputs().contains(t.output(0))) {
                        continue;
                    }
                    int before = g.nodes().size();
                    if (push(g, t, perm, c, producers, touched) || dropBeforeReshape(g, t, perm, c)) {
                        touched.add(c);
                        touched.add(t);
                        for (int i = before; i < g.nodes().size(); i++) {
                            touched.add(g.nodes().get(i));
                        }
                        changed = true;
                        break;
                    }
                }
            }
            changedAny |= changed;
        }
        return changedAny;
    }

    /** Whether {@code n} is a binary element-wise op with a single-element constant operand (like {@code x * 2}). */
    private static boolean isScalarElementwise(OnnxGraph g, OnnxNode n) {
        if (n.outputs().size() != 1 || !BINARY.contains(n.opType()) || n.inputs().size() != 2) {
            return false;
        }
        ConstTensor a = g.constant(n.input(0));
        ConstTensor b = g.constant(n.input(1));
        return (a == null) != (b == null) && (a != null ? a : b).elementCount() == 1;
    }

    private static String dataInput(OnnxGraph g, OnnxNode n) {
        return BINARY.contains(n.opType()) && g.constant(n.input(0)) != null ? n.input(1) : n.input(0);
    }

    /** Whether {@code value} is a graph input, possibly after scalar arithmetic (input normalization) and transposes. */
    private static boolean comesFromInput(OnnxGraph g, String value, Map<String, OnnxNode> producers) {
        for (int depth = 0; depth < 16; depth++) {
            OnnxNode p = producers.get(value);
            if (p == null) {
                String v = value;
                return g.inputs().stream().anyMatch(i -> i.getName().equals(v));
            }
            if (p.opType().equals("Transpose")) {
                value = p.input(0);
                continue;
            }
            if (!isScalarElementwise(g, p)) {
                return false;
            }
            value = dataInput(g, p);
        }
        return false;
    }

    /**
     * Moves a transpose above the scalar arithmetic (e.g. {@code x * 2 - 1}) that sits between it and a graph
     * input, so that the transpose applies to the input itself. Returns the op moved below the transpose, or
     * {@code null}.
     */
    private static OnnxNode hoistTowardsInput(OnnxGraph g, OnnxNode t, Map<String, OnnxNode> producers,
            Map<String, List<OnnxNode>> consumers) {
        OnnxNode e = producers.get(t.input(0));
        if (e == null || !isScalarElementwise(g, e) || g.isGraphOutput(e.output(0))
                || consumers.getOrDefault(e.output(0), List.of()).size() != 1
                || !comesFromInput(g, e.output(0), producers)) {
            return null;
        }
        String x = dataInput(g, e);
        String eOut = e.output(0);
        String tOut = t.output(0);
        int idx = e.inputs().indexOf(x);
        t.inputs().set(0, x);
        String moved = g.uniqueName(t.name() + "/hoisted:0");
        t.outputs().set(0, moved);
        g.setShape(moved, permute(g.shape(x), perm(t)));
        g.setType(moved, g.type(x));
        e.inputs().set(idx, moved);
        e.outputs().set(0, tOut);
        g.setShape(eOut, null);
        return e;
    }

    private static int[] perm(OnnxNode t) {
        long[] p = t.attrInts("perm");
        if (p == null) {
            return null;
        }
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (int) p[i];
        }
        return out;
    }

    private static boolean isIdentity(int[] p) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inv[p[i]] = i;
        }
        return inv;
    }

    private static long[] permute(long[] s, int[] p) {
        if (s == null || s.length != p.length) {
            return null;
        }
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = s[p[i]];
        }
        return out;
    }

    /** Transpose of a transpose: compose, or remove when the result is the identity. */
    private static boolean collapse(OnnxGraph g, OnnxNode t, Map<String, OnnxNode> producers) {
        int[] p = perm(t);
        if (p != null && isIdentity(p)) {
            t.setOpType("Identity");
            t.attributes().clear();
            return true;
        }
        OnnxNode first = producers.get(t.input(0));
        if (first == null || !first.opType().equals("Transpose") || p == null) {
            return false;
        }
        int[] q = perm(first);
        if (q == null || q.length != p.length) {
            return false;
        }
        int[] composed = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            composed[i] = q[p[i]];
        }
        t.inputs().set(0, first.input(0));
        if (isIdentity(composed)) {
            t.setOpType("Identity");
            t.attributes().clear();
        } else {
            t.attr(Attrs.ints("perm", composed));
        }
        return true;
    }

    /** Moves transpose {@code t} (perm p) below its consumer {@code c} if c is layout-agnostic. */
    private static boolean push(OnnxGraph g, OnnxNode t, int[] p, OnnxNode c, Map<String, OnnxNode> producers,
            Set<OnnxNode> touched) {
        String op = c.opType();
        int r = p.length;
        if (c.outputs().size() != 1 || g.isGraphOutput(t.input(0))) {
            return false;
        }
        if (isScalarElementwise(g, c) && comesFromInput(g, t.input(0), producers)) {
            return false; // the transpose belongs at the input; hoisting would move it back
        }
        int[] inv = inverse(p);
        List<String> newInputs = new ArrayList<>(c.inputs());
        int dataInputs;
        if (UNARY.contains(op)) {
            dataInputs = 1;
        } else if (BINARY.contains(op)) {
            dataInputs = 2;
        } else if (op.equals("Concat")) {
            dataInputs = c.inputs().size();
        } else if (op.equals("Softmax") || REDUCE.contains(op) || op.equals("Squeeze") || op.equals("Pad")) {
            dataInputs = 1;
        } else {
            return false;
        }
        if (!c.input(0).equals(t.output(0)) && (op.equals("Softmax") || REDUCE.contains(op) || op.equals("Squeeze")
                || op.equals("Pad") || UNARY.contains(op))) {
            return false;
        }
        for (int i = 0; i < dataInputs; i++) {
            String in = c.input(i);
            OnnxNode prod = producers.get(in);
            if (in.equals(t.output(0))) {
                newInputs.set(i, t.input(0));
            } else if (prod != null && !touched.contains(prod) && prod.opType().equals("Transpose")
                    && Arrays.equals(perm(prod), p)) {
                newInputs.set(i, prod.input(0));
            } else if (prod != null && touched.contains(prod)) {
                return false;
            } else if (g.constant(in) != null && (BINARY.contains(op) || op.equals("Concat"))) {
                ConstTensor k = g.constant(in);
                if (k.rank() > r) {
                    return false;
                }
                if (k.elementCount() == 1 && op.equals("Concat")) {
                    return false;
                }
                if (k.elementCount() != 1 || op.equals("Concat")) {
                    long[] dims = new long[r];
                    Arrays.fill(dims, 1);
                    long[] kd = k.dims();
                    System.arraycopy(kd, 0, dims, r - kd.length, kd.length);
                    newInputs.set(i, g.addConstant(in + "_nchw", k.reshape(dims).transpose(inv)));
                }
            } else {
                return false;
            }
        }
        String y = c.output(0);
        long[] yShape = g.shape(y);
        int type = g.type(y);
        int[] outPerm = p;
        if (op.equals("Concat") || op.equals("Softmax")) {
            long a = c.attrInt("axis", op.equals("Softmax") ? -1 : 0);
            if (a < 0) {
                a += r;
            }
            c.attr(Attrs.i("axis", p[(int) a]));
        } else if (REDUCE.contains(op) || op.equals("Squeeze")) {
            long[] axes;
            boolean axesAsInput = op.equals("ReduceSum") || op.equals("Squeeze");
            if (axesAsInput) {
                ConstTensor a = c.inputs().size() > 1 ? g.constant(c.input(1)) : null;
                if (a == null) {
                    return false;
                }
                axes = a.longs();
            } else {
                axes = c.attrInts("axes");
                if (axes == null) {
                    return false;
                }
            }
            boolean[] reduced = new boolean[r];
            long[] mapped = new long[axes.length];
            for (int i = 0; i < axes.length; i++) {
                int a = (int) (axes[i] < 0 ? axes[i] + r : axes[i]);
                reduced[a] = true;
                mapped[i] = p[a];
            }
            Arrays.sort(mapped);
            boolean keep = !op.equals("Squeeze") && c.attrInt("keepdims", 1) == 1;
            if (axesAsInput) {
                newInputs.set(1, g.addConstant(c.input(1) + "_nchw", ConstTensor.vector(mapped)));
            } else {
                c.attr(Attrs.ints("axes", mapped));
            }
            if (!keep) {
                List<Integer> remaining = new ArrayList<>();
                for (int j = 0; j < r; j++) {
                    if (Arrays.binarySearch(mapped, j) < 0) {
                        remaining.add(j);
                    }
                }
                List<Integer> q = new ArrayList<>();
                for (int i = 0; i < r; i++) {
                    if (!reduced[i]) {
                        q.add(remaining.indexOf(p[i]));
                    }
                }
                outPerm = q.stream().mapToInt(Integer::intValue).toArray();
            }
        } else if (op.equals("Pad")) {
            ConstTensor pads = g.constant(c.input(1));
            if (pads == null || (c.inputs().size() > 3 && !c.input(3).isEmpty())) {
                return false;
            }
            long[] pv = pads.longs();
            long[] np = new long[2 * r];
            for (int i = 0; i < r; i++) {
                np[p[i]] = pv[i];
                np[r + p[i]] = pv[r + i];
            }
            newInputs.set(1, g.addConstant(c.input(1) + "_nchw", ConstTensor.vector(np)));
        }
        c.inputs().clear();
        c.inputs().addAll(newInputs);
        if (isIdentity(outPerm)) {
            g.setShape(y, yShape);
            return true;
        }
        String inner = g.uniqueName(c.name() + "/nchw:0");
        c.outputs().set(0, inner);
        g.setShape(inner, permute(yShape, inverse(outPerm)));
        g.setType(inner, type);
        g.add("Transpose", c.name() + "/ToNhwc", List.of(inner), List.of(y)).attr(Attrs.ints("perm", outPerm));
        return true;
    }

    /**
     * Drops a transpose in front of a Reshape when it only moves size-1 dimensions (memory order is unchanged).
     */
    private static boolean dropBeforeReshape(OnnxGraph g, OnnxNode t, int[] p, OnnxNode c) {
        if (!c.opType().equals("Reshape") || !c.input(0).equals(t.output(0))) {
            return false;
        }
        long[] s = g.shape(t.input(0));
        if (s == null || s.length != p.length) {
            return false;
        }
        int last = -1;
        for (int axis : p) {
            if (s[axis] != 1) {
                if (axis < last) {
                    return false;
                }
                last = axis;
            }
        }
        c.inputs().set(0, t.input(0));
        return true;
    }
}
