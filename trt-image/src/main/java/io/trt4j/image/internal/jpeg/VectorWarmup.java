package io.trt4j.image.internal.jpeg;

import io.trt4j.image.internal.JpegYCbCr;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the decoder's Vector API kernels in a background daemon thread ({@value #THREAD_NAME}) until C2 has compiled
 * them, then calls {@link VectorKernels#markReady()}: until then decodes take the scalar kernels, which are faster
 * than uncompiled vector code.
 *
 * <p>The thread first waits {@value #START_DELAY_MS} ms, so that the first decodes of a fresh JVM and the JIT
 * compilation of their scalar code have the CPU to themselves (a program done decoding by then never pays for the
 * warm-up), then runs {@link VectorSelfCheck} (if that fails it calls {@link VectorKernels#markFailed}
 * and ends: the scalar kernels stay), then warms up.
 *
 * <p>"Compiled" is judged by time: the thread calls each kernel and its scalar original ({@link VectorIslowIdct} and
 * {@link IslowIdct}; {@link VectorScaledIdct}'s 7x7..4x4 and {@link ScaledIdct}'s / {@link ReducedIdct}'s;
 * {@link VectorUpsampler}'s three fancy upsamplers and {@link ChromaUpsampler}'s; {@link VectorYCbCr} and
 * {@link JpegYCbCr}) in alternating timed batches of {@value #BATCH} calls on generated in-range data (IDCT blocks
 * shaped like dequantized photo blocks, random sample rows of photo widths). A kernel is done once, after at least
 * {@value #MIN_BATCHES} batches, its batch takes at most {@value #FACTOR} times the scalar original's fastest batch:
 * compiled by C2 the vector kernels took 0.35 to 0.65 times as long as the scalar ones on the dev machine, before that
 * 20 to 60 times as long (C1 and the interpreter box every vector), so the test cannot confuse the two. A kernel called
 * {@value #PACE_AFTER} batches ({@value #PACE_AFTER} x {@value #BATCH} calls, past C2's default compile thresholds)
 * only waits for its compilation: once every kernel left is past that, the thread sleeps as long as each round of
 * batches took, leaving the CPU to the compiler. When every kernel is done, or after {@value #CAP_SECONDS} s (then
 * said at debug level), the flag is set and the thread ends.
 *
 * <p>Only loaded when {@link VectorKernels#ENABLED}.
 *
 * <p>Thread-safety: {@link #start()} is called once, from {@link VectorKernels}' class initialization; the instance
 * and its arrays are used by the warm-up thread only.
 */
final class VectorWarmup implements Runnable {
    static final String THREAD_NAME = "trt4j-vector-warmup";
    /** The thread's wait before it starts working. */
    static final int START_DELAY_MS = 500;
    /** After this long (from the end of the start delay) the flag is set even if not every kernel looks compiled. */
    static final int CAP_SECONDS = 10;
    /** Calls of one kernel per timed batch. */
    static final int BATCH = 128;
    /** Batches of a kernel before it may count as compiled (the scalar reference is compiled by then). */
    static final int MIN_BATCHES = 8;
    /** A vector batch at most this many times the scalar original's fastest batch counts as compiled. */
    static final double FACTOR = 1.5;
    /** Batches of a kernel after which it only waits for C2 (see the class comment). */
    static final int PACE_AFTER = 48;

    /** Kernels, numbered as in {@link #call}. */
    static final String[] KERNELS = {"islow 8x8", "7x7", "6x6", "5x5", "4x4", "h1v2 fancy", "h2v1 fancy",
        "h2v2 fancy", "ycbcr"};
    private static final int BLOCKS = 64;
    /** Chroma row width (a 768-wide 4:2:0 photo's) and luma row width. */
    private static final int CHROMA_WIDTH = 384;
    private static final int LUMA_WIDTH = 768;

    private final int[][] blocks = new int[BLOCKS][];
    private final int[] workspace = new int[64];
    private final byte[] samples = new byte[64];
    private final byte[] chroma = new byte[2 * CHROMA_WIDTH];
    private final byte[] upsampled = new byte[2 * CHROMA_WIDTH];
    private final byte[] luma = new byte[LUMA_WIDTH];
    private final byte[] cb = new byte[LUMA_WIDTH];
    private final byte[] cr = new byte[LUMA_WIDTH];
    private final byte[] rgb = new byte[3 * LUMA_WIDTH];

    private VectorWarmup() {
        SplittableRandom random = new SplittableRandom(0x7274346A);
        for (int b = 0; b < BLOCKS; b++) {
            blocks[b] = block(random);
        }
        random.nextBytes(chroma);
        random.nextBytes(luma);
        random.nextBytes(cb);
        random.nextBytes(cr);
    }

    /**
     * Starts the thread. If that fails (it should not) the vector kernels are never used: without the self-check and
     * the warm-up they would be unchecked and, for the first decodes, slow.
     */
    static void start() {
        try {
            Thread thread = new Thread(new VectorWarmup(), THREAD_NAME);
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        } catch (RuntimeException | Error e) { // e.g. OutOfMemoryError: unable to create native thread
            VectorKernels.markFailed("no warm-up thread: " + e);
        }
    }

    @Override
    public void run() {
        pause(TimeUnit.MILLISECONDS.toNanos(START_DELAY_MS));
        long start = System.nanoTime();
        Logger log = LoggerFactory.getLogger(VectorWarmup.class);
        log.debug("JPEG decoder Vector API kernels {}", VectorKernels.status());
        String failure;
        try {
            failure = VectorSelfCheck.run();
        } catch (LinkageError | RuntimeException e) { // an incubator API that changed in a later JDK
            failure = "Vector API unusable: " + e;
        }
        if (failure != null) {
            VectorKernels.markFailed(failure);
            return;
        }
        String outcome;
        try {
            outcome = warmUp(start + TimeUnit.SECONDS.toNanos(CAP_SECONDS));
        } catch (RuntimeException | Error e) { // not expected: the self-check ran the same kernels
            outcome = "warm-up failed: " + e;
        }
        VectorKernels.markReady();
        log.debug("JPEG decoder Vector API kernels ready {} ms after the warm-up started: {}",
                (System.nanoTime() - start) / 1_000_000, outcome);
    }

    /** @return what happened, for the log */
    private String warmUp(long deadline) {
        int n = KERNELS.length;
        long[] bestScalar = new long[n];
        Arrays.fill(bestScalar, Long.MAX_VALUE);
        int[] batches = new int[n];
        boolean[] done = new boolean[n];
        int pending = n;
        while (pending > 0) {
            if (System.nanoTime() - deadline > 0) {
                StringBuilder slow = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    if (!done[k]) {
                        slow.append(slow.length() == 0 ? "" : ", ").append(KERNELS[k]);
                    }
                }
                return "gave up after " + CAP_SECONDS + " s waiting for " + slow + " to be compiled";
            }
            long roundStart = System.nanoTime();
            boolean waiting = true;
            for (int k = 0; k < n; k++) {
                if (done[k]) {
                    continue;
                }
                waiting &= batches[k] >= PACE_AFTER;
                bestScalar[k] = Math.min(bestScalar[k], batch(k, false));
                long vector = batch(k, true);
                if (++batches[k] >= MIN_BATCHES && compiled(vector, bestScalar[k])) {
                    done[k] = true;
                    pending--;
                }
            }
            if (waiting) {
                pause(System.nanoTime() - roundStart);
            }
        }
        StringBuilder counts = new StringBuilder("compiled; batches of ").append(BATCH).append(" calls:");
        for (int k = 0; k < n; k++) {
            counts.append(k == 0 ? " " : ", ").append(KERNELS[k]).append(' ').append(batches[k]);
        }
        return counts.toString();
    }

    /** Whether a vector batch of {@code vectorNanos} looks compiled against the scalar original's fastest batch. */
    static boolean compiled(long vectorNanos, long bestScalarNanos) {
        return vectorNanos <= FACTOR * bestScalarNanos;
    }

    /** Sleeps (at least a millisecond); an interrupt ends the sleep and stays set, so later pauses are skipped. */
    private static void pause(long nanos) {
        try {
            Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return nanoseconds for {@value #BATCH} calls of kernel {@code k}, vector or scalar */
    private long batch(int k, boolean vector) {
        long t0 = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
            call(k, vector, i);
        }
        return System.nanoTime() - t0;
    }

    private void call(int k, boolean vector, int i) {
        int[] block = blocks[i % BLOCKS];
        switch (k) {
            case 0 -> {
                if (vector) {
                    VectorIslowIdct.transform(block, samples, 0, 8, workspace);
                } else {
                    IslowIdct.transform(block, samples, 0, 8, workspace, 8);
                }
            }
            case 1 -> {
                if (vector) {
                    VectorScaledIdct.transform7x7(block, samples, 0, 7, workspace);
                } else {
                    ScaledIdct.transform7x7(block, samples, 0, 7, workspace);
                }
            }
            case 2 -> {
                if (vector) {
                    VectorScaledIdct.transform6x6(block, samples, 0, 6, workspace);
                } else {
                    ScaledIdct.transform6x6(block, samples, 0, 6, workspace);
                }
            }
            case 3 -> {
                if (vector) {
                    VectorScaledIdct.transform5x5(block, samples, 0, 5, workspace);
                } else {
                    ScaledIdct.transform5x5(block, samples, 0, 5, workspace);
                }
            }
            case 4 -> {
                if (vector) {
                    VectorScaledIdct.transform4x4(block, samples, 0, 4, workspace);
                } else {
                    ReducedIdct.transform4x4(block, samples, 0, 4, workspace);
                }
            }
            case 5 -> {
                int bias = 1 + (i & 1);
                if (vector) {
                    VectorUpsampler.h1v2Fancy(chroma, 0, CHROMA_WIDTH, bias, CHROMA_WIDTH, upsampled);
                } else {
                    ChromaUpsampler.h1v2Fancy(chroma, 0, CHROMA_WIDTH, bias, CHROMA_WIDTH, upsampled);
                }
            }
            case 6 -> {
                if (vector) {
                    VectorUpsampler.h2v1Fancy(chroma, 0, CHROMA_WIDTH, upsampled);
                } else {
                    ChromaUpsampler.h2v1Fancy(chroma, 0, CHROMA_WIDTH, upsampled);
                }
            }
            case 7 -> {
                if (vector) {
                    VectorUpsampler.h2v2Fancy(chroma, 0, CHROMA_WIDTH, CHROMA_WIDTH, upsampled);
                } else {
                    ChromaUpsampler.h2v2Fancy(chroma, 0, CHROMA_WIDTH, CHROMA_WIDTH, upsampled);
                }
            }
            case 8 -> {
                if (vector) {
                    VectorYCbCr.toRgbRow(luma, 0, cb, 0, cr, 0, LUMA_WIDTH, rgb, 0);
                } else {
                    JpegYCbCr.toRgbRow(luma, 0, cb, 0, cr, 0, LUMA_WIDTH, rgb, 0);
                }
            }
            default -> throw new AssertionError("kernel " + k);
        }
    }

    /**
     * A block of dequantized coefficients (natural order) as photos give: a DC within +/-1016 and up to 12 AC
     * coefficients, more of them in the low frequencies, of magnitudes falling with frequency (at most 97). An AC
     * coefficient moves a sample by at most a quarter of its value, the DC by an eighth: every sample stays within
     * +/-420 before the level shift, inside the range where the vector IDCTs need no scalar fallback.
     */
    static int[] block(SplittableRandom random) {
        int[] block = new int[64];
        block[0] = random.nextInt(-1016, 1017);
        for (int n = random.nextInt(13); n > 0; n--) {
            int k = 1 + Math.min(random.nextInt(63), random.nextInt(63)); // zigzag index, weighted to the low ones
            int magnitude = 1 + (96 >> (k / 16));
            block[ZigZag.NATURAL_ORDER[k]] = random.nextInt(-magnitude, magnitude + 1);
        }
        return block;
    }
}
