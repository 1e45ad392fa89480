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
 * <p>Thread-safety: implementations need not be thread-safe: TensorRT calls {@link #nextBatch()} from the building
 * thread only, once per batch, until it returns null.
 */
public interface Calibrator {
    /** The batch dimension of each batch (the opt shape's first dimension). */
    int batchSize();

    /** The next batch, or null when the calibration data is exhausted. */
    Map<String, float[]> nextBatch();

    /**
     * Identifies the calibration data in engine-cache keys: engines calibrated on different data must not share a
     * cache entry. The default, the class name and batch size, assumes one data set per calibrator class.
     */
    default String fingerprint() {
        return getClass().getName() + "/batch=" + batchSize();
    }

    /**
     * A calibrator over a fixed list of batches for a single-input network.
     *
     * @param input the network input name
     * @param batchSize the batch dimension of each batch
     * @param batches float32 data of each batch, laid out as described on {@link Calibrator}
     * @param fingerprint a stable identity of the data, for engine-cache keys
     */
    static Calibrator of(String input, int batchSize, List<float[]> batches, String fingerprint) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is " + batchSize + ": it must be at least 1");
        }
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no calibration batches");
        }
        List<float[]> copy = List.copyOf(batches);
        return new Calibrator() {
            private final Iterator<float[]> next = copy.iterator();

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public Map<String, float[]> nextBatch() {
                return next.hasNext() ? Map.of(input, next.next()) : null;
            }

            @Override
            public String fingerprint() {
                return "batches:" + input + "/" + batchSize + "/" + fingerprint;
            }
        };
    }
}
