package io.trt4j.convert.onnx;

/**
 * A TensorFlow graph could not be converted to ONNX: a malformed node, a missing input, an attribute value ONNX cannot
 * express. The message names the culprit node.
 *
 * <p>Thread-safety: immutable.
 */
public class ConversionException extends RuntimeException {
    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
