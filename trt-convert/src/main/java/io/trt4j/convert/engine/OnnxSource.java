package io.trt4j.convert.engine;

/**
 * Anything that serializes to ONNX ModelProto bytes, such as the converter's {@code OnnxModel}: pass
 * {@code model::toByteArray} to {@link EngineBuilder#fromOnnx(OnnxSource)}.
 *
 * <p>Thread-safety: as the implementation's.
 */
@FunctionalInterface
public interface OnnxSource {
    /** The serialized ONNX ModelProto. */
    byte[] toByteArray();
}
