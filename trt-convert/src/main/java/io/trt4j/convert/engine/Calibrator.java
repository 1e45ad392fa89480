package io.trt4j.convert.engine;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Supplies the representative input batches of INT8 post-training calibration (TensorRT's entropy calibrator 2).
 *
 * <p>Each batch maps every network input name (as in the ONNX model, like {@code "input:0"}) to its data: float32,
 * row-major, in the network's own layout (NHWC for trt4j's converted TensorFlow models) and value range (what the
 * model expects at inference, e.g. {@code [0, 1]} images), with exactly as many elements as the input's
 * <em>opt</em> shape of the first optimization profile (TensorRT calibrates at that shape).
 *
 * <p>TensorRT 10 networks have an explicit batch dimension, so the batch size is the opt shape's first dimension;
 * TensorRT's own {@code getBatchSize()} is answered with 1, as it asks for explicit-batch networks.
 *
 * <p>Thread-safety: implementations need not be thread-safe: TensorRT calls {@link #nextBatch()} from the building
 * thread only, once per batch, until it returns null.
 */
public interface Calibrator {
    /** The next batch, or null when the calibration data is exhausted. */
    Map<String, float[]> nextBatch();

    /**
     * Identifies the calibration data in engine-cache keys: engines calibrated on different data must not share a
     * cache entry. The default, the class name, assumes one data set per calibrator class.
     */
    default String fingerprint() {
        return getClass().getName();
    }

    /**
     * A calibrator over a fixed list of batches for a single-input network.
     *
     * @param input the network input name
     * @param batches float32 data of each batch, laid out as described on {@link Calibrator}
     * @param fingerprint a stable identity of the data, for engine-cache keys
     */
    static Calibrator of(String input, List<float[]> batches, String fingerprint) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no calibration batches");
        }
        List<float[]> copy = List.copyOf(batches);
        return new Calibrator() {
            private final Iterator<float[]> next = copy.iterator();

            @Override
            public Map<String, float[]> nextBatch() {
                return next.hasNext() ? Map.of(input, next.next()) : null;
            }

            @Override
            public String fingerprint() {
                return "batches:" + input + "/" + copy.size() + "/" + fingerprint;
            }
        };
    }
}
