package io.trt4j.convert.tf;

import io.trt4j.core.DataType;
import io.trt4j.core.Shape;
import java.util.Objects;

/**
 * A named graph input or output as TensorFlow sees it: the tensor name ({@code "input:0"}), element type and shape
 * ({@code -1} for unknown dimensions), in TensorFlow's own layout (NHWC for images).
 *
 * <p>Thread-safety: immutable.
 *
 * @param name tensor name, {@code node:index}
 * @param dataType element type
 * @param shape shape, {@code -1} for unknown dimensions; {@code null} if the rank itself is unknown
 */
public record TensorSpec(String name, DataType dataType, Shape shape) {
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        if (!name.contains(":")) {
            name = name + ":0";
        }
    }

    /** The node name, without the {@code :index} suffix. */
    public String nodeName() {
        return name.substring(0, name.lastIndexOf(':'));
    }

    /** The output index of the node. */
    public int outputIndex() {
        return Integer.parseInt(name.substring(name.lastIndexOf(':') + 1));
    }
}
