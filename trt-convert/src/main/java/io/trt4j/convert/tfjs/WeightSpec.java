package io.trt4j.convert.tfjs;

import java.util.Arrays;

/**
 * One entry of a TF.js weights manifest: the weight's name (a {@code Const} node), shape, stored dtype and optional
 * quantization.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name the constant node's name
 * @param shape the dimensions
 * @param dtype {@code float32}, {@code int32}, {@code uint8} or {@code bool}: the dtype after dequantization
 * @param quantization {@code null}, or how the bytes are quantized
 */
record WeightSpec(String name, long[] shape, String dtype, Quantization quantization) {
    /**
     * TF.js quantization: {@code uint8}/{@code uint16} (affine, {@code scale} and {@code min}) or {@code float16}.
     *
     * @param dtype {@code uint8}, {@code uint16} or {@code float16}
     * @param scale affine scale (unused for float16)
     * @param min affine offset (unused for float16)
     */
    record Quantization(String dtype, double scale, double min) {
    }

    long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes this weight occupies in the shards, or -1 for an unknown dtype. */
    long storedBytes() {
        String stored = quantization != null ? quantization.dtype() : dtype;
        int size = switch (stored) {
            case "float32", "int32" -> 4;
            case "uint16", "float16" -> 2;
            case "uint8", "bool" -> 1;
            default -> -1;
        };
        return size < 0 ? -1 : Math.multiplyExact(elementCount(), size);
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(shape) + " " + dtype + (quantization == null ? "" : " " + quantization);
    }
}
