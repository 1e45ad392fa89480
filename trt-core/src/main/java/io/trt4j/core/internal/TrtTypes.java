package io.trt4j.core.internal;

import io.trt4j.core.DataType;
import io.trt4j.core.TrtException;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.nvinfer.Dims64;

/**
 * Conversions between TensorRT's types ({@code nvinfer1::DataType}, {@code Dims64}) and trt4j's.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class TrtTypes {
    private TrtTypes() {
    }

    /**
     * trt4j's type for a TensorRT data type.
     *
     * @param tensor the tensor name, for the message
     * @throws TrtException for types trt4j does not map (INT4, FP4, E8M0)
     */
    public static DataType fromTrt(nvinfer.DataType t, String tensor) {
        if (t == null) {
            throw new TrtException("tensor '" + tensor + "' has an unknown TensorRT data type");
        }
        // JavaCPP returns a fresh enum object carrying the native value: intern() maps it to the constant (a switch
        // on the fresh object would see ordinal 0, kFLOAT, whatever the value).
        return switch (t.intern()) {
            case kFLOAT -> DataType.FLOAT;
            case kHALF -> DataType.HALF;
            case kBF16 -> DataType.BF16;
            case kINT8 -> DataType.INT8;
            case kUINT8 -> DataType.UINT8;
            case kINT32 -> DataType.INT32;
            case kINT64 -> DataType.INT64;
            case kBOOL -> DataType.BOOL;
            case kFP8 -> DataType.FP8;
            default -> throw new TrtException("tensor '" + tensor + "' has TensorRT data type " + t
                    + ", which trt4j does not support (supported: FLOAT, HALF, BF16, INT8, UINT8, INT32, INT64, "
                    + "BOOL, FP8)");
        };
    }

    /** TensorRT's data type for a trt4j type. */
    public static nvinfer.DataType toTrt(DataType t) {
        return switch (t) {
            case FLOAT -> nvinfer.DataType.kFLOAT;
            case HALF -> nvinfer.DataType.kHALF;
            case BF16 -> nvinfer.DataType.kBF16;
            case INT8 -> nvinfer.DataType.kINT8;
            case UINT8 -> nvinfer.DataType.kUINT8;
            case INT32 -> nvinfer.DataType.kINT32;
            case INT64 -> nvinfer.DataType.kINT64;
            case BOOL -> nvinfer.DataType.kBOOL;
            case FP8 -> nvinfer.DataType.kFP8;
        };
    }

    /** The dimensions of a {@code Dims64} ({@code null} or {@code nbDims < 0} gives null). */
    public static long[] dims(Dims64 d) {
        if (d == null || d.isNull() || d.nbDims() < 0) {
            return null;
        }
        long[] out = new long[d.nbDims()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.d(i);
        }
        return out;
    }

    /** Writes {@code dims} into {@code target} and returns it. */
    public static Dims64 fill(Dims64 target, long[] dims) {
        target.nbDims(dims.length);
        for (int i = 0; i < dims.length; i++) {
            target.d(i, dims[i]);
        }
        return target;
    }

    /** A new {@code Dims64} of the given dimensions. */
    public static Dims64 dims64(long... dims) {
        return fill(new Dims64(), dims);
    }
}
