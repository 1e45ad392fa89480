package io.trt4j.image.internal;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether this JVM can run trt-image's Vector API kernels at all (the JPEG decoder's IDCTs and colour conversion, the
 * resampler's horizontal pass), before each family runs its own self-check; refers to no
 * {@code jdk.incubator.vector} type itself, so it loads and answers without the module.
 *
 * <p>Usable when all of these hold: the system property {@value #PROPERTY} is not {@code false}; the
 * {@code jdk.incubator.vector} module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and readable from this class's module; the JVM runs C2 (not
 * {@code -Xint}, not C1 only); and the CPU's preferred vector holds at least 8 {@code int}s (256-bit, e.g. AVX2;
 * narrower hardware would run the 256-bit code in slow software).
 *
 * <p>A rule for the kernels: every shape change names its target species as a constant
 * ({@code convertShape(op, SPECIES, 0)}, {@code reinterpretShape(SPECIES, 0)}), never {@code reinterpretAsBytes()},
 * {@code reinterpretAsInts()} or {@code convert(op, 0)}. Those derive the species at run time, and whether C2 folds
 * that to a constant depends on its inlining in that JVM: in one series of JMH forks (JDK 17.0.15) the YCbCr kernel's
 * C2 compile reported "missing constant: vclass" ({@code -XX:+PrintIntrinsics}) in every fork that then ran the
 * decoder about three times slower for its whole life, and in none of the fast ones.
 *
 * <p>Thread-safety: immutable after class initialization.
 */
public final class VectorApiSupport {
    /** System property; {@code false} switches the Vector API kernels off even where the module is present. */
    public static final String PROPERTY = "trt4j.image.vector";
    /** The incubator module the kernels need. */
    public static final String MODULE = "jdk.incubator.vector";
    /** The start of {@link #UNAVAILABLE}'s text when only the CPU's vectors are too narrow. */
    public static final String PREFERRED_SIZE = "preferred vector size ";
    /** The start of a reason when the API is there but does not work (an unknown JDK). */
    public static final String UNUSABLE = "Vector API unusable: ";
    /** Whether the module is in the boot layer (if not, the usual case, nothing about vectors is logged). */
    public static final boolean MODULE_PRESENT;
    /** Null when the kernels may be tried (each family still self-checks), else why not. */
    public static final String UNAVAILABLE;

    static {
        Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
        MODULE_PRESENT = module.isPresent();
        String why = decide(System.getProperty(PROPERTY), module, System.getProperty("java.vm.info", ""));
        if (why == null) {
            try {
                int bits = Width.preferredBits();
                why = bits < 256 ? PREFERRED_SIZE + bits + " bits, below 256" : null;
            } catch (LinkageError | RuntimeException e) {
                why = UNUSABLE + e;
            }
        }
        UNAVAILABLE = why;
    }

    private VectorApiSupport() {
    }

    /**
     * The checks that need no {@code jdk.incubator.vector} class.
     *
     * @param property the value of {@value #PROPERTY}, or null
     * @param module   the module as found in the boot layer
     * @param vmInfo   the system property {@code java.vm.info}: HotSpot says {@code interpreted mode} for
     *                 {@code -Xint} and {@code emulated-client} for C1 only ({@code -XX:TieredStopAtLevel=1}), where
     *                 vector code would never be compiled by C2 and stay hundreds of times slower than scalar code
     * @return null if the Vector API may be tried, else why not
     */
    public static String decide(String property, Optional<Module> module, String vmInfo) {
        if (property != null && property.trim().equalsIgnoreCase("false")) {
            return "-D" + PROPERTY + "=" + property;
        }
        if (module.isEmpty()) {
            return MODULE + " not in the boot layer (start the JVM with --add-modules " + MODULE + ")";
        }
        if (!VectorApiSupport.class.getModule().canRead(module.get())) {
            return VectorApiSupport.class.getModule() + " does not read " + MODULE;
        }
        if (vmInfo.contains("interpreted mode") || vmInfo.contains("emulated-client")) {
            return "no C2 compiler (java.vm.info: " + vmInfo + ")";
        }
        return null;
    }

    /**
     * Runs a family's self-check (its vector kernels against the scalar code on generated data) where
     * {@link #UNAVAILABLE} is null; called once, from the family's class initialization, before any caller can use
     * the kernels. A self-check that throws (an incubator API that changed in a later JDK) counts as failed.
     *
     * @param selfCheck null if the kernels agree with the scalar code, else the first difference
     * @return null if the family may use its vector kernels, else why not ({@link #UNAVAILABLE}, or the self-check's
     *         failure)
     */
    public static String checkFamily(Supplier<String> selfCheck) {
        if (UNAVAILABLE != null) {
            return UNAVAILABLE;
        }
        try {
            return selfCheck.get();
        } catch (LinkageError | RuntimeException e) {
            return UNUSABLE + e;
        }
    }

    /**
     * Whether a family's reason for staying scalar ({@link #checkFamily}'s answer) deserves a warning: the module is
     * there but the API is unusable, or the self-check failed (an unknown JDK). No module, the property, no C2 or
     * narrow vectors do not.
     */
    public static boolean warns(String why) {
        return why != null && (why.startsWith(UNUSABLE) || !why.equals(UNAVAILABLE));
    }

    /** Loads a {@code jdk.incubator.vector} class: only reached when the module is present. */
    private static final class Width {
        static int preferredBits() {
            return jdk.incubator.vector.IntVector.SPECIES_PREFERRED.vectorBitSize();
        }
    }
}
