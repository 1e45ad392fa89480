package io.trt4j.convert.tf;

import io.trt4j.core.Shape;
import java.util.Optional;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * Maps between TensorFlow's protobuf data types and shapes, trt4j's {@link io.trt4j.core.DataType} and {@link Shape},
 * and TensorFlow Java's tensor classes.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
public final class TfTypes {
    private TfTypes() {
    }

    /** The trt4j type of a TensorFlow type, reference types ({@code DT_FLOAT_REF}) mapped as their base; empty if none. */
    public static Optional<io.trt4j.core.DataType> toCore(DataType tfType) {
        DataType base = baseType(tfType);
        return Optional.ofNullable(switch (base) {
            case DT_FLOAT -> io.trt4j.core.DataType.FLOAT;
            case DT_HALF -> io.trt4j.core.DataType.HALF;
            case DT_BFLOAT16 -> io.trt4j.core.DataType.BF16;
            case DT_INT8 -> io.trt4j.core.DataType.INT8;
            case DT_UINT8 -> io.trt4j.core.DataType.UINT8;
            case DT_INT32 -> io.trt4j.core.DataType.INT32;
            case DT_INT64 -> io.trt4j.core.DataType.INT64;
            case DT_BOOL -> io.trt4j.core.DataType.BOOL;
            default -> null;
        });
    }

    /** The TensorFlow type of a trt4j type. */
    public static DataType toTf(io.trt4j.core.DataType type) {
        return switch (type) {
            case FLOAT -> DataType.DT_FLOAT;
            case HALF -> DataType.DT_HALF;
            case BF16 -> DataType.DT_BFLOAT16;
            case INT8 -> DataType.DT_INT8;
            case UINT8 -> DataType.DT_UINT8;
            case INT32 -> DataType.DT_INT32;
            case INT64 -> DataType.DT_INT64;
            case BOOL -> DataType.DT_BOOL;
            case FP8 -> throw new IllegalArgumentException("TensorFlow has no FP8 (E4M3) tensors");
        };
    }

    /** TensorFlow Java's tensor class for a trt4j type. */
    public static Class<? extends TType> tensorClass(io.trt4j.core.DataType type) {
        return switch (type) {
            case FLOAT -> TFloat32.class;
            case HALF -> TFloat16.class;
            case BF16 -> TBfloat16.class;
            case INT8 -> throw new IllegalArgumentException("TensorFlow Java has no INT8 tensor class");
            case UINT8 -> TUint8.class;
            case INT32 -> TInt32.class;
            case INT64 -> TInt64.class;
            case BOOL -> TBool.class;
            case FP8 -> throw new IllegalArgumentException("TensorFlow has no FP8 (E4M3) tensors");
        };
    }

    /** {@code DT_FLOAT} for {@code DT_FLOAT_REF}; the type itself otherwise. */
    public static DataType baseType(DataType tfType) {
        int n = tfType.getNumber();
        return n > 100 ? DataType.forNumber(n - 100) : tfType;
    }

    /** The trt4j shape of a TensorFlow shape proto, {@code null} if its rank is unknown. */
    public static Shape toCore(TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            return null;
        }
        long[] dims = new long[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            long d = shape.getDim(i).getSize();
            dims[i] = d < 0 ? Shape.DYNAMIC : d;
        }
        return Shape.of(dims);
    }

    /** The trt4j shape of a TensorFlow Java shape, {@code null} if its rank is unknown. */
    public static Shape toCore(org.tensorflow.ndarray.Shape shape) {
        if (shape.isUnknown()) {
            return null;
        }
        long[] dims = shape.asArray();
        for (int i = 0; i < dims.length; i++) {
            dims[i] = dims[i] < 0 ? Shape.DYNAMIC : dims[i];
        }
        return Shape.of(dims);
    }

    /** The TensorFlow shape proto of a trt4j shape ({@code null}: unknown rank). */
    public static TensorShapeProto toProto(Shape shape) {
        TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
        if (shape == null) {
            return b.setUnknownRank(true).build();
        }
        for (int i = 0; i < shape.rank(); i++) {
            b.addDim(TensorShapeProto.Dim.newBuilder().setSize(shape.dim(i)));
        }
        return b.build();
    }

    /** The TensorFlow Java shape of a trt4j shape ({@code null}: unknown rank). */
    public static org.tensorflow.ndarray.Shape toTfJava(Shape shape) {
        return shape == null ? org.tensorflow.ndarray.Shape.unknown() : org.tensorflow.ndarray.Shape.of(shape.toArray());
    }
}
