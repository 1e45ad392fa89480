package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link VectorScaledIdct} against {@link ScaledIdct} (7x7, 6x6, 5x5) and {@link ReducedIdct} (4x4), called
 * directly, and the quantization-free scalar {@link ReducedIdct#transform4x4} against libjpeg's code
 * ({@link ReducedIdctReference}): the same samples, nothing written outside the block, on generated blocks of every
 * kind (realistic quantized over the quality range, DC-only, sparse, dense, extremes at and beyond the vector code's
 * 32-bit limit, which take the scalar fallback, and huge values whose results wrap in libjpeg's range limit). Also
 * proves the bound that makes the 32-bit first pass exact. The vector parts need the {@code jdk.incubator.vector}
 * module (surefire adds it) and are skipped without it.
 */
class VectorScaledIdctTest {
    private static final int LIMIT = 1 << 14;
    private static final int[] UNIT_QUANT = new int[64];

    static {
        Arrays.fill(UNIT_QUANT, 1);
    }

    private enum Kind { REALISTIC, DC_ONLY, SPARSE, DENSE, SMALL_DENSE, EXTREMES, BOUNDARY, WIDE }

    @FunctionalInterface
    private interface Transform {
        void run(int[] coef, byte[] out, int offset, int stride, int[] ws);
    }

    private static Transform scalar(int size) {
        return switch (size) {
            case 7 -> ScaledIdct::transform7x7;
            case 6 -> ScaledIdct::transform6x6;
            case 5 -> ScaledIdct::transform5x5;
            case 4 -> (c, o, off, st, ws) -> ReducedIdctReference.transform4x4(c, UNIT_QUANT, o, off, st, ws);
            default -> throw new AssertionError(size);
        };
    }

    private static Transform vector(int size) {
        return switch (size) {
            case 7 -> VectorScaledIdct::transform7x7;
            case 6 -> VectorScaledIdct::transform6x6;
            case 5 -> VectorScaledIdct::transform5x5;
            case 4 -> VectorScaledIdct::transform4x4;
            default -> throw new AssertionError(size);
        };
    }

    private static boolean vectorModule() {
        return ModuleLayer.boot().findModule(VectorKernels.MODULE).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7})
    void vectorGivesTheScalarSamplesOnGeneratedBlocks(int size) {
        assumeTrue(vectorModule(), "jdk.incubator.vector not in the boot layer");
        int[] counts = compare(scalar(size), vector(size), size, 150_000, 20240612L + size);
        System.out.println("VectorScaledIdctTest " + size + "x" + size + " [vector path, scalar fallback]: "
                + Arrays.toString(counts));
        assertTrue(counts[0] >= 100_000 && counts[1] >= 10_000, Arrays.toString(counts));
    }

    @Test
    void quantizationFreeScalar4x4GivesLibjpegsSamples() {
        int[] counts = compare(scalar(4), ReducedIdct::transform4x4, 4, 200_000, 99);
        assertTrue(counts[0] >= 100_000, Arrays.toString(counts));
    }

    /**
     * Every coefficient position at and around the limit, alone and with a second one: the vector code and its
     * fallback give the same samples on both sides of the boundary.
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7})
    void limitBoundary(int size) {
        assumeTrue(vectorModule(), "jdk.incubator.vector not in the boot layer");
        Transform s = scalar(size);
        Transform v = vector(size);
        int[] ws = new int[128];
        for (int value : new int[] {-LIMIT - 1, -LIMIT, -LIMIT + 1, -1, 1, LIMIT - 2, LIMIT - 1, LIMIT,
            Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 30, -(1 << 24)}) {
            for (int pos = 0; pos < 64; pos++) {
                int[] coef = new int[64];
                coef[pos] = value;
                coef[(pos * 7 + 3) & 63] += LIMIT - 1;
                byte[] expected = new byte[8 * 11 + 2];
                byte[] actual = new byte[expected.length];
                s.run(coef.clone(), expected, 2, 11, ws);
                v.run(coef.clone(), actual, 2, 11, ws);
                assertArrayEquals(expected, actual, size + "x" + size + ": " + value + " at " + pos);
            }
        }
    }

    /**
     * The bound of {@link VectorScaledIdct}'s documentation: with every input within -LIMIT..LIMIT-1, each first-pass
     * value before its right shift is at most LIMIT times the sum of the absolute multipliers of its output (read off
     * the scalar code by transforming unit impulses) plus the rounding term, below 2^31; so 32-bit arithmetic, exact
     * modulo 2^32, gives it exactly.
     */
    @Test
    void firstPassFitsIn32BitsWithinTheLimit() {
        assertEquals(LIMIT, VectorScaledIdct.LIMIT);
        long[] expectedL1 = {0, 0, 0, 0, 77_910, 38_973, 46_398, 53_811};
        long[] found = new long[8];
        for (int size = 4; size <= 7; size++) {
            Transform t = size == 4 ? ReducedIdct::transform4x4 : scalar(size);
            // an impulse of 2^20 at row r of column 0: workspace row k = (2^20 * m + round) >> shift = m * 2^(20-shift)
            int shift = size == 4 ? 12 : ScaledIdct.SHIFT1;
            int rowStride = size == 4 ? 8 : size;
            long[] l1 = new long[size == 4 ? 4 : size];
            for (int r = 0; r < 8; r++) {
                int[] coef = new int[64];
                coef[8 * r] = 1 << 20;
                int[] ws = new int[128];
                t.run(coef, new byte[64], 0, 8, ws);
                for (int k = 0; k < l1.length; k++) {
                    int w = ws[k * rowStride];
                    assertEquals(0, w % (1 << (20 - shift)), size + "x" + size + " row " + r);
                    l1[k] += Math.abs(w >> (20 - shift));
                }
            }
            long max = Arrays.stream(l1).max().orElseThrow();
            System.out.println("VectorScaledIdctTest " + size + "x" + size + " first-pass sums of |multipliers|: "
                    + Arrays.toString(l1));
            found[size] = max;
            assertTrue(max * LIMIT + (1L << (shift - 1)) < 1L << 31, size + "x" + size + ": " + max);
        }
        assertArrayEquals(expectedL1, found, "the largest sums, as documented in VectorScaledIdct");
    }

    /** @return {vector path count, fallback count} (blocks with every read coefficient within the limit, and not) */
    private static int[] compare(Transform expected, Transform actual, int size, int trials, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Kind[] kinds = Kind.values();
        int[] strides = {size, 9, 64, 776};
        int[] wsExpected = new int[128];
        int[] wsActual = new int[128];
        int[] counts = new int[2];
        for (int trial = 0; trial < trials; trial++) {
            Kind kind = trial % 2 == 0 ? Kind.REALISTIC : kinds[1 + random.nextInt(kinds.length - 1)];
            int[] coef = generate(kind, random);
            int stride = strides[random.nextInt(strides.length)];
            int offset = random.nextInt(8);
            byte[] e = new byte[offset + (size - 1) * stride + size + random.nextInt(8)];
            for (int i = 0; i < e.length; i++) {
                e[i] = (byte) random.nextInt();
            }
            byte[] a = e.clone();
            Arrays.fill(wsActual, random.nextInt()); // stale workspace must not matter
            int[] coefActual = coef.clone();
            expected.run(coef, e, offset, stride, wsExpected);
            actual.run(coefActual, a, offset, stride, wsActual);
            if (!Arrays.equals(e, a)) {
                assertArrayEquals(e, a, size + "x" + size + " " + kind + " trial " + trial + ", block "
                        + Arrays.toString(coef));
            }
            assertArrayEquals(coef, coefActual, "the block must be left as it was");
            boolean inRange = true;
            for (int i = 0; i < (size == 4 ? 64 : 8 * size); i++) {
                inRange &= coef[i] >= -LIMIT && coef[i] < LIMIT;
            }
            counts[inRange ? 0 : 1]++;
        }
        return counts;
    }

    private static int[] generate(Kind kind, SplittableRandom random) {
        int[] b = new int[64];
        switch (kind) {
            case REALISTIC -> realistic(random, b);
            case DC_ONLY -> b[0] = random.nextInt(-2 * LIMIT, 2 * LIMIT);
            case SPARSE -> {
                for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                    b[random.nextInt(64)] = random.nextInt(-LIMIT, LIMIT);
                }
            }
            case DENSE -> { // within the limit: many results wrap in the range limit
                for (int i = 0; i < 64; i++) {
                    b[i] = random.nextInt(-LIMIT, LIMIT);
                }
            }
            case SMALL_DENSE -> {
                for (int i = 0; i < 64; i++) {
                    b[i] = random.nextInt(-64, 65);
                }
            }
            case EXTREMES -> {
                for (int i = 0; i < 64; i++) {
                    int t = random.nextInt(4);
                    b[i] = t == 0 ? -LIMIT : t == 1 ? LIMIT - 1 : t == 2 ? 0 : random.nextInt(-LIMIT, LIMIT);
                }
            }
            case BOUNDARY -> { // one value just past the limit, in a used position or not
                realistic(random, b);
                b[random.nextInt(64)] = random.nextBoolean() ? LIMIT + random.nextInt(3)
                        : -LIMIT - 1 - random.nextInt(3);
            }
            case WIDE -> { // up to 16-bit coefficient times 16-bit step: the 64-bit scalar code wraps its workspace
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    b[random.nextInt(64)] = random.nextBoolean() ? random.nextInt(LIMIT, 32768 * 65535)
                            : -random.nextInt(LIMIT + 1, 32768 * 65535);
                }
            }
            default -> throw new AssertionError(kind);
        }
        return b;
    }

    /** A quantized block like an encoder's at quality 10..100 (as {@link VectorIslowIdctTest}'s). */
    private static void realistic(SplittableRandom random, int[] b) {
        int[] luma = {16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
            14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64,
            78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
        int quality = 10 + random.nextInt(91);
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        double activity = Math.exp(random.nextDouble() * 5 - 3);
        for (int k = 0; k < 64; k++) {
            int pos = ZigZag.NATURAL_ORDER[k];
            int step = Math.max(1, Math.min(255, (luma[pos] * scale + 50) / 100));
            double x;
            if (k == 0) {
                x = (random.nextDouble() * 256 - 128) * 8;
            } else {
                double sigma = 150 * activity * Math.exp(-k / 7.0);
                double u = random.nextDouble() - 0.5;
                x = Math.max(-1023, Math.min(1023, -sigma * Math.signum(u) * Math.log(1 - 2 * Math.abs(u))));
            }
            b[pos] = (int) Math.round(x / step) * step;
        }
    }
}
