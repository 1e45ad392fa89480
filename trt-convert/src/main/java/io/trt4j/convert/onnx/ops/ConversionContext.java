package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ConversionException;
import io.trt4j.convert.onnx.ir.Attrs;
import io.trt4j.convert.onnx.ir.ConstTensor;
import io.trt4j.convert.onnx.ir.OnnxGraph;
import io.trt4j.convert.onnx.ir.OnnxNode;
import io.trt4j.convert.onnx.ir.OnnxTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.NodeDef;

/**
 * What an op handler sees while converting one TensorFlow node: the ONNX graph under construction, the ONNX value
 * behind each TensorFlow tensor, statically known TensorFlow shapes and types, and helpers to emit nodes.
 *
 * <p>TensorFlow tensor {@code node:i} becomes the ONNX value of the same name, unless a handler aliases it to another
 * value (Identity does). Handlers of NHWC ops wrap the ONNX op in {@link #toNchw} / {@link #fromNchw}; the layout
 * pass later removes the transposes.
 *
 * <p>Thread-safety: not thread-safe; owned by one conversion.
 */
public final class ConversionContext {
    private final OnnxGraph graph;
    private final Map<String, String> aliases;
    private final Map<String, long[]> tfShapes;
    private final Map<String, Integer> tfTypes;

    /**
     * @param graph the ONNX graph to add to
     * @param aliases TensorFlow tensor name to ONNX value name, where they differ (mutable)
     * @param tfShapes statically known TensorFlow shapes by tensor name
     * @param tfTypes ONNX element types of TensorFlow tensors by tensor name
     */
    public ConversionContext(OnnxGraph graph, Map<String, String> aliases, Map<String, long[]> tfShapes,
            Map<String, Integer> tfTypes) {
        this.graph = graph;
        this.aliases = aliases;
        this.tfShapes = tfShapes;
        this.tfTypes = tfTypes;
    }

    public OnnxGraph graph() {
        return graph;
    }

    /** {@code "x"} to {@code "x:0"}; {@code "x:1"} unchanged. */
    public static String tensorName(String tfInput) {
        return tfInput.indexOf(':') >= 0 ? tfInput : tfInput + ":0";
    }

    /** The data (non-control) inputs of a node, as tensor names. */
    public static List<String> dataInputs(NodeDef n) {
        List<String> out = new ArrayList<>();
        for (String i : n.getInputList()) {
            if (!i.startsWith("^")) {
                out.add(tensorName(i));
            }
        }
        return out;
    }

    /** Number of data inputs. */
    public int inputCount(NodeDef n) {
        return dataInputs(n).size();
    }

    /** The TensorFlow tensor name of data input {@code i}. */
    public String tfInput(NodeDef n, int i) {
        List<String> in = dataInputs(n);
        if (i >= in.size()) {
            throw new ConversionException(n.getOp() + " node '" + n.getName() + "' has " + in.size()
                    + " inputs, needs at least " + (i + 1));
        }
        return in.get(i);
    }

    /** The ONNX value feeding data input {@code i}. */
    public String input(NodeDef n, int i) {
        return resolve(tfInput(n, i));
    }

    /** The ONNX value behind a TensorFlow tensor. */
    public String resolve(String tfTensor) {
        String v = tfTensor;
        String next;
        while ((next = aliases.get(v)) != null) {
            v = next;
        }
        return v;
    }

    /** Makes TensorFlow tensor {@code tfTensor} stand for ONNX value {@code onnxValue}. */
    public void alias(String tfTensor, String onnxValue) {
        if (!tfTensor.equals(onnxValue)) {
            aliases.put(tfTensor, onnxValue);
        }
    }

    /** The constant value of data input {@code i}, or {@code null} if it is not constant. */
    public ConstTensor constInput(NodeDef n, int i) {
        return graph.constant(input(n, i));
    }

    /** The constant value of data input {@code i}; a conversion error naming {@code what} if it is not constant. */
    public ConstTensor requireConst(NodeDef n, int i, String what) {
        ConstTensor c = constInput(n, i);
        if (c == null) {
            throw new ConversionException(n.getOp() + " node '" + n.getName() + "': " + what
                    + " must be a constant (input " + tfInput(n, i) + " is computed at run time)");
        }
        return c;
    }

    /** The static shape of a TensorFlow tensor ({@code -1} unknown dims), or {@code null} if the rank is unknown. */
    public long[] tfShape(String tfTensor) {
        long[] s = tfShapes.get(tfTensor);
        if (s == null) {
            s = graph.shape(resolve(tfTensor));
        }
        return s == null ? null : s.clone();
    }

    public long[] inputShape(NodeDef n, int i) {
        return tfShape(tfInput(n, i));
    }

    /** The rank of data input {@code i}, or -1. */
    public int inputRank(NodeDef n, int i) {
        long[] s = inputShape(n, i);
        return s == null ? -1 : s.length;
    }

    /** The rank of data input {@code i}; a conversion error if unknown. */
    public int requireRank(NodeDef n, int i) {
        int r = inputRank(n, i);
        if (r < 0) {
            throw new ConversionException(n.getOp() + " node '" + n.getName() + "': the rank of input "
                    + tfInput(n, i) + " is unknown");
        }
        return r;
    }

    public long[] outputShape(NodeDef n, int i) {
        return tfShape(n.getName() + ":" + i);
    }

