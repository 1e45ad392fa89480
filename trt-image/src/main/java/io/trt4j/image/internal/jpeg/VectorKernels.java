package io.trt4j.image.internal.jpeg;

import io.trt4j.image.internal.VectorApiSupport;
import io.trt4j.image.internal.VectorFamily;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the decoder's Vector API kernels run ({@link VectorIslowIdct} for full-size blocks,
 * {@link VectorScaledIdct} for the 7x7..4x4 blocks of scaled decoding, {@link VectorUpsampler} for fancy chroma
 * upsampling, {@link VectorYCbCr} for the colour conversion) or their scalar originals ({@link IslowIdct},
 * {@link ScaledIdct}, {@link ReducedIdct}, {@link ChromaUpsampler}, {@link io.trt4j.image.internal.JpegYCbCr});
 * refers to no {@code jdk.incubator.vector} type itself, so it loads and answers without the module.
 *
 * <p>{@link #ENABLED}, once per JVM, when {@link VectorApiSupport} finds the Vector API usable (module present, C2,
 * 256-bit vectors, not switched off by {@value #PROPERTY}); a {@code static final}, so without the module C2 folds
 * the vector branches of {@link ScanDecoder} and {@link PlaneConverter} away and no vector class is loaded.
 *
 * <p>Warm-up: until C2 has compiled them, Vector API calls run as Java fallback code, hundreds of times slower than
 * the scalar kernels (the first full-size decode of a 768x576 photo took 0.75 s instead of 0.09 s). So where
 * {@link #ENABLED}, class initialization (at the first decode) queues these kernels ({@link VectorWarmup}) for the
 * warm-up thread of {@link io.trt4j.image.internal.VectorWarmupRunner}, which waits half a second, checks them
 * against the scalar code ({@link VectorSelfCheck}), runs them until they are compiled and then sets
 * {@link #ready()}; until then every decode runs the scalar kernels (the same bytes). If the self-check fails (an
 * incubator API that changed in a later JDK), or the runner's later checks find the compiled kernels slower than the
 * scalar ones, they stay scalar for good. {@link ScanDecoder}
 * reads the flag once per decode ({@link #useVector}); {@link #status()} tells which state holds.
 *
 * <p>Where the module is present the decision is logged once (debug level; a failed self-check or an unusable API
 * at warning level); without it nothing is logged.
 *
 * <p>Thread-safety: thread-safe: {@link #ENABLED} and {@link #REASON} are immutable after class initialization; the
 * warm-up's outcome is a {@link VectorFamily}; the decode counters are {@link LongAdder}s.
 */
final class VectorKernels {
    /** System property; {@code false} switches the Vector API kernels off even where the module is present. */
    static final String PROPERTY = VectorApiSupport.PROPERTY;
    static final String MODULE = VectorApiSupport.MODULE;
    /** Why {@link #ENABLED} holds or not, for logs and tests. */
    static final String REASON;
    /** Chosen once: C2 folds the scalar/vector choices in {@link ScanDecoder} and {@link PlaneConverter} away. */
    static final boolean ENABLED;
    /** The warm-up's outcome: ready, failed or still warming up. */
    static final VectorFamily FAMILY = new VectorFamily("JPEG decoder Vector API kernels",
            "scalar kernels until C2 has compiled the vector ones");
    /** Decodes that ran the vector kernels (counted where the scan starts, from the flag its IDCT branches test). */
    private static final LongAdder VECTOR_DECODES = new LongAdder();
    /** Decodes that asked for the vector kernels but ran the scalar ones because the warm-up was not done. */
    private static final LongAdder WARMING_DECODES = new LongAdder();

    static {
        String why = VectorApiSupport.UNAVAILABLE;
        ENABLED = why == null;
        REASON = ENABLED ? "on (" + MODULE + " present)" : "off: " + why;
        if (ENABLED) {
            VectorWarmup.start(); // logs the decision from its own thread
        } else if (why.startsWith("Vector API unusable")) { // the module is there but unusable: an unknown JDK
            LoggerFactory.getLogger(VectorKernels.class).warn("JPEG decoder Vector API kernels {}", REASON);
        } else if (VectorApiSupport.MODULE_PRESENT) { // without the module (the usual case) nothing is logged
            LoggerFactory.getLogger(VectorKernels.class).debug("JPEG decoder Vector API kernels {}", REASON);
        }
    }

    private VectorKernels() {
    }

    /**
     * Whether a decode that asks for the vector kernels ({@code requested}) gets them: {@link #ENABLED}, requested and
     * {@link #ready()}. Called once per decode (it reads the volatile flag once); counts a decode that asked for them
     * during the warm-up ({@link #warmingDecodes()}).
     */
    static boolean useVector(boolean requested) {
        if (!ENABLED || !requested) {
            return false;
        }
        boolean use = FAMILY.ready();
        if (!use) {
            WARMING_DECODES.increment();
        }
        return use;
    }

    /** Counts a decode that runs the vector kernels ({@link #vectorDecodes()}): {@link ScanDecoder#decode}. */
    static void countVectorDecode() {
        VECTOR_DECODES.increment();
    }

    /** Whether the vector kernels are compiled (or the warm-up gave up waiting): decodes then use them. */
    static boolean ready() {
        return FAMILY.ready();
    }

    /**
     * Waits until the warm-up has ended or {@code timeout} has passed (tests: a decode that asks for the vector
     * kernels gets them only after the warm-up).
     *
     * @return whether {@link #ready()}; false at once where not {@link #ENABLED}
     */
    static boolean awaitReady(Duration timeout) throws InterruptedException {
        return ENABLED && FAMILY.awaitReady(timeout);
    }

    /** {@code "off: why"}, {@code "on (..., warming up: ...)"} while the warm-up runs, else {@link #REASON}. */
    static String status() {
        return ENABLED ? FAMILY.status() : REASON;
    }

    /** Decodes so far that ran the vector kernels (tests). */
    static long vectorDecodes() {
        return VECTOR_DECODES.sum();
    }

    /** Decodes so far that asked for the vector kernels but ran the scalar ones during the warm-up (tests). */
    static long warmingDecodes() {
        return WARMING_DECODES.sum();
    }
}
