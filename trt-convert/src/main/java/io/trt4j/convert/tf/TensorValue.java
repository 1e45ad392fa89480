package io.trt4j.convert.tf;

import io.trt4j.core.DataType;
import io.trt4j.core.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A host tensor for {@link TensorFlowRunner}: element type, concrete shape and the elements in row-major order as
 * little-endian bytes (TensorFlow's layout, e.g. NHWC for images).
 *
 * <p>Thread-safety: immutable (the bytes are copied in and out).
 */
public final class TensorValue {
    private final DataType dataType;
    private final Shape shape;
    private final byte[] bytes;

    private TensorValue(DataType dataType, Shape shape, byte[] bytes) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        this.shape = Objects.requireNonNull(shape, "shape");
        long expected = Math.multiplyExact(shape.elementCount(), dataType.byteSize());
        if (bytes.length != expected) {
            throw new IllegalArgumentException(dataType + " tensor of shape " + shape + " needs " + expected
                    + " bytes, got " + bytes.length);
        }
        this.bytes = bytes;
    }

    /** A tensor of raw little-endian bytes (copied). */
    public static TensorValue ofBytes(DataType dataType, Shape shape, byte[] littleEndian) {
        return new TensorValue(dataType, shape, littleEndian.clone());
    }

    /** A FLOAT tensor of {@code values} (row-major). */
    public static TensorValue ofFloats(Shape shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TensorValue(DataType.FLOAT, shape, b.array());
    }

    /** An INT32 tensor of {@code values} (row-major). */
    public static TensorValue ofInts(Shape shape, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new TensorValue(DataType.INT32, shape, b.array());
    }

    /** An INT64 tensor of {@code values} (row-major). */
    public static TensorValue ofLongs(Shape shape, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new TensorValue(DataType.INT64, shape, b.array());
    }

    /** The element type. */
    public DataType dataType() {
        return dataType;
    }

    /** The shape (concrete). */
    public Shape shape() {
        return shape;
    }

    /** A copy of the little-endian bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The elements of a FLOAT tensor. */
    public float[] toFloats() {
        require(DataType.FLOAT);
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The elements of an INT32 tensor. */
    public int[] toInts() {
        require(DataType.INT32);
        int[] out = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    /** The elements of an INT64 tensor. */
    public long[] toLongs() {
        require(DataType.INT64);
        long[] out = new long[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    private void require(DataType t) {
        if (dataType != t) {
            throw new IllegalStateException("tensor is " + dataType + ", not " + t);
        }
    }

    @Override
    public String toString() {
        return "TensorValue[" + dataType + " " + shape + "]";
    }
}
