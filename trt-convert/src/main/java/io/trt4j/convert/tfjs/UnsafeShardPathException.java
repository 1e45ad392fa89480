package io.trt4j.convert.tfjs;

import io.trt4j.convert.tf.ModelImportException;
import java.nio.file.Path;

/**
 * A weights manifest names a shard outside the model's folder: an absolute path, a URL, a path climbing out with
 * {@code ..}, or a symbolic link pointing outside. Such models are refused rather than read.
 *
 * <p>Thread-safety: immutable.
 */
public final class UnsafeShardPathException extends ModelImportException {
    private static final long serialVersionUID = 1L;

    private final String shardPath;

    UnsafeShardPathException(Path modelFile, String shardPath, String why) {
        super(modelFile, "weights manifest path '" + shardPath + "' " + why + "; shards must lie inside "
                + (modelFile == null || modelFile.getParent() == null ? "the model folder" : modelFile.getParent()));
        this.shardPath = shardPath;
    }

    /** The offending path as written in the manifest. */
    public String shardPath() {
        return shardPath;
    }
}
