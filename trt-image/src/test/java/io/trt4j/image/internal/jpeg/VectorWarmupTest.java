package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trt4j.image.internal.JdkJpegFlavor;
import java.time.Duration;
import java.util.SplittableRandom;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import io.trt4j.image.internal.VectorWarmupRunner;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorWarmup} in this JVM (surefire adds {@code jdk.incubator.vector}): the warm-up ends, within its cap,
 * with the kernels ready, after which decodes asking for them run them and others do not; and the blocks it warms
 * the IDCTs with stay in the range where the vector IDCTs need no scalar fallback (else the warm-up would time, and C2
 * profile, a path that photos do not take). A fresh JVM's first decode is {@link VectorSwitchTest}'s.
 */
class VectorWarmupTest {
    @Test
    void warmUpEndsWithTheVectorKernelsReadyWithinItsCap() throws Exception {
        assumeTrue(VectorKernels.ENABLED, "Vector API kernels " + VectorKernels.REASON);
        // the cap counts from the end of the start delay; the margin is for the self-check and a loaded machine
        Duration cap = Duration.ofMillis(VectorWarmup.START_DELAY_MS).plusSeconds(VectorWarmup.CAP_SECONDS + 20);
        boolean ready = VectorKernels.awaitReady(cap);
        // this JVM's compiled kernels proved slower than the scalar ones and the decoder went back to those (rare;
        // VectorWarmupRunner's later checks): nothing left to test here
        assumeFalse(JpegDecoder.vectorStatus().contains(VectorWarmupRunner.SLOWER_THAN_SCALAR),
                JpegDecoder.vectorStatus());
        assertTrue(ready, JpegDecoder.vectorStatus());
        assertTrue(VectorKernels.ready());
        assertEquals(VectorKernels.REASON, JpegDecoder.vectorStatus());

        byte[] data = TestJpegs.fixture("dog.jpg");
        JpegHeader header = JpegDecoder.readHeader(data);
        boolean fancy = JdkJpegFlavor.fancyH1v2().orElseThrow();
        long vector = VectorKernels.vectorDecodes();
        long warming = VectorKernels.warmingDecodes();
        byte[] withVector = JpegDecoder.decode(data, header, 1, fancy, true).pixels();
        assertEquals(vector + 1, VectorKernels.vectorDecodes(), "a decode asking for the vector kernels");
        byte[] scalar = JpegDecoder.decode(data, header, 1, fancy, false).pixels();
        assertEquals(vector + 1, VectorKernels.vectorDecodes(), "a decode asking for the scalar kernels");
        assertEquals(warming, VectorKernels.warmingDecodes(), "decodes counted as warming after the warm-up");
        assertArrayEquals(scalar, withVector);
    }

    @Test
    void warmUpBlocksKeepTheIdctsInTheirVectorRange() {
        SplittableRandom random = new SplittableRandom(42);
        double largest = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            int[] block = VectorWarmup.block(random);
            for (int c : block) {
                assertTrue(c >= -8192 && c <= 8191, "coefficient " + c); // VectorIslowIdct's narrow domain
            }
            double[] samples = idct(block);
            for (double s : samples) {
                largest = Math.max(largest, Math.abs(s));
            }
        }
        // VectorIslowIdct computes blocks whose results lie within +/-512 before range limiting itself
        assertTrue(largest <= 420, "largest IDCT value " + largest);
        assertTrue(largest > 100, "largest IDCT value " + largest + ": blocks this flat are not photo-like");
    }

    /** {@code C(u) cos((2x + 1) u pi / 16)} at {@code [x][u]}, {@code C(0) = sqrt(1/2)}, else 1. */
    private static final double[][] BASIS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                BASIS[x][u] = (u == 0 ? Math.sqrt(0.5) : 1) * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    /** The 8x8 inverse DCT in double precision, before the level shift (natural-order coefficients, row-major). */
    private static double[] idct(int[] coef) {
        double[] out = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int v = 0; v < 8; v++) {
                    for (int u = 0; u < 8; u++) {
                        sum += coef[v * 8 + u] * BASIS[x][u] * BASIS[y][v];
                    }
                }
                out[y * 8 + x] = sum / 4;
            }
        }
        return out;
    }
}
