package io.trt4j.convert.onnx.ops;

import io.trt4j.convert.onnx.ConversionException;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

/**
 * Typed reads of TensorFlow node attributes, with errors that name the node.
 *
 * <p>Thread-safety: stateless.
 */
public final class TfAttrs {
    private TfAttrs() {
    }

    public static boolean has(NodeDef n, String name) {
        return n.getAttrMap().containsKey(name);
    }

    private static AttrValue get(NodeDef n, String name) {
        AttrValue v = n.getAttrMap().get(name);
        if (v == null) {
            throw new ConversionException(n.getOp() + " node '" + n.getName() + "' lacks attribute '" + name + "'");
        }
        return v;
    }

    public static String string(NodeDef n, String name, String dflt) {
        AttrValue v = n.getAttrMap().get(name);
        return v == null ? dflt : v.getS().toStringUtf8();
    }

    public static String string(NodeDef n, String name) {
        return get(n, name).getS().toStringUtf8();
    }

    public static long integer(NodeDef n, String name, long dflt) {
        AttrValue v = n.getAttrMap().get(name);
        return v == null ? dflt : v.getI();
    }

    public static float real(NodeDef n, String name, float dflt) {
        AttrValue v = n.getAttrMap().get(name);
        return v == null ? dflt : v.getF();
    }

    public static boolean bool(NodeDef n, String name, boolean dflt) {
        AttrValue v = n.getAttrMap().get(name);
        return v == null ? dflt : v.getB();
    }

    public static DataType type(NodeDef n, String name, DataType dflt) {
        AttrValue v = n.getAttrMap().get(name);
        return v == null ? dflt : v.getType();
    }

    /** An int list attribute; {@code dflt} if absent. */
    public static long[] ints(NodeDef n, String name, long[] dflt) {
        AttrValue v = n.getAttrMap().get(name);
        if (v == null) {
            return dflt;
        }
        long[] out = new long[v.getList().getICount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.getList().getI(i);
        }
        return out;
    }

    /** A string list attribute; empty if absent. */
    public static List<String> strings(NodeDef n, String name) {
        AttrValue v = n.getAttrMap().get(name);
        List<String> out = new ArrayList<>();
        if (v != null) {
            v.getList().getSList().forEach(b -> out.add(b.toStringUtf8()));
        }
        return out;
    }
}
