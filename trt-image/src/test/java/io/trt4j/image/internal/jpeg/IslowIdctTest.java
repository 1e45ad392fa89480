package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The paths of {@link IslowIdct} against each other: where both apply (dequantized coefficients within +/-8191), the
 * 64-bit path must give the 32-bit path's samples and range report, and skipping all-zero columns must change
 * nothing (the full 32-bit path is checked against the JDK's decoder by {@link JpegDecoderBitExactTest}).
 */
class IslowIdctTest {
    @Test
    void wideAndNarrowPathsAgreeWhereBothApply() {
        SplittableRandom random = new SplittableRandom(7);
        int[] coef = new int[64];
        int[] ws = new int[64];
        int stride = 13;
        for (int trial = 0; trial < 20_000; trial++) {
            int nonZero = 1 + random.nextInt(64);
            int magnitude = trial % 4 == 0 ? 8191 : 1 + random.nextInt(1024);
            java.util.Arrays.fill(coef, 0);
            for (int i = 0; i < nonZero; i++) {
                coef[random.nextInt(64)] = random.nextInt(-magnitude, magnitude + 1);
            }
            byte[] narrow = new byte[8 * stride + 8];
            byte[] wide = new byte[8 * stride + 8];
            int narrowReport = IslowIdct.transform(coef.clone(), narrow, 3, stride, ws, 8);
            int wideReport = IslowIdct.transformWide(coef.clone(), wide, 3, stride, ws);
            assertArrayEquals(narrow, wide, "trial " + trial);
            assertEquals(narrowReport == 0, wideReport == 0, "range report, trial " + trial);
        }
    }

    @Test
    void skippingAllZeroColumnsChangesNothing() {
        SplittableRandom random = new SplittableRandom(11);
        int[] coef = new int[64];
        int[] ws = new int[64];
        for (int trial = 0; trial < 20_000; trial++) {
            java.util.Arrays.fill(coef, 0);
            int magnitude = trial % 4 == 0 ? 8191 : 1 + random.nextInt(1024);
            for (int i = 0, n = 1 + random.nextInt(16); i < n; i++) {
                coef[8 * random.nextInt(4) + random.nextInt(4)] = random.nextInt(-magnitude, magnitude + 1);
            }
            java.util.Arrays.fill(ws, 12345); // stale values from an earlier block must not leak in
            byte[] four = new byte[64];
            int fourReport = IslowIdct.transform(coef, four, 0, 8, ws, 4);
            byte[] eight = new byte[64];
            int eightReport = IslowIdct.transform(coef, eight, 0, 8, ws, 8);
            assertArrayEquals(eight, four, "trial " + trial);
            assertEquals(eightReport, fourReport, "range report, trial " + trial);
        }
    }
}
