package io.trt4j.convert.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The graph uses TensorFlow ops the converter has no handler for. Thrown once per conversion, listing every
 * unsupported op type with the names of the nodes that use it.
 *
 * <p>Thread-safety: immutable.
 */
public final class UnsupportedOpsException extends ConversionException {
    private final Map<String, List<String>> nodesByOp;

    public UnsupportedOpsException(Map<String, List<String>> nodesByOp) {
        super(message(nodesByOp));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        new TreeMap<>(nodesByOp).forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.nodesByOp = Map.copyOf(copy);
    }

    /** Unsupported op type to the names of the nodes using it. */
    public Map<String, List<String>> nodesByOp() {
        return nodesByOp;
    }

    private static String message(Map<String, List<String>> nodesByOp) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(nodesByOp).forEach((op, nodes) -> parts.add(op + " (" + nodes.size() + " node"
                + (nodes.size() == 1 ? "" : "s") + ": " + String.join(", ", nodes.subList(0, Math.min(5,
                nodes.size()))) + (nodes.size() > 5 ? ", ..." : "") + ")"));
        return nodesByOp.size() + " unsupported TensorFlow op type" + (nodesByOp.size() == 1 ? "" : "s") + ": "
                + String.join("; ", parts);
    }
}
