package io.trt4j.convert.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache files are written whole (no temporary left behind), read back, and failures only cost a rebuild. */
class CacheFilesTest {
    @Test
    void writesAtomicallyIntoNewFoldersAndReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/key.plan");
        byte[] bytes = {1, 2, 3, 4};
        assertTrue(CacheFiles.write(file, bytes, "plan"));
        assertArrayEquals(bytes, CacheFiles.readIfPresent(file, "plan"));
        assertTrue(CacheFiles.write(file, new byte[] {9}, "plan"), "overwrites");
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(file));
        try (var listing = Files.list(file.getParent())) {
            assertTrue(listing.allMatch(p -> p.equals(file)), "no temporary file left");
        }
        CacheFiles.delete(file, "plan");
        assertNull(CacheFiles.readIfPresent(file, "plan"));
    }

    @Test
    void unwritableLocationIsReportedNotThrown(@TempDir Path dir) throws Exception {
        Path blocker = Files.write(dir.resolve("file"), new byte[] {1});
        assertFalse(CacheFiles.write(blocker.resolve("child.plan"), new byte[] {1}, "plan"));
        assertNull(CacheFiles.readIfPresent(null, "plan"));
        assertNull(CacheFiles.readIfPresent(dir, "plan"), "a folder is not a cache file");
    }

    @Test
    void planWritesItsBytes(@TempDir Path dir) throws Exception {
        Plan plan = new Plan(new byte[] {5, 6}, Duration.ofMillis(1200), false, "k", "10.15.1", "gpu (sm_90)");
        Path file = dir.resolve("m.plan");
        plan.writeTo(file);
        assertArrayEquals(new byte[] {5, 6}, Files.readAllBytes(file));
        assertTrue(plan.toString().contains("built in 1200 ms"), plan.toString());
    }
}
