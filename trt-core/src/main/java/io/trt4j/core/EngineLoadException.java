package io.trt4j.core;

import java.util.List;

/**
 * A serialized engine (plan) could not be loaded: empty, truncated or corrupt bytes, a plan built by another TensorRT
 * version or for another GPU architecture. Carries the messages TensorRT logged during the failing call.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class EngineLoadException extends TrtException {
    private static final long serialVersionUID = 1L;

    private final List<String> tensorRtMessages;

    /** An exception with TensorRT's messages (possibly empty), which are appended to the message. */
    public EngineLoadException(String message, List<String> tensorRtMessages) {
        super(tensorRtMessages.isEmpty() ? message
                : message + "; TensorRT said: " + String.join(" | ", tensorRtMessages));
        this.tensorRtMessages = List.copyOf(tensorRtMessages);
    }

    /** The error and warning messages TensorRT logged while loading, oldest first. */
    public List<String> tensorRtMessages() {
        return tensorRtMessages;
    }
}
