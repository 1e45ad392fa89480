package io.trt4j.image.internal.jpeg;

import io.trt4j.image.internal.VectorApiSupport;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the decoder's Vector API kernels run ({@link VectorIslowIdct} for full-size blocks,
 * {@link VectorScaledIdct} for the 7x7..4x4 blocks of scaled decoding, {@link VectorUpsampler} for fancy chroma
 * upsampling, {@link VectorYCbCr} for the colour conversion) or their scalar originals ({@link IslowIdct},
 * {@link ScaledIdct}, {@link ReducedIdct}, {@link ChromaUpsampler}, {@link io.trt4j.image.internal.JpegYCbCr});
 * refers to no {@code jdk.incubator.vector} type itself, so it loads and answers without the module.
 *
 * <p>{@link #ENABLED}, once per JVM at class initialization (the first decode), when {@link VectorApiSupport} finds
 * the Vector API usable (module present, C2, 256-bit vectors, not switched off by {@value #PROPERTY}) and
 * {@link VectorSelfCheck} finds the vector kernels giving the scalar code's bytes (a guard against an incubator API
 * that behaves differently in a later JDK; about 0.2 s, uncompiled). A {@code static final}: C2 folds the scalar or
 * the vector branches of {@link ScanDecoder} and {@link PlaneConverter} away, and without the module no vector class
 * is loaded.
 *
 * <p>The first decodes of a fresh JVM pay for it: vector code runs hundreds of times slower until C1 and C2 have
 * compiled it, so with the module a fresh JVM's first 768x576 decode takes about a second (0.08 s without), and
 * decodes reach their full speed after two to three seconds on one core ({@code Preprocessor#warmUp} does that before
 * a service takes requests). Measured against the alternatives (trt-bench/NOTES.md): switching from the scalar kernels
 * to the vector ones later in the JVM's life, after a background warm-up or a background self-check, cost more in
 * total (the switch deoptimizes the decoder's compiled code, the kernels get compiled twice) and gave a second-long
 * stall in the middle of the first seconds or a third of the scalar speed for 8 to 14 seconds on one core.
 *
 * <p>Where the module is present the decision is logged once (debug level; a failed self-check or an unusable API
 * at warning level); without it nothing is logged.
 *
 * <p>Thread-safety: thread-safe: {@link #ENABLED} and {@link #REASON} are immutable after class initialization; the
 * decode counter is a {@link LongAdder}.
 */
final class VectorKernels {
    /** System property; {@code false} switches the Vector API kernels off even where the module is present. */
    static final String PROPERTY = VectorApiSupport.PROPERTY;
    static final String MODULE = VectorApiSupport.MODULE;
    /** Why {@link #ENABLED} holds or not: {@code "on (jdk.incubator.vector present)"} or {@code "off: why"}. */
    static final String REASON;
    /** Chosen once: C2 folds the scalar/vector choices in {@link ScanDecoder} and {@link PlaneConverter} away. */
    static final boolean ENABLED;
    /** Decodes that ran the vector kernels (counted where the scan starts, from the flag its IDCT branches test). */
    private static final LongAdder VECTOR_DECODES = new LongAdder();

    static {
        String why = VectorApiSupport.checkFamily(VectorSelfCheck::run);
        ENABLED = why == null;
        REASON = ENABLED ? "on (" + MODULE + " present)" : "off: " + why;
        if (VectorApiSupport.warns(why)) {
            LoggerFactory.getLogger(VectorKernels.class).warn("JPEG decoder Vector API kernels {}", REASON);
        } else if (VectorApiSupport.MODULE_PRESENT) { // without the module (the usual case) nothing is logged
            LoggerFactory.getLogger(VectorKernels.class).debug("JPEG decoder Vector API kernels {}", REASON);
        }
    }

    private VectorKernels() {
    }

    /** Counts a decode that runs the vector kernels ({@link #vectorDecodes()}): {@link ScanDecoder#decode}. */
    static void countVectorDecode() {
        VECTOR_DECODES.increment();
    }

    /** Decodes so far that ran the vector kernels (tests). */
    static long vectorDecodes() {
        return VECTOR_DECODES.sum();
    }
}
