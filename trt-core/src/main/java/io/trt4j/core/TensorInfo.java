package io.trt4j.core;

/**
 * Metadata of one engine IO tensor.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name tensor name, as in the network (for TF-derived models often like {@code input:0})
 * @param mode input or output
 * @param dataType element type
 * @param shape engine-level shape, {@code -1} for dimensions fixed only at run time
 * @param format TensorRT's description of the memory format (row-major linear for most engines)
 */
public record TensorInfo(String name, TensorIoMode mode, DataType dataType, Shape shape, String format) {
    /** Whether this is an input. */
    public boolean isInput() {
        return mode == TensorIoMode.INPUT;
    }

    @Override
    public String toString() {
        return name + " " + mode + " " + dataType + shape;
    }
}
