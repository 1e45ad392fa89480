package io.trt4j.convert.engine;

import io.trt4j.core.TrtException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * TensorRT's ONNX parser rejected the model: not ONNX at all, truncated, or using operators, types or attributes
 * TensorRT does not support. Lists every error the parser reported.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class OnnxParseException extends TrtException {
    private static final long serialVersionUID = 1L;

    private final transient List<OnnxParserError> errors;

    /** An exception listing the parser's errors (at least one). */
    public OnnxParseException(String model, List<OnnxParserError> errors) {
        super("TensorRT's ONNX parser rejected " + model + " with " + errors.size() + " error(s):\n  "
                + errors.stream().map(OnnxParserError::toString).collect(Collectors.joining("\n  ")));
        this.errors = List.copyOf(errors);
    }

    /** Every error the parser reported, in its order. */
    public List<OnnxParserError> errors() {
        return errors;
    }
}
