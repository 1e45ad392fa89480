package io.trt4j.convert.tfjs;

import io.trt4j.convert.tf.ModelImportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Finds and reads weight shards named by a manifest, refusing paths that leave the model folder: binary files next to
 * {@code model.json}, or JavaScript modules exporting the shard as a base64 string ({@code <path>.min.js} or
 * {@code <path>.js}).
 *
 * <p>Thread-safety: stateless apart from its immutable configuration; safe to use from any thread.
 */
final class ShardReader {
    private final Path modelFile;
    private final Path dir;
    private final boolean jsBundle;

    ShardReader(Path modelFile, boolean jsBundle) {
        this.modelFile = modelFile;
        Path parent = modelFile.toAbsolutePath().normalize().getParent();
        this.dir = parent;
        this.jsBundle = jsBundle;
    }

    /** The shard's bytes. */
    byte[] read(String manifestPath) throws ModelImportException {
        Path file = resolve(manifestPath);
        if (!jsBundle) {
            return readBytes(file, manifestPath);
        }
        for (String suffix : List.of(".min.js", ".js", "")) {
            Path candidate = resolve(manifestPath + suffix);
            if (Files.isRegularFile(candidate)) {
                String js = new String(readBytes(candidate, manifestPath), StandardCharsets.UTF_8);
                Object value = JsBundle.exportedValue(js, candidate);
                if (!(value instanceof String b64)) {
                    throw new ModelImportException(candidate, "shard module exports " + ProtoJson.describe(value)
                            + ", not a base64 string");
                }
                try {
                    return Base64.getDecoder().decode(b64);
                } catch (IllegalArgumentException e) {
                    throw new ModelImportException(candidate, "shard is not valid base64: " + e.getMessage(), e);
                }
            }
        }
        throw new ModelImportException(modelFile, "missing weight shard '" + manifestPath + "': none of "
                + manifestPath + ".min.js, " + manifestPath + ".js in " + dir);
    }

    private byte[] readBytes(Path file, String manifestPath) throws ModelImportException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelImportException(modelFile, "missing weight shard '" + manifestPath + "' (" + file + ")", e);
        } catch (IOException e) {
            throw new ModelImportException(file, "cannot read weight shard: " + e.getMessage(), e);
        }
    }

    /** The shard's file, checked to lie inside the model folder (symbolic links resolved). */
    Path resolve(String manifestPath) throws UnsafeShardPathException {
        if (manifestPath.isEmpty()) {
            throw new UnsafeShardPathException(modelFile, manifestPath, "is empty");
        }
        if (manifestPath.contains("://") || manifestPath.startsWith("/") || manifestPath.startsWith("\\")
                || manifestPath.matches("^[A-Za-z]:.*") || manifestPath.indexOf('\0') >= 0) {
            throw new UnsafeShardPathException(modelFile, manifestPath, "is absolute or a URL");
        }
        Path p;
        try {
            p = Path.of(manifestPath);
        } catch (RuntimeException e) {
            throw new UnsafeShardPathException(modelFile, manifestPath, "is not a valid path");
        }
        if (p.isAbsolute()) {
            throw new UnsafeShardPathException(modelFile, manifestPath, "is absolute");
        }
        Path resolved = dir.resolve(p).normalize();
        if (!resolved.startsWith(dir)) {
            throw new UnsafeShardPathException(modelFile, manifestPath, "climbs out of the model folder");
        }
        if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Path real = resolved.toRealPath();
                if (!real.startsWith(dir.toRealPath())) {
                    throw new UnsafeShardPathException(modelFile, manifestPath, "is a link to " + real);
                }
            } catch (IOException e) {
                throw new UnsafeShardPathException(modelFile, manifestPath, "cannot be resolved (" + e + ")");
            }
        }
        return resolved;
    }
}
