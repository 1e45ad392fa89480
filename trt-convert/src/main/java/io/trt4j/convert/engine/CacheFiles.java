package io.trt4j.convert.engine;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best-effort reading and atomic writing of cache files (plans, timing caches, calibration tables): a cache that
 * cannot be read or written costs a rebuild and a WARN, never a failed build. Writes go to a temporary file in the
 * same folder, then are moved into place, so a concurrent reader never sees half a file.
 *
 * <p>Thread-safety: stateless; concurrent writers of the same file leave one complete version.
 */
final class CacheFiles {
    private static final Logger LOG = LoggerFactory.getLogger(CacheFiles.class);

    private CacheFiles() {
    }

    /** The file's bytes, or null if it does not exist or cannot be read (logged). */
    static byte[] readIfPresent(Path file, String what) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn("cannot read the {} {}: {}; ignoring it", what, file, e.toString());
            return null;
        }
    }

    /** Writes the bytes atomically; returns false (logged) if that fails. */
    static boolean write(Path file, byte[] bytes, String what) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the {} {}: {}", what, file, e.toString());
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
            return false;
        }
    }

    /** Deletes a file, logging (not throwing) on failure. */
    static void delete(Path file, String what) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the {} {}: {}", what, file, e.toString());
        }
    }
}
