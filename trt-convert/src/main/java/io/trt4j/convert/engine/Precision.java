package io.trt4j.convert.engine;

/**
 * The arithmetic an engine may use, as trt4j's own concept (TensorRT 11 drops the "weak" precision flags, so the
 * public API does not mirror them).
 *
 * <p>On TensorRT 10 each value maps to builder flags:
 * <ul>
 *   <li>{@link #FP32}: {@code kTF32} cleared: IEEE float32 everywhere (slowest, the reference).</li>
 *   <li>{@link #TF32}: {@code kTF32} set (TensorRT's default): float32 tensors, matrix math with 10-bit mantissas on
 *       Ampere and newer. The default of {@link EngineBuilder}.</li>
 *   <li>{@link #FP16}: {@code kFP16}: layers may run in half precision where TensorRT finds it faster.</li>
 *   <li>{@link #BF16}: {@code kBF16}: layers may run in bfloat16 (compute capability 8.0 or newer).</li>
 *   <li>{@link #INT8}: {@code kINT8} with post-training entropy calibration: needs a {@link Calibrator}; layers
 *       without an INT8 implementation run in TF32/FP32.</li>
 * </ul>
 * TensorRT 11 will need the strongly-typed path instead: the precision written into the ONNX model (FP16 weights and
 * casts, or Q/DQ nodes for INT8) and {@code kSTRONGLY_TYPED} networks; this enum then selects that conversion.
 *
 * <p>Thread-safety: immutable.
 */
public enum Precision {
    /** Strict IEEE float32 (TF32 disabled). */
    FP32,
    /** float32 with TF32 tensor-core math allowed (TensorRT's default). */
    TF32,
    /** Half precision allowed. */
    FP16,
    /** bfloat16 allowed (compute capability 8.0+). */
    BF16,
    /** 8-bit integer with calibration. */
    INT8
}
