package io.trt4j.image.internal.jpeg;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import io.trt4j.image.internal.VectorApiSupport;
import org.slf4j.LoggerFactory;

/**
 * Decides once per JVM whether the decoder's Vector API kernels run ({@link VectorIslowIdct} for full-size blocks,
 * {@link VectorScaledIdct} for the 7x7..4x4 blocks of scaled decoding, {@link VectorYCbCr} for the colour
 * conversion) or their scalar originals ({@link IslowIdct}, {@link ScaledIdct}, {@link ReducedIdct},
 * {@link io.trt4j.image.internal.JpegYCbCr}); refers to no {@code jdk.incubator.vector} type itself, so it loads and
 * answers without the module.
 *
 * <p>On when {@link VectorApiSupport} finds the Vector API usable (module present, C2, 256-bit vectors, not switched
 * off by {@value #PROPERTY}) and a self-check of the IDCTs and the colour conversion against the
 * scalar code passes. Any failure on the way (a {@link LinkageError} from an incubator API that changed in a later
 * JDK included) leaves it off: the decoder then runs the scalar code it runs without the module. Where the module is present the decision is logged once (debug level; a failed self-check or
 * an unusable API at warning level); without it nothing is logged.
 *
 * <p>Thread-safety: immutable after class initialization.
 */
final class VectorKernels {
    /** System property; {@code false} switches the Vector API kernels off even where the module is present. */
    static final String PROPERTY = VectorApiSupport.PROPERTY;
    static final String MODULE = VectorApiSupport.MODULE;
    /** Why {@link #ENABLED} holds or not, for logs and tests. */
    static final String REASON;
    /** Chosen once: C2 folds the scalar/vector choices in {@link ScanDecoder} and {@link PlaneConverter} away. */
    static final boolean ENABLED;

    static {
        String why = VectorApiSupport.UNAVAILABLE;
        boolean failed;
        if (why == null) {
            try {
                why = VectorSelfCheck.run();
            } catch (LinkageError | RuntimeException e) {
                why = "Vector API unusable: " + e;
            }
            failed = why != null;
        } else {
            failed = why.startsWith("Vector API unusable");
        }
        ENABLED = why == null;
        REASON = why == null ? "on (" + MODULE + " present)" : "off: " + why;
        if (failed) { // the module is there but the kernels do not work: a JDK this code does not know
            LoggerFactory.getLogger(VectorKernels.class).warn("JPEG decoder Vector API kernels {}", REASON);
        } else if (VectorApiSupport.MODULE_PRESENT) { // without the module (the usual case) nothing is logged
            LoggerFactory.getLogger(VectorKernels.class).debug("JPEG decoder Vector API kernels {}", REASON);
        }
    }

    private VectorKernels() {
    }

    /** {@link VectorApiSupport#decide}. */
    static String decide(String property, Optional<Module> module, String vmInfo) {
        return VectorApiSupport.decide(property, module, vmInfo);
    }

    /** The checks that load {@code jdk.incubator.vector} classes: only reached when the module is present. */
    private static final class VectorSelfCheck {
        /** @return null when the vector IDCT may be used, else why not */
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
    }
}
