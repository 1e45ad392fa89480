package io.trt4j.convert.engine;

import io.trt4j.core.Shape;
import java.util.Objects;

/**
 * The shapes one network input may take within an optimization profile: TensorRT optimizes for {@code opt} and
 * accepts anything between {@code min} and {@code max}, dimension by dimension. Shapes are in the network's own
 * layout (NHWC for trt4j's converted TensorFlow models).
 *
 * <p>Thread-safety: immutable.
 *
 * @param input network input name, as in the ONNX model (like {@code "input:0"})
 * @param min smallest shape (all dimensions concrete, &gt;= 1 for the batch)
 * @param opt the shape kernels are tuned for
 * @param max largest shape
 */
public record ShapeRange(String input, Shape min, Shape opt, Shape max) {
    public ShapeRange {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(opt, "opt");
        Objects.requireNonNull(max, "max");
        if (input.isBlank()) {
            throw new IllegalArgumentException("input name is blank");
        }
        if (min.rank() != opt.rank() || opt.rank() != max.rank()) {
            throw new IllegalArgumentException("profile of '" + input + "': min " + min + ", opt " + opt + " and max "
                    + max + " must have the same rank");
        }
        for (Shape s : new Shape[] {min, opt, max}) {
            if (s.isDynamic()) {
                throw new IllegalArgumentException("profile of '" + input + "': " + s
                        + " has a dynamic (-1) dimension; profile shapes are concrete");
            }
        }
        for (int i = 0; i < min.rank(); i++) {
            if (!(min.dim(i) <= opt.dim(i) && opt.dim(i) <= max.dim(i))) {
                throw new IllegalArgumentException("profile of '" + input + "': dimension " + i + " needs min <= opt"
                        + " <= max, got " + min.dim(i) + ", " + opt.dim(i) + ", " + max.dim(i) + " (min " + min
                        + ", opt " + opt + ", max " + max + ")");
            }
        }
    }

    /** Like {@code input:0 [1, 224, 224, 3]..[8, 224, 224, 3]..[32, 224, 224, 3]}. */
    @Override
    public String toString() {
        return input + " " + min + ".." + opt + ".." + max;
    }
}
