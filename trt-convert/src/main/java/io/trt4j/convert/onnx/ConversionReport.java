package io.trt4j.convert.onnx;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a conversion did: node counts in and out, op histograms, time taken.
 *
 * <p>Thread-safety: immutable.
 *
 * @param tfNodes TensorFlow nodes converted (those the outputs depend on)
 * @param onnxNodes nodes in the written ONNX graph
 * @param initializers constant tensors in the ONNX graph
 * @param tfOps TensorFlow op type to count
 * @param onnxOps ONNX op type to count
 * @param elapsed wall-clock conversion time
 */
public record ConversionReport(int tfNodes, int onnxNodes, int initializers, Map<String, Integer> tfOps,
        Map<String, Integer> onnxOps, Duration elapsed) {
    public ConversionReport {
        tfOps = Map.copyOf(tfOps);
        onnxOps = Map.copyOf(onnxOps);
    }

    /** Count of an ONNX op type in the result (0 if absent). */
    public int onnxOpCount(String opType) {
        return onnxOps.getOrDefault(opType, 0);
    }

    @Override
    public String toString() {
        return "converted " + tfNodes + " TensorFlow nodes " + new TreeMap<>(tfOps) + " into " + onnxNodes
                + " ONNX nodes " + new TreeMap<>(onnxOps) + " and " + initializers + " initializers in "
                + elapsed.toMillis() + " ms";
    }
}
