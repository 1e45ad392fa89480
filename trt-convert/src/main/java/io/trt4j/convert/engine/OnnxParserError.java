package io.trt4j.convert.engine;

/**
 * One error TensorRT's ONNX parser reported.
 *
 * <p>Thread-safety: immutable.
 *
 * @param node index of the failing node in the ONNX graph, or -1 if the error is not about a node
 * @param nodeName name of the failing node ("" if unknown)
 * @param operator ONNX operator of the failing node, like {@code Conv} ("" if unknown)
 * @param code parser error code, like {@code kUNSUPPORTED_NODE} or {@code kINVALID_GRAPH}
 * @param description the parser's description of the problem
 */
public record OnnxParserError(int node, String nodeName, String operator, String code, String description) {
    /** Like {@code node 12 'conv1/Conv2D' (Conv): kUNSUPPORTED_NODE: ...}. */
    @Override
    public String toString() {
        String where = node < 0 ? "model" : "node " + node + (nodeName.isEmpty() ? "" : " '" + nodeName + "'")
                + (operator.isEmpty() ? "" : " (" + operator + ")");
        return where + ": " + code + ": " + description;
    }
}
