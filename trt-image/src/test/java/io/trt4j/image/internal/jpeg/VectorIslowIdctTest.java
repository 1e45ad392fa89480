package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import io.trt4j.image.internal.VectorApiSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorIslowIdct} against {@link IslowIdct}, called directly: the same samples (and nothing written outside
 * the block) and the same range report on generated blocks of every kind: realistic quantized blocks over the
 * quality range, DC-only, sparse, dense over the narrow path's whole domain, its extremes, and blocks beyond it; many
 * of the latter overflow (range report non-zero), the case where libjpeg's C and SIMD builds disagree and the decoder
 * rejects the image. Needs the {@code jdk.incubator.vector} module (surefire adds it); skipped without it.
 */
class VectorIslowIdctTest {
    /** The standard (Annex K) tables, natural order. */
    private static final int[] LUMA = {16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24,
        40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
        92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    private static final int[] CHROMA = {17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99,
        99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};

    private enum Kind { REALISTIC, DC_ONLY, SPARSE, DENSE, SMALL_DENSE, EXTREMES, TOP_LEFT, WIDE }

    @BeforeAll
    static void needsTheModule() {
        assumeTrue(ModuleLayer.boot().findModule(VectorKernels.MODULE).isPresent(),
                "jdk.incubator.vector not in the boot layer (run with --add-modules jdk.incubator.vector)");
    }

    @Test
    void vectorKernelsAreOnWithTheModule() {
        // surefire runs this module's tests with --add-modules jdk.incubator.vector: the decoder tests then exercise
        // the Vector API kernels, wherever the CPU has 256-bit vectors
        boolean wide = jdk.incubator.vector.IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
        String vmInfo = System.getProperty("java.vm.info", "");
        boolean c2 = !vmInfo.contains("interpreted mode") && !vmInfo.contains("emulated-client");
        assertEquals(wide && c2 && !"false".equalsIgnoreCase(System.getProperty(VectorKernels.PROPERTY, "").trim()),
                VectorKernels.ENABLED, VectorKernels.REASON);
        assertEquals(VectorKernels.REASON, JpegDecoder.vectorStatus());
    }

    @Test
    void sameSamplesAndReportsAsScalarOnGeneratedBlocks() {
        SplittableRandom random = new SplittableRandom(20240611);
        Kind[] kinds = Kind.values();
        int[][] counts = new int[kinds.length][3]; // in range / narrow input out of range / wide input
        int[] strides = {8, 13, 64, 776};
        int[] wsScalar = new int[64];
        int[] wsVector = new int[64];
        for (int trial = 0; trial < 400_000; trial++) {
            Kind kind = trial % 2 == 0 ? Kind.REALISTIC : kinds[1 + random.nextInt(kinds.length - 1)];
            int[] coef = generate(kind, random);
            int stride = strides[random.nextInt(strides.length)];
            int offset = random.nextInt(8);
            byte[] scalar = new byte[offset + 7 * stride + 8 + random.nextInt(8)];
            for (int i = 0; i < scalar.length; i++) {
                scalar[i] = (byte) random.nextInt();
            }
            byte[] vector = scalar.clone();
            Arrays.fill(wsVector, random.nextInt()); // stale workspace must not matter
            int[] coefVector = coef.clone();
            int expected = IslowIdct.transform(coef, scalar, offset, stride, wsScalar,
                    kind == Kind.TOP_LEFT || kind == Kind.DC_ONLY ? 4 : 8);
            int actual = VectorIslowIdct.transform(coefVector, vector, offset, stride, wsVector);
            if (expected != actual || !Arrays.equals(scalar, vector)) {
                assertEquals(expected, actual, kind + " trial " + trial + " range report, block " + Arrays.toString(coef));
                assertArrayEquals(scalar, vector, kind + " trial " + trial + " samples, block " + Arrays.toString(coef));
            }
            assertArrayEquals(coef, coefVector, "the block must be left as it was");
            boolean narrow = Arrays.stream(coef).allMatch(v -> v >= -8192 && v <= 8191);
            counts[kind.ordinal()][!narrow ? 2 : expected != 0 ? 1 : 0]++;
        }
        String summary = "per kind [in range, narrow input out of range, wide input]: ";
        for (Kind k : kinds) {
            summary += k + "=" + Arrays.toString(counts[k.ordinal()]) + " ";
        }
        System.out.println("VectorIslowIdctTest " + summary);
        // every path of the vector code and its fallback was taken, many times
        assertTrue(counts[Kind.REALISTIC.ordinal()][0] >= 150_000, summary);
        assertTrue(counts[Kind.DC_ONLY.ordinal()][1] >= 1_000, "DC-only blocks out of range: " + summary);
        assertTrue(counts[Kind.DENSE.ordinal()][1] >= 10_000, "narrow input, out of range: " + summary);
        assertTrue(counts[Kind.SMALL_DENSE.ordinal()][0] >= 10_000, "dense in range: " + summary);
        assertTrue(counts[Kind.SPARSE.ordinal()][0] >= 1_000 && counts[Kind.SPARSE.ordinal()][1] >= 5_000, summary);
        assertTrue(counts[Kind.TOP_LEFT.ordinal()][0] >= 1_000, summary);
        assertTrue(counts[Kind.EXTREMES.ordinal()][1] >= 10_000, summary);
        assertTrue(counts[Kind.WIDE.ordinal()][2] >= 10_000, "wide input: " + summary);
    }

    /** Blocks whose first (column) pass leaves 16 bits: reported alike. */
    @Test
    void workspaceOverflowIsReported() {
        int[] ws = new int[64];
        int found = 0;
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200_000 && found < 200; trial++) {
            int[] coef = new int[64];
            for (int i = 0; i < 64; i += 8) { // full-magnitude column 0 and its mirror image in column 1
                coef[i] = random.nextBoolean() ? 8191 : -8192;
                coef[i + 1] = -coef[i];
            }
            byte[] scalar = new byte[64];
            byte[] vector = new byte[64];
            int expected = IslowIdct.transform(coef, scalar, 0, 8, ws, 8);
            int actual = VectorIslowIdct.transform(coef.clone(), vector, 0, 8, ws);
            assertEquals(expected, actual, Arrays.toString(coef));
            assertArrayEquals(scalar, vector, Arrays.toString(coef));
            if ((expected & ~0xFFFF) != 0) {
                found++;
            }
        }
        assertTrue(found > 0, "no block overflowed the workspace");
    }

