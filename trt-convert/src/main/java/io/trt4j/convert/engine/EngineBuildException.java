package io.trt4j.convert.engine;

import io.trt4j.core.TrtException;
import java.util.List;

/**
 * TensorRT parsed the model but could not build an engine (an unsatisfiable profile, no kernel for a layer at the
 * requested precision, out of memory, a failing calibrator, ...). Carries the errors and warnings TensorRT logged.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class EngineBuildException extends TrtException {
    private static final long serialVersionUID = 1L;

    private final List<String> tensorRtMessages;

    /** An exception with TensorRT's messages (possibly empty), which are appended to the message. */
    public EngineBuildException(String message, List<String> tensorRtMessages) {
        this(message, tensorRtMessages, null);
    }

    /** An exception with TensorRT's messages and a cause (for instance what a {@link Calibrator} threw). */
    public EngineBuildException(String message, List<String> tensorRtMessages, Throwable cause) {
        super(tensorRtMessages.isEmpty() ? message
                : message + "; TensorRT said: " + String.join(" | ", tensorRtMessages), cause);
        this.tensorRtMessages = List.copyOf(tensorRtMessages);
    }

    /** The error and warning messages TensorRT logged during the build, oldest first. */
    public List<String> tensorRtMessages() {
        return tensorRtMessages;
    }
}
