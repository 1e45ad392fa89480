package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.image.Fixtures;
import io.trt4j.image.internal.JdkJpegFlavor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the JVM's options switch the Vector API kernels, and that a fresh JVM uses them from its first decode, each in
 * a child JVM on this test's class path running {@link VectorProbe}: without {@code --add-modules jdk.incubator.vector}
 * they are off and decoding works (no class of the module is needed); with the module and
 * {@code -Dtrt4j.image.vector=false} they are off; with the module alone they are on (on a CPU with 256-bit vectors)
 * from the first decode. All decode the real photos to the bytes of the scalar kernels in this JVM.
 */
class VectorSwitchTest {
    private static final String[] PHOTOS = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"};
    private static final String ON = "status=on (jdk.incubator.vector present)";

    private static String expectedCrc;
    private static String expectedFirstCrc;
    private static List<String> noModule;
    private static List<String> switchedOff;
    private static List<String> on;

    @BeforeAll
    static void runProbes() throws Exception {
        boolean fancy = JdkJpegFlavor.fancyH1v2().orElseThrow();
        String[] files = new String[PHOTOS.length];
        for (int i = 0; i < PHOTOS.length; i++) {
            files[i] = Fixtures.image(PHOTOS[i]).toString();
        }
        expectedCrc = "crc=" + VectorProbe.checksum(fancy, files, false);
        expectedFirstCrc = "firstCrc=" + VectorProbe.checksum(fancy, new String[] {files[0]}, false);
        noModule = probe(List.of(), fancy, files);
        switchedOff = probe(List.of("--add-modules", "jdk.incubator.vector", "-Dtrt4j.image.vector=false"), fancy,
                files);
        on = probe(List.of("--add-modules", "jdk.incubator.vector"), fancy, files);
    }

    @Test
    void jvmOptionsSwitchTheVectorKernelsAndTheBytesStayTheSame() {
        assertTrue(noModule.contains("status=off: jdk.incubator.vector not in the boot layer (start the JVM with"
                + " --add-modules jdk.incubator.vector)"), noModule.toString());
        assertTrue(noModule.contains(expectedCrc), noModule.toString());
        assertFalse(String.join("\n", noModule).contains("Exception"), noModule.toString());

        assertTrue(switchedOff.contains("status=off: -Dtrt4j.image.vector=false"), switchedOff.toString());
        assertTrue(switchedOff.contains(expectedCrc), switchedOff.toString());

        // the JVM announces the incubator module on standard error
        assertTrue(on.contains("WARNING: Using incubator modules: jdk.incubator.vector"), on.toString());
        if (VectorKernels.ENABLED) { // this JVM runs with the module too: the same CPU check applies
            assertTrue(on.contains(ON), on.toString());
        }
        assertTrue(on.contains(expectedCrc), on.toString());
    }

    /** Where the kernels are off, no decode runs them. */
    @Test
    void switchedOffKernelsNeverRun() {
        for (List<String> off : List.of(noModule, switchedOff)) {
            assertTrue(off.contains("firstDecode=vector 0"), off.toString());
            assertTrue(off.contains("decodes=vector 0"), off.toString());
            assertTrue(off.contains(expectedFirstCrc), off.toString());
        }
    }

    /**
     * With the module, a fresh JVM's first decode already runs the vector kernels (their self-check runs at the
     * decoder's class initialization, before that decode chooses) and gives the scalar kernels' bytes, as do all
     * later decodes.
     */
    @Test
    void firstDecodeOfAFreshJvmRunsTheVectorKernels() {
        if (!VectorKernels.ENABLED) { // the child has the same CPU and JVM: its kernels are off too
            assertTrue(on.contains("firstDecode=vector 0"), on.toString());
            return;
        }
        assertTrue(on.contains("firstDecode=vector 1"), on.toString());
        assertTrue(on.contains(expectedFirstCrc), on.toString());
        assertTrue(on.contains(ON), on.toString());
        assertTrue(on.contains("decodes=vector " + (PHOTOS.length + 1)), on.toString());
        assertTrue(on.contains(expectedCrc), on.toString());
    }

    /** Runs {@link VectorProbe} in a child JVM; returns its output lines (stdout and stderr). */
    private static List<String> probe(List<String> jvmOptions, boolean fancy, String[] files)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(VectorProbe.class.getName());
        command.add(Boolean.toString(fancy));
        command.addAll(List.of(files));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "child JVM did not finish: " + output);
        assertEquals(0, process.exitValue(), jvmOptions + ": " + output);
        return output.lines().toList();
    }
}