    @Test
    void boundaryCoefficientsTakeTheSamePath() {
        int[] ws = new int[64];
        for (int value : new int[] {-8193, -8192, -8191, -1, 0, 1, 8190, 8191, 8192, Integer.MIN_VALUE / 4,
            Integer.MAX_VALUE / 4}) {
            for (int pos = 0; pos < 64; pos++) {
                int[] coef = new int[64];
                coef[pos] = value;
                coef[(pos * 7 + 3) & 63] += 100;
                byte[] scalar = new byte[80];
                byte[] vector = new byte[80];
                int expected = IslowIdct.transform(coef.clone(), scalar, 2, 9, ws, 8);
                int actual = VectorIslowIdct.transform(coef.clone(), vector, 2, 9, ws);
                assertEquals(expected, actual, "value " + value + " at " + pos);
                assertArrayEquals(scalar, vector, "value " + value + " at " + pos);
            }
        }
    }

    private static int[] generate(Kind kind, SplittableRandom random) {
        int[] b = new int[64];
        switch (kind) {
            case REALISTIC -> realistic(random, b);
            case DC_ONLY -> b[0] = random.nextInt(4) == 0 ? (random.nextBoolean() ? 8191 : -8192)
                    : random.nextInt(-8192, 8192);
            case SPARSE -> {
                for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                    b[random.nextInt(64)] = random.nextInt(-8192, 8192);
                }
            }
            case DENSE -> {
                for (int i = 0; i < 64; i++) {
                    b[i] = random.nextInt(-8192, 8192);
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
                    b[i] = t == 0 ? -8192 : t == 1 ? 8191 : t == 2 ? 0 : random.nextInt(-8192, 8192);
                }
            }
            case TOP_LEFT -> { // what ScanDecoder sends with 4 columns: zigzag positions 0..9 only
                for (int k = 0; k < 10; k++) {
                    if (random.nextInt(3) != 0) {
                        b[ZigZag.NATURAL_ORDER[k]] = random.nextInt(-2048, 2048);
                    }
                }
            }
            case WIDE -> {
                for (int i = 0, n = random.nextInt(8); i < n; i++) {
                    b[random.nextInt(64)] = random.nextInt(-8192, 8192);
                }
                // the decoder's dequantized values reach 16-bit coefficient times 16-bit step
                b[random.nextInt(64)] = random.nextBoolean() ? random.nextInt(8192, 1 << 20)
                        : -random.nextInt(8193, 32768 * 65535);
            }
            default -> throw new AssertionError(kind);
        }
        return b;
    }

    /** A quantized block like an encoder's at quality 10..100: Laplacian AC falling off along the zigzag. */
    private static void realistic(SplittableRandom random, int[] b) {
        int quality = 10 + random.nextInt(91);
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int[] table = random.nextInt(3) == 0 ? CHROMA : LUMA;
        double activity = Math.exp(random.nextDouble() * 5 - 3); // flat to busy
        for (int k = 0; k < 64; k++) {
            int pos = ZigZag.NATURAL_ORDER[k];
            int step = Math.max(1, Math.min(255, (table[pos] * scale + 50) / 100));
            double x;
            if (k == 0) {
                x = (random.nextDouble() * 256 - 128) * 8; // DC of level-shifted samples
            } else {
                double sigma = 150 * activity * Math.exp(-k / 7.0);
                double u = random.nextDouble() - 0.5;
                x = Math.max(-1023, Math.min(1023, -sigma * Math.signum(u) * Math.log(1 - 2 * Math.abs(u))));
            }
            int q = (int) Math.round(x / step);
            if (k == 0) {
                q = Math.max(-1024 / step, Math.min(1016 / step, q));
            }
            b[pos] = q * step;
        }
    }

    @Test
    void decideFollowsThePropertyAndTheModule() {
        java.util.Optional<Module> present = ModuleLayer.boot().findModule(VectorKernels.MODULE);
        String mixed = "mixed mode, sharing";
        assertEquals(null, VectorApiSupport.decide(null, present, mixed));
        assertEquals(null, VectorApiSupport.decide("true", present, mixed));
        assertEquals(null, VectorApiSupport.decide("", present, mixed));
        assertTrue(VectorApiSupport.decide("false", present, mixed).contains("trt4j.image.vector=false"));
        assertTrue(VectorApiSupport.decide(" FALSE ", present, mixed) != null);
        String absent = VectorApiSupport.decide(null, java.util.Optional.empty(), mixed);
        assertTrue(absent.contains("--add-modules jdk.incubator.vector"), absent);
        assertFalse(VectorApiSupport.decide("false", java.util.Optional.empty(), mixed) == null);
        assertTrue(VectorApiSupport.decide(null, present, "interpreted mode, sharing").startsWith("no C2 compiler"));
        assertTrue(VectorApiSupport.decide(null, present, "mixed mode, emulated-client, sharing")
                .startsWith("no C2 compiler"));
    }
}
