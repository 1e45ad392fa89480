package io.trt4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link Preprocessor#warmUp}: it runs whole rounds of the pipeline, stops at its limit or once settled, reports what
 * it did, rejects a sample that does not decode before running anything, and changes nothing a later image gets.
 */
class PreprocessorWarmUpTest {
    private static final Preprocessor INCEPTION = Preprocessor.builder(299, 299).resizeMethod(ResizeMethod.BILINEAR)
            .normalization(Normalization.INCEPTION).layout(TensorLayout.NCHW).fastDecode(true).build();

    @Test
    void runsWholeRoundsUntilSettledOrTheLimit() {
        WarmUpReport report = INCEPTION.warmUp(Duration.ofSeconds(30));
        assertEquals(0, report.images() % PreprocessorWarmUp.ROUND, report.toString());
        assertTrue(report.images() >= PreprocessorWarmUp.ROUND, report.toString());
        assertTrue(report.millisPerImage() > 0, report.toString());
        if (report.settled()) { // settling needs the minimum number of rounds
            assertTrue(report.images() >= PreprocessorWarmUp.MIN_ROUNDS * PreprocessorWarmUp.ROUND, report.toString());
        } else { // only the limit ends an unsettled warm-up (a round started before it is finished)
            assertTrue(report.elapsed().compareTo(Duration.ofSeconds(30)) >= 0, report.toString());
        }
        System.out.println("PreprocessorWarmUpTest: " + report);
    }

    @Test
    void zeroLimitRunsOneRound() {
        WarmUpReport report = INCEPTION.warmUp(Duration.ZERO);
        assertEquals(PreprocessorWarmUp.ROUND, report.images(), report.toString());
        assertTrue(!report.settled(), report.toString());
    }

    @Test
    void sampleThatDoesNotDecodeFailsFirst() {
        byte[] notAnImage = "not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> INCEPTION.warmUp(notAnImage, Duration.ofSeconds(5)));
    }

    @Test
    void laterImagesAreTheSameAsWithoutWarmUp() throws IOException {
        byte[] photo = Files.readAllBytes(Fixtures.image("dog.jpg"));
        ByteBuffer before = ByteBuffer.allocateDirect((int) INCEPTION.bytesPerImage()).order(ByteOrder.nativeOrder());
        INCEPTION.write(photo, "dog.jpg", before, 0);
        WarmUpReport report = INCEPTION.warmUp(photo, Duration.ofMillis(200));
        assertTrue(report.images() > 0, report.toString());
        ByteBuffer after = ByteBuffer.allocateDirect((int) INCEPTION.bytesPerImage()).order(ByteOrder.nativeOrder());
        INCEPTION.write(photo, "dog.jpg", after, 0);
        byte[] a = new byte[before.capacity()];
        byte[] b = new byte[after.capacity()];
        before.get(a);
        after.get(b);
        assertArrayEquals(a, b);
    }
}
