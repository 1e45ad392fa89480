package io.trt4j.convert.tf;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that cannot be imported: corrupt or truncated protobuf or JSON, missing or short weight shards, a shard
 * path escaping the model folder, an unsupported data type or op. The message names the file and the node, field or
 * weight at fault.
 *
 * <p>Thread-safety: immutable.
 */
public class ModelImportException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A failure in {@code file} (may be {@code null} for in-memory models), described by {@code message}. */
    public ModelImportException(Path file, String message) {
        super(file == null ? message : file + ": " + message);
        this.file = file;
    }

    /** A failure in {@code file} (may be {@code null}), described by {@code message}, caused by {@code cause}. */
    public ModelImportException(Path file, String message, Throwable cause) {
        super(file == null ? message : file + ": " + message, cause);
        this.file = file;
    }

    /** The file at fault, or {@code null} for an in-memory model. */
    public Path file() {
        return file;
    }
}
