package io.trt4j.convert.onnx.passes;

import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxGraph;
import io.trt4j.convert.onnx.ir.OnnxNode;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Evaluates, in Java, nodes whose inputs are all constants, replacing them by initializers: Identity, Transpose,
 * Reshape, Cast, Squeeze, Unsqueeze, Concat, Gather, Slice, element-wise arithmetic (numpy broadcasting), Sqrt,
 * Reciprocal, Neg, Relu, and Shape of values whose shape is statically known. Float results are rounded to float32
 * after each op, as a float32 runtime would.
 *
 * <p>Thread-safety: stateless.
 */
public final class ConstantFolding implements Pass {
    @Override
    public boolean run(OnnxGraph g) {
        boolean changed = false;
        Iterator<OnnxNode> it = g.nodes().iterator();
        while (it.hasNext()) {
            OnnxNode n = it.next();
            ConstTensor result = fold(g, n);
            if (result != null) {
                String out = n.output(0);
                if (g.isGraphOutput(out)) {
                    continue;
                }
                g.initializers().put(out, result);
                g.setShape(out, result.dims());
                g.setType(out, result.dataType());
                it.remove();
                changed = true;
            }
        }
        return changed;
    }

    private static ConstTensor fold(OnnxGraph g, OnnxNode n) {
        if (n.outputs().size() != 1) {
            return null;
        }
        if (n.opType().equals("Shape")) {
            long[] s = g.shape(n.input(0));
            if (s == null || g.constant(n.input(0)) != null) {
                ConstTensor c = g.constant(n.input(0));
                return c == null ? null : ConstTensor.vector(c.dims());
            }
            for (long d : s) {
                if (d < 0) {
                    return null;
                }
            }
            return ConstTensor.vector(s);
        }
        List<ConstTensor> in = new ArrayList<>();
        for (String i : n.inputs()) {
            if (i.isEmpty()) {
                in.add(null);
                continue;
            }
            ConstTensor c = g.constant(i);
            if (c == null) {
                return null;
            }
            in.add(c);
        }
        if (in.isEmpty()) {
            return null;
        }
        try {
            return evaluate(n, in);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ConstTensor evaluate(OnnxNode n, List<ConstTensor> in) {
        ConstTensor x = in.get(0);
        return switch (n.opType()) {
            case "Identity" -> x;
            case "Transpose" -> {
                long[] p = n.attrInts("perm");
                int[] perm = new int[x.rank()];
                for (int i = 0; i < perm.length; i++) {
                    perm[i] = p == null ? perm.length - 1 - i : (int) p[i];
                }
                yield x.transpose(perm);
            }
            case "Reshape" -> x.reshape(reshapeDims(x.dims(), in.get(1).longs()));
            case "Cast" -> x.cast((int) n.attrInt("to", OnnxTypes.FLOAT));
            case "Squeeze" -> {
                long[] d = x.dims();
                List<Long> out = new ArrayList<>();
                long[] axes = in.size() > 1 && in.get(1) != null ? in.get(1).longs() : null;
                for (int i = 0; i < d.length; i++) {
                    boolean drop = axes == null ? d[i] == 1 : contains(axes, i, d.length);
                    if (!drop) {
                        out.add(d[i]);
                    }
                }
                yield x.reshape(out.stream().mapToLong(Long::longValue).toArray());
            }
            case "Unsqueeze" -> {
                long[] axes = in.get(1).longs();
                int r = x.rank() + axes.length;
                long[] out = new long[r];
                long[] d = x.dims();
                int k = 0;
                for (int i = 0; i < r; i++) {
                    out[i] = contains(axes, i, r) ? 1 : d[k++];
                }
                yield x.reshape(out);
            }
            case "Concat" -> concat(in, (int) n.attrInt("axis", 0));
            case "Gather" -> gather(x, in.get(1), (int) n.attrInt("axis", 0));
            case "Slice" -> slice(x, in);
            case "Add", "Sub", "Mul", "Div", "Max", "Min", "Pow" -> binary(n.opType(), x, in.get(1));
            case "Sqrt", "Reciprocal", "Neg", "Relu" -> unary(n.opType(), x);
            default -> null;
        };
    }

    private static boolean contains(long[] axes, int i, int rank) {
        for (long a : axes) {
            if ((a < 0 ? a + rank : a) == i) {
                return true;
            }
        }
        return false;
    }

    /** ONNX Reshape target dims: 0 copies the input dim, -1 is inferred. */
    static long[] reshapeDims(long[] inDims, long[] shape) {
        long[] out = shape.clone();
        long total = ConstTensor.elementCount(inDims);
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = inDims[i];
            }
            if (out[i] == -1) {
                unknown = i;
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            out[unknown] = total / known;
        }
        return out;
    }

    private static ConstTensor unary(String op, ConstTensor x) {
        double[] v = x.doubles();
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (op) {
                case "Sqrt" -> Math.sqrt(v[i]);
                case "Reciprocal" -> 1.0 / v[i];
                case "Neg" -> -v[i];
                default -> Math.max(v[i], 0);
            };
        }
        return ConstTensor.ofDoubles(x.dataType(), x.dims(), v);
    }

