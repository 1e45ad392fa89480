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
import org.junit.jupiter.api.Test;

/**
 * How the JVM's options switch the Vector API kernels, each in a fresh child JVM on this test's class path: without
 * {@code --add-modules jdk.incubator.vector} it is off and decoding works (no class of the module is needed); with the
 * module and {@code -Dtrt4j.image.vector=false} it is off; with the module alone it is on (on a CPU with 256-bit
 * vectors). All three decode the real photos to the bytes of the scalar kernels in this JVM.
 */
class VectorSwitchTest {
    private static final String[] PHOTOS = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"};

    @Test
    void jvmOptionsSwitchTheVectorKernelsAndTheBytesStayTheSame() throws Exception {
        boolean fancy = JdkJpegFlavor.fancyH1v2().orElseThrow();
        String[] files = new String[PHOTOS.length];
        for (int i = 0; i < PHOTOS.length; i++) {
            files[i] = Fixtures.image(PHOTOS[i]).toString();
        }
        String expectedCrc = "crc=" + VectorProbe.checksum(fancy, files, false);

        List<String> noModule = probe(List.of(), fancy, files);
        assertTrue(noModule.contains("status=off: jdk.incubator.vector not in the boot layer (start the JVM with"
                + " --add-modules jdk.incubator.vector)"), noModule.toString());
        assertTrue(noModule.contains(expectedCrc), noModule.toString());
        assertFalse(String.join("\n", noModule).contains("Exception"), noModule.toString());

        List<String> switchedOff = probe(List.of("--add-modules", "jdk.incubator.vector",
                "-Dtrt4j.image.vector=false"), fancy, files);
        assertTrue(switchedOff.contains("status=off: -Dtrt4j.image.vector=false"), switchedOff.toString());
        assertTrue(switchedOff.contains(expectedCrc), switchedOff.toString());

        List<String> on = probe(List.of("--add-modules", "jdk.incubator.vector"), fancy, files);
        // the JVM announces the incubator module on standard error
        assertTrue(on.contains("WARNING: Using incubator modules: jdk.incubator.vector"), on.toString());
        if (VectorKernels.ENABLED) { // this JVM runs with the module too: the same CPU check applies
            assertTrue(on.contains("status=on (jdk.incubator.vector present)"), on.toString());
        }
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
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish: " + output);
        assertEquals(0, process.exitValue(), jvmOptions + ": " + output);
        return output.lines().toList();
    }
}
