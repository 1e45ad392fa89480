package io.trt4j.core;

/**
 * The shapes an optimization profile allows for one input: every dimension of a run-time shape must lie between
 * {@code min} and {@code max}; TensorRT tuned its kernels for {@code opt}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param min smallest allowed shape
 * @param opt shape the engine is tuned for
 * @param max largest allowed shape
 */
public record ProfileShapes(Shape min, Shape opt, Shape max) {
    /** Whether {@code shape} has the same rank and every dimension within {@code [min, max]}. */
    public boolean contains(Shape shape) {
        if (shape.rank() != min.rank()) {
            return false;
        }
        for (int i = 0; i < shape.rank(); i++) {
            long d = shape.dim(i);
            if (d < min.dim(i) || d > max.dim(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "min " + min + ", opt " + opt + ", max " + max;
    }
}
