package io.trt4j.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A host tensor: a data type, a concrete shape, and a direct native-order {@link ByteBuffer} holding the elements in
 * row-major (C) order, element {@code i} at byte offset {@code i * dataType.byteSize()}.
 *
 * <p>Element encodings: FLOAT binary32; HALF binary16 ({@link HalfFloat}); BF16 ({@link BFloat16}); INT8/UINT8 one
 * byte; INT32/INT64 two's complement; BOOL one byte 0/1; FP8 E4M3FN.
 *
 * <p>A tensor made by a factory owns a fresh buffer; {@link #wrap} shares the caller's memory (a pinned buffer, for
 * example). Accessors use absolute indices and never move the buffer's position.
 *
 * <p>Thread-safety: the object is immutable, but the elements are shared memory: concurrent writes race. Reading
 * from several threads is safe once writes are finished.
 */
public final class Tensor {
    private final DataType dataType;
    private final Shape shape;
    private final ByteBuffer buffer;
    private final long elementCount;

    private Tensor(DataType dataType, Shape shape, ByteBuffer buffer) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        this.shape = Objects.requireNonNull(shape, "shape");
        if (shape.isDynamic()) {
            throw new IllegalArgumentException("a tensor needs a concrete shape, got " + shape);
        }
        this.elementCount = shape.elementCount();
        long bytes = Math.multiplyExact(elementCount, (long) dataType.byteSize());
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor " + dataType + shape + " needs " + bytes
                    + " bytes; a host Tensor holds at most 2^31-1");
        }
        if (buffer.capacity() < bytes) {
            throw new IllegalArgumentException("buffer of " + buffer.capacity() + " bytes is too small for "
                    + dataType + shape + " (" + bytes + " bytes)");
        }
        this.buffer = buffer;
    }

    private static int byteCount(DataType type, Shape shape) {
        long bytes = Math.multiplyExact(shape.elementCount(), (long) type.byteSize());
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor " + type + shape + " needs " + bytes
                    + " bytes; a host Tensor holds at most 2^31-1");
        }
        return (int) bytes;
    }

    private static void checkLength(String what, long length, Shape shape) {
        if (shape.isDynamic()) {
            throw new IllegalArgumentException("a tensor needs a concrete shape, got " + shape);
        }
        if (length != shape.elementCount()) {
            throw new IllegalArgumentException(what + " has " + length + " elements but shape " + shape + " holds "
                    + shape.elementCount());
        }
    }

    /** A zero-filled tensor in a new direct buffer. */
    public static Tensor allocate(DataType dataType, Shape shape) {
        Objects.requireNonNull(dataType, "dataType");
        if (shape.isDynamic()) {
            throw new IllegalArgumentException("a tensor needs a concrete shape, got " + shape);
        }
        ByteBuffer b = ByteBuffer.allocateDirect(byteCount(dataType, shape)).order(ByteOrder.nativeOrder());
        return new Tensor(dataType, shape, b);
    }

    /**
     * A tensor over existing memory (no copy): the buffer's bytes from index 0. The buffer is duplicated and set to
     * native byte order; it may be heap or direct, but sessions need direct ones for zero-copy.
     *
     * @throws IllegalArgumentException if the buffer holds fewer bytes than the shape needs
     */
    public static Tensor wrap(ByteBuffer buffer, DataType dataType, Shape shape) {
        ByteBuffer b = buffer.duplicate().clear().order(ByteOrder.nativeOrder());
        return new Tensor(dataType, shape, b);
    }

    /** A FLOAT tensor holding a copy of {@code data} (row-major). */
    public static Tensor of(float[] data, Shape shape) {
        return of(DataType.FLOAT, data, shape);
    }

    /**
     * A floating-point tensor of {@code type} (FLOAT, HALF or BF16) holding {@code data} converted with
     * round-to-nearest-even.
     */
    public static Tensor of(DataType type, float[] data, Shape shape) {
        checkLength("data", data.length, shape);
        Tensor t = allocate(type, shape);
        switch (type) {
            case FLOAT -> t.buffer.asFloatBuffer().put(data);
            case HALF -> {
                for (int i = 0; i < data.length; i++) {
                    t.buffer.putShort(2 * i, HalfFloat.fromFloat(data[i]));
                }
            }
            case BF16 -> {
                for (int i = 0; i < data.length; i++) {
                    t.buffer.putShort(2 * i, BFloat16.fromFloat(data[i]));
                }
            }
            default -> throw new IllegalArgumentException("Tensor.of(float[]) makes FLOAT, HALF or BF16 tensors, not "
                    + type);
        }
        return t;
    }

    /** An INT32 tensor holding a copy of {@code data}. */
    public static Tensor ofInts(int[] data, Shape shape) {
        checkLength("data", data.length, shape);
        Tensor t = allocate(DataType.INT32, shape);
        t.buffer.asIntBuffer().put(data);
        return t;
    }

    /** An INT64 tensor holding a copy of {@code data}. */
    public static Tensor ofLongs(long[] data, Shape shape) {
        checkLength("data", data.length, shape);
        Tensor t = allocate(DataType.INT64, shape);
        t.buffer.asLongBuffer().put(data);
        return t;
    }

    /**
     * A tensor of any type from its raw element bytes (native byte order for multi-byte types, row-major).
     *
     * @throws IllegalArgumentException if {@code bytes.length != elementCount * byteSize}
     */
    public static Tensor ofBytes(DataType type, byte[] bytes, Shape shape) {
        Tensor t = allocate(type, shape);
        if (bytes.length != t.byteSize()) {
            throw new IllegalArgumentException(bytes.length + " bytes given but " + type + shape + " needs "
                    + t.byteSize());
        }
        t.buffer.duplicate().put(bytes);
        return t;
    }

    /** Element type. */
    public DataType dataType() {
        return dataType;
    }

    /** Shape (concrete). */
    public Shape shape() {
        return shape;
    }

    /** Number of elements. */
    public long elementCount() {
        return elementCount;
    }

    /** Bytes of element data: {@code elementCount() * dataType().byteSize()}. */
    public long byteSize() {
        return elementCount * dataType.byteSize();
    }

    /**
     * The backing buffer (a new view: native order, position 0, limit {@link #byteSize()}); writes go to the tensor.
     */
    public ByteBuffer buffer() {
        return buffer.duplicate().order(ByteOrder.nativeOrder()).clear().limit((int) byteSize());
    }

    /**
     * Element {@code index} (row-major) as a float: FLOAT as is, HALF/BF16/FP8 decoded exactly, integers and BOOL
     * converted (INT32/INT64 beyond 2^24 lose precision).
     */
    public float getFloat(long index) {
        if (index < 0 || index >= elementCount) {
            throw new IndexOutOfBoundsException("index " + index + " outside tensor of " + elementCount + " elements");
        }
        int i = (int) index;
        return switch (dataType) {
            case FLOAT -> buffer.getFloat(4 * i);
            case HALF -> HalfFloat.toFloat(buffer.getShort(2 * i));
            case BF16 -> BFloat16.toFloat(buffer.getShort(2 * i));
            case INT8 -> buffer.get(i);
            case UINT8, BOOL -> buffer.get(i) & 0xff;
            case INT32 -> buffer.getInt(4 * i);
            case INT64 -> buffer.getLong(8 * i);
            case FP8 -> fp8e4m3ToFloat(buffer.get(i));
        };
    }

    /**
     * Sets element {@code index} from a float: FLOAT as is, HALF/BF16 rounded to nearest even, integer types rounded
     * to nearest and saturated to the type's range, BOOL as {@code value != 0}.
     *
     * @throws UnsupportedOperationException for FP8
     */
    public void setFloat(long index, float value) {
        if (index < 0 || index >= elementCount) {
            throw new IndexOutOfBoundsException("index " + index + " outside tensor of " + elementCount + " elements");
        }
        int i = (int) index;
        switch (dataType) {
            case FLOAT -> buffer.putFloat(4 * i, value);
            case HALF -> buffer.putShort(2 * i, HalfFloat.fromFloat(value));
            case BF16 -> buffer.putShort(2 * i, BFloat16.fromFloat(value));
            case INT8 -> buffer.put(i, (byte) Math.max(-128, Math.min(127, Math.round(value))));
            case UINT8 -> buffer.put(i, (byte) Math.max(0, Math.min(255, Math.round(value))));
            case BOOL -> buffer.put(i, (byte) (value != 0 ? 1 : 0));
            case INT32 -> buffer.putInt(4 * i, Math.round(value));
            case INT64 -> buffer.putLong(8 * i, Math.round((double) value));
            case FP8 -> throw new UnsupportedOperationException("writing FP8 elements is not supported");
        }
    }

    /** All elements as floats (see {@link #getFloat(long)} for the conversion per type). */
    public float[] toFloatArray() {
        float[] out = new float[(int) elementCount];
        if (dataType == DataType.FLOAT) {
            buffer.duplicate().order(ByteOrder.nativeOrder()).clear().asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = getFloat(i);
        }
        return out;
    }

    /**
     * All elements of an INT32 tensor.
     *
     * @throws IllegalStateException for other types
     */
    public int[] toIntArray() {
        requireType(DataType.INT32);
        int[] out = new int[(int) elementCount];
        buffer.duplicate().order(ByteOrder.nativeOrder()).clear().asIntBuffer().get(out);
        return out;
    }

    /**
     * All elements of an INT64 tensor.
     *
     * @throws IllegalStateException for other types
     */
    public long[] toLongArray() {
        requireType(DataType.INT64);
        long[] out = new long[(int) elementCount];
        buffer.duplicate().order(ByteOrder.nativeOrder()).clear().asLongBuffer().get(out);
        return out;
    }

    /** A copy of the raw element bytes (native order). */
    public byte[] toByteArray() {
        byte[] out = new byte[(int) byteSize()];
        buffer.duplicate().clear().get(out);
        return out;
    }

    /** A tensor of another shape with the same element count, sharing this tensor's memory. */
    public Tensor reshape(Shape newShape) {
        if (newShape.isDynamic() || newShape.elementCount() != elementCount) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + elementCount + " elements) to "
                    + newShape);
        }
        return new Tensor(dataType, newShape, buffer);
    }

    private void requireType(DataType t) {
        if (dataType != t) {
            throw new IllegalStateException("tensor is " + dataType + ", not " + t);
        }
    }

    /** Decodes FP8 E4M3FN (bias 7, no infinities, S.1111.111 is NaN). */
    static float fp8e4m3ToFloat(byte b) {
        int v = b & 0xff;
        int sign = v >>> 7;
        int exp = (v >>> 3) & 0xf;
        int mant = v & 0x7;
        float out;
        if (exp == 0xf && mant == 0x7) {
            return Float.NaN;
        } else if (exp == 0) {
            out = mant * 0x1p-9f;
        } else {
            out = (1 + mant / 8f) * (float) Math.scalb(1.0, exp - 7);
        }
        return sign == 0 ? out : -out;
    }

    @Override
    public String toString() {
        return "Tensor " + dataType + shape;
    }
}
