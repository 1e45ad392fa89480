package io.trt4j.convert.onnx.ir;

import io.trt4j.core.DataType;

/**
 * ONNX element type numbers ({@code TensorProto.DataType}) and their mapping to TensorFlow and trt4j types.
 *
 * <p>Thread-safety: stateless.
 */
public final class OnnxTypes {
    public static final int UNDEFINED = 0;
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int INT16 = 5;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int STRING = 8;
    public static final int BOOL = 9;
    public static final int FLOAT16 = 10;
    public static final int DOUBLE = 11;
    public static final int BFLOAT16 = 16;

    private OnnxTypes() {
    }

    /** Bytes per element. */
    public static int byteSize(int t) {
        return switch (t) {
            case FLOAT, INT32 -> 4;
            case UINT8, INT8, BOOL -> 1;
            case INT16, FLOAT16, BFLOAT16 -> 2;
            case INT64, DOUBLE -> 8;
            default -> throw new IllegalArgumentException("unsupported ONNX element type " + name(t));
        };
    }

    /** A readable name. */
    public static String name(int t) {
        return switch (t) {
            case FLOAT -> "FLOAT";
            case UINT8 -> "UINT8";
            case INT8 -> "INT8";
            case INT16 -> "INT16";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case STRING -> "STRING";
            case BOOL -> "BOOL";
            case FLOAT16 -> "FLOAT16";
            case DOUBLE -> "DOUBLE";
            case BFLOAT16 -> "BFLOAT16";
            default -> "type#" + t;
        };
    }

    /** The ONNX type of a TensorFlow type, or {@link #UNDEFINED} if ONNX has none we support. */
    public static int fromTf(org.tensorflow.proto.DataType t) {
        return switch (t) {
            case DT_FLOAT -> FLOAT;
            case DT_DOUBLE -> DOUBLE;
            case DT_INT32 -> INT32;
            case DT_UINT8 -> UINT8;
            case DT_INT16 -> INT16;
            case DT_INT8 -> INT8;
            case DT_INT64 -> INT64;
            case DT_BOOL -> BOOL;
            case DT_HALF -> FLOAT16;
            case DT_BFLOAT16 -> BFLOAT16;
            default -> UNDEFINED;
        };
    }

    /** The ONNX type of a trt4j type. */
    public static int fromCore(DataType t) {
        return switch (t) {
            case FLOAT -> FLOAT;
            case HALF -> FLOAT16;
            case BF16 -> BFLOAT16;
            case INT8 -> INT8;
            case UINT8 -> UINT8;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case BOOL -> BOOL;
            case FP8 -> 17;
        };
    }

    /** The trt4j type of an ONNX type. */
    public static DataType toCore(int t) {
        return switch (t) {
            case FLOAT -> DataType.FLOAT;
            case FLOAT16 -> DataType.HALF;
            case BFLOAT16 -> DataType.BF16;
            case INT8 -> DataType.INT8;
            case UINT8 -> DataType.UINT8;
            case INT32 -> DataType.INT32;
            case INT64 -> DataType.INT64;
            case BOOL -> DataType.BOOL;
            default -> throw new IllegalArgumentException("ONNX type " + name(t) + " has no trt4j DataType");
        };
    }
}