    private static ConstTensor binary(String op, ConstTensor a, ConstTensor b) {
        if (a.dataType() != b.dataType()) {
            return null;
        }
        long[] ad = a.dims();
        long[] bd = b.dims();
        int r = Math.max(ad.length, bd.length);
        long[] od = new long[r];
        long[] as = new long[r];
        long[] bs = new long[r];
        long[] aStr = ConstTensor.strides(ad);
        long[] bStr = ConstTensor.strides(bd);
        for (int i = 0; i < r; i++) {
            int ai = i - (r - ad.length);
            int bi = i - (r - bd.length);
            long da = ai >= 0 ? ad[ai] : 1;
            long db = bi >= 0 ? bd[bi] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes do not broadcast");
            }
            od[i] = Math.max(da, db);
            as[i] = ai >= 0 && da != 1 ? aStr[ai] : 0;
            bs[i] = bi >= 0 && db != 1 ? bStr[bi] : 0;
        }
        double[] av = a.doubles();
        double[] bv = b.doubles();
        int n = (int) ConstTensor.elementCount(od);
        double[] out = new double[n];
        int[] idx = new int[r];
        long ao = 0;
        long bo = 0;
        boolean integer = a.dataType() != OnnxTypes.FLOAT && a.dataType() != OnnxTypes.DOUBLE;
        for (int o = 0; o < n; o++) {
            double x = av[(int) ao];
            double y = bv[(int) bo];
            out[o] = switch (op) {
                case "Add" -> x + y;
                case "Sub" -> x - y;
                case "Mul" -> x * y;
                case "Div" -> integer ? (double) ((long) x / (long) y) : x / y;
                case "Max" -> Math.max(x, y);
                case "Min" -> Math.min(x, y);
                default -> Math.pow(x, y);
            };
            if (a.dataType() == OnnxTypes.FLOAT) {
                out[o] = (float) out[o];
            }
            for (int d = r - 1; d >= 0; d--) {
                idx[d]++;
                ao += as[d];
                bo += bs[d];
                if (idx[d] < od[d]) {
                    break;
                }
                ao -= as[d] * idx[d];
                bo -= bs[d] * idx[d];
                idx[d] = 0;
            }
        }
        return ConstTensor.ofDoubles(a.dataType(), od, out);
    }

    private static ConstTensor concat(List<ConstTensor> in, int axis) {
        ConstTensor first = in.get(0);
        int r = first.rank();
        if (axis < 0) {
            axis += r;
        }
        long[] od = first.dims();
        od[axis] = 0;
        for (ConstTensor t : in) {
            if (t.dataType() != first.dataType() || t.rank() != r) {
                throw new IllegalArgumentException("mismatch");
            }
            od[axis] += t.dims()[axis];
        }
        int size = OnnxTypes.byteSize(first.dataType());
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= od[i];
        }
        com.google.protobuf.ByteString.Output buf = com.google.protobuf.ByteString.newOutput();
        for (long o = 0; o < outer; o++) {
            for (ConstTensor t : in) {
                long chunk = ConstTensor.elementCount(t.dims()) / Math.max(outer, 1) * size;
                buf.write(t.data().substring((int) (o * chunk), (int) ((o + 1) * chunk)).toByteArray(), 0,
                        (int) chunk);
            }
        }
        return new ConstTensor(first.dataType(), od, buf.toByteString());
    }

    private static ConstTensor gather(ConstTensor x, ConstTensor indices, int axis) {
        long[] d = x.dims();
        int r = d.length;
        if (axis < 0) {
            axis += r;
        }
        long[] idx = indices.longs();
        long[] id = indices.dims();
        long[] od = new long[r - 1 + id.length];
        int k = 0;
        for (int i = 0; i < axis; i++) {
            od[k++] = d[i];
        }
        for (long v : id) {
            od[k++] = v;
        }
        for (int i = axis + 1; i < r; i++) {
            od[k++] = d[i];
        }
        int size = OnnxTypes.byteSize(x.dataType());
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= d[i];
        }
        long inner = 1;
        for (int i = axis + 1; i < r; i++) {
            inner *= d[i];
        }
        byte[] src = x.data().toByteArray();
        byte[] dst = new byte[(int) (outer * idx.length * inner * size)];
        int pos = 0;
        for (long o = 0; o < outer; o++) {
            for (long v : idx) {
                long j = v < 0 ? v + d[axis] : v;
                int from = (int) (((o * d[axis]) + j) * inner * size);
                System.arraycopy(src, from, dst, pos, (int) (inner * size));
                pos += (int) (inner * size);
            }
        }
        return new ConstTensor(x.dataType(), od, com.google.protobuf.UnsafeByteOperations.unsafeWrap(dst));
    }

    private static ConstTensor slice(ConstTensor x, List<ConstTensor> in) {
        long[] d = x.dims();
        int r = d.length;
        long[] starts = in.get(1).longs();
        long[] ends = in.get(2).longs();
        long[] axes = in.size() > 3 && in.get(3) != null ? in.get(3).longs() : null;
        long[] steps = in.size() > 4 && in.get(4) != null ? in.get(4).longs() : null;
        long[] st = new long[r];
        long[] step = new long[r];
        long[] od = d.clone();
        java.util.Arrays.fill(step, 1);
        for (int k = 0; k < starts.length; k++) {
            int a = axes == null ? k : (int) (axes[k] < 0 ? axes[k] + r : axes[k]);
            long s = steps == null ? 1 : steps[k];
            long dim = d[a];
            long b = starts[k] < 0 ? starts[k] + dim : starts[k];
            long e = ends[k] < 0 && ends[k] != Long.MIN_VALUE ? ends[k] + dim : ends[k];
            if (s > 0) {
                b = clamp(b, 0, dim);
                e = clamp(e, 0, dim);
                od[a] = Math.max(0, (e - b + s - 1) / s);
            } else {
                b = clamp(b, 0, dim - 1);
                e = clamp(e, -1, dim - 1);
                od[a] = Math.max(0, (b - e + (-s) - 1) / (-s));
            }
            st[a] = b;
            step[a] = s;
        }
        double[] v = x.doubles();
        long[] strides = ConstTensor.strides(d);
        int n = (int) ConstTensor.elementCount(od);
        double[] out = new double[n];
        int[] idx = new int[r];
        for (int o = 0; o < n; o++) {
            long off = 0;
            for (int i = 0; i < r; i++) {
                off += (st[i] + idx[i] * step[i]) * strides[i];
            }
            out[o] = v[(int) off];
            for (int i = r - 1; i >= 0; i--) {
                if (++idx[i] < od[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return ConstTensor.ofDoubles(x.dataType(), od, out);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
