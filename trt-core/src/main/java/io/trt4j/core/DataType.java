package io.trt4j.core;

/**
 * Element types of TensorRT tensors and of trt4j host tensors.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public enum DataType {
    /** IEEE 754 binary32. */
    FLOAT(4),
    /** IEEE 754 binary16. */
    HALF(2),
    /** bfloat16: the upper 16 bits of a binary32. */
    BF16(2),
    /** Signed 8-bit integer (quantized in TensorRT). */
    INT8(1),
    /** Unsigned 8-bit integer. */
    UINT8(1),
    /** Signed 32-bit integer. */
    INT32(4),
    /** Signed 64-bit integer. */
    INT64(8),
    /** Boolean, one byte per element (0 or 1). */
    BOOL(1),
    /** 8-bit float, E4M3. */
    FP8(1);

    private final int byteSize;

    DataType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether the type is a floating-point type (FLOAT, HALF, BF16, FP8). */
    public boolean isFloatingPoint() {
        return this == FLOAT || this == HALF || this == BF16 || this == FP8;
    }
}