    /** The ONNX element type of data input {@code i}. */
    public int inputType(NodeDef n, int i) {
        String t = tfInput(n, i);
        Integer type = tfTypes.get(t);
        if (type != null) {
            return type;
        }
        int g = graph.type(resolve(t));
        if (g != OnnxTypes.UNDEFINED) {
            return g;
        }
        if (TfAttrs.has(n, "T")) {
            return OnnxTypes.fromTf(TfAttrs.type(n, "T", null));
        }
        return OnnxTypes.FLOAT;
    }

    /** The ONNX value name of output {@code i} of node {@code n}: the TensorFlow tensor name. */
    public String out(NodeDef n, int i) {
        String name = n.getName() + ":" + i;
        graph.reserveName(name);
        long[] s = tfShapes.get(name);
        if (s != null) {
            graph.setShape(name, s);
        }
        Integer t = tfTypes.get(name);
        if (t != null) {
            graph.setType(name, t);
        }
        return name;
    }

    /** Emits a node computing TensorFlow output {@code n:0}. */
    public OnnxNode emit(String op, NodeDef n, String... inputs) {
        return emitTo(op, n, out(n, 0), inputs);
    }

    /** Emits a node writing the given output value. */
    public OnnxNode emitTo(String op, NodeDef n, String output, String... inputs) {
        return graph.add(op, n.getName() + "/" + op, List.of(inputs), List.of(output));
    }

    /** Emits a helper node with a fresh output value; returns the output name. */
    public String temp(String op, NodeDef n, String... inputs) {
        return tempNode(op, n, inputs).output(0);
    }

    /** Emits a helper node with a fresh output value; returns the node (to add attributes). */
    public OnnxNode tempNode(String op, NodeDef n, String... inputs) {
        return graph.add(op, n.getName() + "/" + op, inputs);
    }

    /** Adds a constant initializer named after the node; returns its name. */
    public String constant(NodeDef n, String what, ConstTensor t) {
        return graph.addConstant(n.getName() + "/" + what, t);
    }

    /** Adds a 1-D int64 constant; returns its name. */
    public String int64s(NodeDef n, String what, long... v) {
        return constant(n, what, ConstTensor.vector(v));
    }

    /** Adds a scalar constant of the given type; returns its name. */
    public String scalar(NodeDef n, String what, int type, double v) {
        return constant(n, what, ConstTensor.ofDoubles(type, new long[0], new double[] {v}));
    }

    /** Data input {@code i} as an int64 value (ONNX wants int64 shapes, axes, pads); constants are converted. */
    public String int64Input(NodeDef n, int i) {
        ConstTensor c = constInput(n, i);
        if (c != null) {
            return c.dataType() == OnnxTypes.INT64 ? input(n, i) : constant(n, "i64", c.cast(OnnxTypes.INT64));
        }
        if (inputType(n, i) == OnnxTypes.INT64) {
            return input(n, i);
        }
        return tempNode("Cast", n, input(n, i)).attr(Attrs.i("to", OnnxTypes.INT64)).output(0);
    }

    /** Permutation taking a channels-last tensor of rank {@code r} to channels-first. */
    public static int[] toNchwPerm(int r) {
        int[] p = new int[r];
        p[0] = 0;
        p[1] = r - 1;
        for (int i = 2; i < r; i++) {
            p[i] = i - 1;
        }
        return p;
    }

    /** Permutation taking a channels-first tensor of rank {@code r} to channels-last. */
    public static int[] toNhwcPerm(int r) {
        int[] p = new int[r];
        p[0] = 0;
        for (int i = 1; i < r - 1; i++) {
            p[i] = i + 1;
        }
        p[r - 1] = 1;
        return p;
    }

    /** Permutes a shape: output dim {@code i} is input dim {@code perm[i]}; {@code null} stays null. */
    public static long[] permute(long[] shape, int[] perm) {
        if (shape == null) {
            return null;
        }
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = shape[perm[i]];
        }
        return out;
    }

    /** Emits Transpose(NHWC to NCHW) of a value of rank {@code r}; returns the transposed value. */
    public String toNchw(NodeDef n, String x, int r) {
        int[] perm = toNchwPerm(r);
        OnnxNode t = tempNode("Transpose", n, x).attr(Attrs.ints("perm", perm));
        graph.setShape(t.output(0), permute(graph.shape(x), perm));
        graph.setType(t.output(0), graph.type(x));
        return t.output(0);
    }

    /** Emits Transpose(NCHW to NHWC) writing {@code output}. */
    public void fromNchw(NodeDef n, String y, String output, int r) {
        graph.add("Transpose", n.getName() + "/Transpose", List.of(y), List.of(output))
                .attr(Attrs.ints("perm", toNhwcPerm(r)));
    }

    /** Records the shape of a channels-first helper value from the channels-last TensorFlow output shape. */
    public void setNchwShape(String value, long[] nhwcShape, int type) {
        if (nhwcShape != null) {
            graph.setShape(value, permute(nhwcShape, toNchwPerm(nhwcShape.length)));
        }
        graph.setType(value, type);
    }

    /** A conversion error about this node. */
    public static ConversionException error(NodeDef n, String message) {
        return new ConversionException(n.getOp() + " node '" + n.getName() + "': " + message);
    }
}
