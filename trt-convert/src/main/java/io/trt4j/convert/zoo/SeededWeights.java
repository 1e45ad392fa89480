package io.trt4j.convert.zoo;

import java.util.SplittableRandom;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * Deterministic weight tensors: every tensor is drawn from its own {@link SplittableRandom} seeded by the model seed
 * and the tensor's graph name, so a tensor's values depend on (seed, name) only, not on construction order.
 *
 * <p>Values are written straight into the native tensor memory in small chunks: no full-size {@code float[]} copy is
 * ever held. Uniform draws are used (not Gaussian) because {@link SplittableRandom#nextDouble()} is specified exactly,
 * so the weights are the same on every JDK.
 *
 * <p>Thread-safety: immutable, safe to share; each call creates its own generator.
 */
final class SeededWeights {
    private static final int CHUNK = 1 << 14;

    private final long seed;

    SeededWeights(long seed) {
        this.seed = seed;
    }

    /**
     * He-uniform (Kaiming) weights for a layer followed by a ReLU: U(-a, a), a = sqrt(6 / fanIn), which keeps the
     * second moment of activations constant through conv + ReLU layers.
     */
    TFloat32 heUniform(String name, long fanIn, long... dims) {
        double limit = Math.sqrt(6.0 / fanIn);
        return uniform(name, -limit, limit, dims);
    }

    /** Glorot (Xavier) uniform weights: U(-a, a), a = sqrt(6 / (fanIn + fanOut)); used for the logits layer. */
    TFloat32 glorotUniform(String name, long fanIn, long fanOut, long... dims) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(name, -limit, limit, dims);
    }

    /** A tensor of the given shape with values drawn uniformly from [low, high). The caller closes it. */
    TFloat32 uniform(String name, double low, double high, long... dims) {
        SplittableRandom random = new SplittableRandom(seedFor(name));
        TFloat32 tensor = TFloat32.tensorOf(Shape.of(dims));
        try {
            FloatDataBuffer buffer = tensor.asRawTensor().data().asFloats();
            long size = buffer.size();
            float[] chunk = new float[(int) Math.min(CHUNK, Math.max(size, 1))];
            double span = high - low;
            for (long offset = 0; offset < size; offset += chunk.length) {
                int n = (int) Math.min(chunk.length, size - offset);
                for (int i = 0; i < n; i++) {
                    chunk[i] = (float) (low + span * random.nextDouble());
                }
                buffer.offset(offset).write(chunk, 0, n);
            }
            return tensor;
        } catch (RuntimeException | Error e) {
            tensor.close();
            throw e;
        }
    }

    /** A stable 64-bit seed for a tensor name: the model seed mixed with the name's (specified) String hash. */
    private long seedFor(String name) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }
}
