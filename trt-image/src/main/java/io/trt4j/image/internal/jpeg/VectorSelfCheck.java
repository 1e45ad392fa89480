package io.trt4j.image.internal.jpeg;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Checks the Vector API kernels against the scalar code on random blocks and rows (the IDCTs of every size the vector
 * code has, the three fancy upsamplers and the colour conversion) before the decoder uses them: a guard against an
 * incubator API that behaves differently in a later JDK. Run once, by {@link VectorKernels}' class initialization,
 * only where {@link io.trt4j.image.internal.VectorApiSupport} finds the API usable, so it loads
 * {@code jdk.incubator.vector} classes only there.
 *
 * <p>Thread-safety: stateless; every call uses its own arrays.
 */
final class VectorSelfCheck {
    private VectorSelfCheck() {
    }

    /** @return null when the vector kernels may be used, else why not */
    static String run() {
        SplittableRandom random = new SplittableRandom(1);
        int[] coef = new int[64];
        int[] ws = new int[64];
        byte[] scalar = new byte[64];
        byte[] vector = new byte[64];
        for (int trial = 0; trial < 64; trial++) {
            int magnitude = trial % 8 == 0 ? 20_000 : 1 + random.nextInt(1024);
            for (int i = 0; i < 64; i++) {
                coef[i] = random.nextInt(4) == 0 ? random.nextInt(-magnitude, magnitude + 1) : 0;
            }
            int expected = IslowIdct.transform(coef, scalar, 0, 8, ws, 8);
            int actual = VectorIslowIdct.transform(coef, vector, 0, 8, ws);
            if (expected != actual || !Arrays.equals(scalar, vector)) {
                return "IDCT self-check failed on block " + Arrays.toString(coef);
            }
        }
        byte[] scaledScalar = new byte[49];
        byte[] scaledVector = new byte[49];
        for (int trial = 0; trial < 16; trial++) {
            int magnitude = trial % 8 == 0 ? 40_000 : 1 + random.nextInt(1024);
            for (int i = 0; i < 64; i++) {
                coef[i] = random.nextInt(3) == 0 ? random.nextInt(-magnitude, magnitude + 1) : 0;
            }
            for (int size = 4; size <= 7; size++) {
                switch (size) {
                    case 4 -> {
                        ReducedIdct.transform4x4(coef, scaledScalar, 0, size, ws);
                        VectorScaledIdct.transform4x4(coef, scaledVector, 0, size, ws);
                    }
                    case 5 -> {
                        ScaledIdct.transform5x5(coef, scaledScalar, 0, size, ws);
                        VectorScaledIdct.transform5x5(coef, scaledVector, 0, size, ws);
                    }
                    case 6 -> {
                        ScaledIdct.transform6x6(coef, scaledScalar, 0, size, ws);
                        VectorScaledIdct.transform6x6(coef, scaledVector, 0, size, ws);
                    }
                    default -> {
                        ScaledIdct.transform7x7(coef, scaledScalar, 0, size, ws);
                        VectorScaledIdct.transform7x7(coef, scaledVector, 0, size, ws);
                    }
                }
                if (!Arrays.equals(scaledScalar, scaledVector)) {
                    return size + "x" + size + " IDCT self-check failed on block " + Arrays.toString(coef);
                }
            }
        }
        String upsampling = checkUpsamplers(random);
        if (upsampling != null) {
            return upsampling;
        }
        byte[] ycc = new byte[3 * 64];
        random.nextBytes(ycc);
        byte[] rgbScalar = new byte[3 * 64];
        byte[] rgbVector = new byte[3 * 64];
        io.trt4j.image.internal.JpegYCbCr.toRgbRow(ycc, 0, ycc, 64, ycc, 128, 64, rgbScalar, 0);
        VectorYCbCr.toRgbRow(ycc, 0, ycc, 64, ycc, 128, 64, rgbVector, 0);
        if (!Arrays.equals(rgbScalar, rgbVector)) {
            return "YCbCr self-check failed on " + Arrays.toString(ycc);
        }
        return null;
    }

    /**
     * The fancy upsamplers on random rows of widths (3 and up: narrower rows replicate) with and without a partial
     * last vector (the vector code's tail is scalar), both rounding biases of h1v2.
     *
     * @return null when they agree, else the first difference
     */
    private static String checkUpsamplers(SplittableRandom random) {
        for (int width : new int[] {3, 15, 16, 17, 40, 95}) {
            byte[] in = new byte[2 * width];
            random.nextBytes(in);
            byte[] scalar = new byte[2 * width];
            byte[] vector = new byte[2 * width];
            for (int bias = 1; bias <= 2; bias++) {
                ChromaUpsampler.h1v2Fancy(in, 0, width, bias, width, scalar);
                VectorUpsampler.h1v2Fancy(in, 0, width, bias, width, vector);
                if (!Arrays.equals(scalar, 0, width, vector, 0, width)) {
                    return "h1v2 upsampling self-check failed on " + Arrays.toString(in);
                }
            }
            ChromaUpsampler.h2v1Fancy(in, 0, width, scalar);
            VectorUpsampler.h2v1Fancy(in, 0, width, vector);
            if (!Arrays.equals(scalar, vector)) {
                return "h2v1 upsampling self-check failed on " + Arrays.toString(in);
            }
            ChromaUpsampler.h2v2Fancy(in, 0, width, width, scalar);
            VectorUpsampler.h2v2Fancy(in, 0, width, width, vector);
            if (!Arrays.equals(scalar, vector)) {
                return "h2v2 upsampling self-check failed on " + Arrays.toString(in);
            }
        }
        return null;
    }
}
