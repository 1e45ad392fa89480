package io.trt4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativesTest {
    @Test
    void missingLibraryIsReadFromLinkerMessages() {
        String text = "UnsatisfiedLinkError: no jnicudnn in java.library.path: /a:/b <- UnsatisfiedLinkError: "
                + "/root/.javacpp/cache/x/libjnicudnn.so: libcudnn_cnn.so.9: cannot open shared object file: "
                + "No such file or directory";
        assertEquals("libcudnn_cnn.so.9", Natives.missingLibrary(text));
        assertEquals("libnvinfer.so.10",
                Natives.missingLibrary("x: libnvinfer.so.10: cannot open shared object file: No such file"));
        assertNull(Natives.missingLibrary("no jnicudart in java.library.path"));
    }

    @Test
    void searchPathHonoursTheHomeProperty() {
        String old = System.getProperty(LibraryLocator.HOME_PROPERTY);
        System.setProperty(LibraryLocator.HOME_PROPERTY, "/opt/my-trt");
        try {
            List<Path> dirs = LibraryLocator.searchPath();
            assertEquals(Paths.get("/opt/my-trt"), dirs.get(0));
            assertEquals(Paths.get("/opt/my-trt/lib"), dirs.get(1));
            assertTrue(dirs.contains(Paths.get("/usr/local/cuda/lib64")));
            assertFalse(LibraryLocator.inLinkerCache("libtrt4j-does-not-exist.so.1"));
        } finally {
            if (old == null) {
                System.clearProperty(LibraryLocator.HOME_PROPERTY);
            } else {
                System.setProperty(LibraryLocator.HOME_PROPERTY, old);
            }
        }
    }
}
