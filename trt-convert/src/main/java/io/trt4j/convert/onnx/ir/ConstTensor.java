package io.trt4j.convert.onnx.ir;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.trt4j.convert.onnx.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor of the ONNX graph under construction: element type, dimensions and little-endian element bytes.
 * The bytes are a {@link ByteString}, so weights taken from a TensorFlow {@code tensor_content} are shared, not copied,
 * all the way into the written ONNX {@code raw_data}.
 *
 * <p>Thread-safety: immutable, except that a pass holding the only reference to a tensor whose bytes the converter
 * created itself may rescale it in place ({@link #scaleOutputChannelsInPlace}); conversions are single-threaded.
 */
public final class ConstTensor {
    private final int dataType;
    private final long[] dims;
    private final ByteString data;
    /**
     * The backing array while this tensor alone owns bytes the converter allocated; {@code null} otherwise, and
     * cleared as soon as the bytes are shared ({@link #data()}, {@link #reshape}).
     */
    private byte[] owned;

    /**
     * @param dataType ONNX {@code TensorProto.DataType} number
     * @param dims dimensions (all known)
     * @param data little-endian element bytes, exactly {@code elementCount * elementSize} long
     */
    public ConstTensor(int dataType, long[] dims, ByteString data) {
        this(dataType, dims, data, null);
    }

    private ConstTensor(int dataType, long[] dims, ByteString data, byte[] owned) {
        this.dataType = dataType;
        this.dims = dims.clone();
        this.data = data;
        this.owned = owned;
        long expected = elementCount(dims) * OnnxTypes.byteSize(dataType);
        if (data.size() != expected) {
            throw new IllegalArgumentException("constant of type " + OnnxTypes.name(dataType) + " and shape "
                    + Arrays.toString(dims) + " needs " + expected + " bytes, has " + data.size());
        }
    }

    /** Number of elements of a shape. */
    public static long elementCount(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** A float32 constant. */
    public static ConstTensor ofFloats(long[] dims, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new ConstTensor(OnnxTypes.FLOAT, dims, UnsafeByteOperations.unsafeWrap(b.array()));
    }

    /** An int64 constant. */
    public static ConstTensor ofLongs(long[] dims, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new ConstTensor(OnnxTypes.INT64, dims, UnsafeByteOperations.unsafeWrap(b.array()));
    }

    /** A 1-D int64 constant. */
    public static ConstTensor vector(long... values) {
        return ofLongs(new long[] {values.length}, values);
    }

    /** A constant of any type from doubles (converted to the element type). */
    public static ConstTensor ofDoubles(int dataType, long[] dims, double[] values) {
        int size = OnnxTypes.byteSize(dataType);
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (dataType) {
                case OnnxTypes.FLOAT -> b.putFloat((float) v);
                case OnnxTypes.DOUBLE -> b.putDouble(v);
                case OnnxTypes.INT64 -> b.putLong((long) v);
                case OnnxTypes.INT32 -> b.putInt((int) v);
                case OnnxTypes.INT16 -> b.putShort((short) v);
                case OnnxTypes.INT8, OnnxTypes.UINT8 -> b.put((byte) (long) v);
                case OnnxTypes.BOOL -> b.put((byte) (v != 0 ? 1 : 0));
                default -> throw new IllegalArgumentException("cannot compute on " + OnnxTypes.name(dataType));
            }
        }
        return new ConstTensor(dataType, dims, UnsafeByteOperations.unsafeWrap(b.array()));
    }

    public int dataType() {
        return dataType;
    }

    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long elementCount() {
        return elementCount(dims);
    }

    /** The little-endian element bytes (shared, not copied; the tensor can no longer be rescaled in place). */
    public ByteString data() {
        owned = null;
        return data;
    }

    private ByteBuffer buffer() {
        return data.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The elements as floats; only for FLOAT. */
    public float[] floats() {
        if (dataType != OnnxTypes.FLOAT) {
            throw new IllegalStateException("constant is " + OnnxTypes.name(dataType) + ", not FLOAT");
        }
        float[] out = new float[(int) elementCount()];
        buffer().asFloatBuffer().get(out);
        return out;
    }

    /** The elements as doubles (any numeric type). */
    public double[] doubles() {
        int n = (int) elementCount();
        double[] out = new double[n];
        ByteBuffer b = buffer();
        for (int i = 0; i < n; i++) {
            out[i] = switch (dataType) {
                case OnnxTypes.FLOAT -> b.getFloat();
                case OnnxTypes.DOUBLE -> b.getDouble();
                case OnnxTypes.INT64 -> b.getLong();
                case OnnxTypes.INT32 -> b.getInt();
                case OnnxTypes.INT16 -> b.getShort();
                case OnnxTypes.INT8 -> b.get();
                case OnnxTypes.UINT8, OnnxTypes.BOOL -> b.get() & 0xff;
                default -> throw new IllegalStateException("cannot compute on " + OnnxTypes.name(dataType));
            };
        }
        return out;
    }

    /** The elements as longs (integer types, or floats truncated). */
    public long[] longs() {
        if (dataType == OnnxTypes.INT64) {
            long[] out = new long[(int) elementCount()];
            buffer().asLongBuffer().get(out);
            return out;
        }
        double[] d = doubles();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (long) d[i];
        }
        return out;
    }

    /** The same bytes with other dimensions (no copy). */
    public ConstTensor reshape(long[] newDims) {
        return new ConstTensor(dataType, newDims, data());
    }

    /** The elements converted to another type. */
    public ConstTensor cast(int toType) {
        if (toType == dataType) {
            return this;
        }
        if (dataType == OnnxTypes.FLOAT && toType == OnnxTypes.FLOAT) {
            return this;
        }
        return ofDoubles(toType, dims, doubles());
    }

    /** Transposed: output dimension {@code i} is input dimension {@code perm[i]}. */
    public ConstTensor transpose(int[] perm) {
        int r = dims.length;
        long[] outDims = new long[r];
        for (int i = 0; i < r; i++) {
            outDims[i] = dims[perm[i]];
        }
        int size = OnnxTypes.byteSize(dataType);
        int n = (int) elementCount();
        long[] inStrides = strides(dims);
        long[] strideForOut = new long[r];
        for (int i = 0; i < r; i++) {
            strideForOut[i] = inStrides[perm[i]];
        }
        ByteBuffer src = buffer();
        ByteBuffer dst = ByteBuffer.allocate(n * size).order(ByteOrder.LITTLE_ENDIAN);
        int[] idx = new int[r];
        long inOffset = 0;
        for (int o = 0; o < n; o++) {
            int from = (int) (inOffset * size);
            switch (size) {
                case 4 -> dst.putInt(o * 4, src.getInt(from));
                case 8 -> dst.putLong(o * 8, src.getLong(from));
                case 2 -> dst.putShort(o * 2, src.getShort(from));
                default -> dst.put(o, src.get(from));
            }
            for (int d = r - 1; d >= 0; d--) {
                idx[d]++;
                inOffset += strideForOut[d];
                if (idx[d] < outDims[d]) {
                    break;
                }
                inOffset -= strideForOut[d] * idx[d];
                idx[d] = 0;
            }
        }
        return new ConstTensor(dataType, outDims, UnsafeByteOperations.unsafeWrap(dst.array()), dst.array());
    }

    /** Whether {@link #scaleOutputChannelsInPlace} would work without copying. */
    public boolean isOwned() {
        return owned != null;
    }

    /**
     * This FLOAT tensor with every element of output channel {@code o} (dimension 0) multiplied by {@code scale[o]}:
     * in place when the converter owns the bytes ({@link #isOwned()}) and the caller holds the only reference,
     * otherwise as a copy.
     */
    public ConstTensor scaleOutputChannels(float[] scale, boolean inPlace) {
        if (dataType != OnnxTypes.FLOAT || dims.length == 0 || scale.length != dims[0]) {
            throw new IllegalArgumentException("cannot scale " + this + " by " + scale.length + " channels");
        }
        ByteBuffer src = buffer();
        boolean reuse = inPlace && owned != null;
        byte[] target = reuse ? owned : new byte[src.remaining()];
        ByteBuffer dst = ByteBuffer.wrap(target).order(ByteOrder.LITTLE_ENDIAN);
        int n = src.remaining() / 4;
        int per = n / scale.length;
        for (int o = 0; o < scale.length; o++) {
            float k = scale[o];
            for (int i = o * per, end = i + per; i < end; i++) {
                dst.putFloat(i * 4, src.getFloat(i * 4) * k);
            }
        }
        return reuse ? this : new ConstTensor(dataType, dims, UnsafeByteOperations.unsafeWrap(target), target);
    }

    /** Row-major strides of a shape, in elements. */
    public static long[] strides(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** As an ONNX initializer named {@code name}, data in {@code raw_data}. */
    public TensorProto toProto(String name) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(dataType).setRawData(data());
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return OnnxTypes.name(dataType) + Arrays.toString(dims);
    }
}
