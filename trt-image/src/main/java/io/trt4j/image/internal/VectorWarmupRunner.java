package io.trt4j.image.internal;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the families of Vector API kernels (the JPEG decoder's, the resampler's), one after the other, on one
 * background daemon thread ({@value #THREAD_NAME}) until C2 has compiled them, and reports each family ready when
 * its kernels are: until then callers take the scalar kernels, which are faster than
 * uncompiled vector code (C1 and the interpreter box every vector: 20 to 60 times slower than the scalar code, and a
 * fresh JVM's first images would pay hundreds of milliseconds).
 *
 * <p>The thread first waits {@value #START_DELAY_MS} ms, so that the first images of a fresh JVM and the JIT
 * compilation of their scalar code have the CPU to themselves (a program done by then never pays for the warm-up),
 * then runs the family's self-check (if that fails it reports the failure and ends: the scalar kernels stay), then
 * warms up.
 *
 * <p>"Compiled" is judged by time: the thread calls each kernel and its scalar original in alternating timed batches
 * of {@value #BATCH} calls. A kernel is done once, after at least {@value #MIN_BATCHES} batches, its batch takes at
 * most {@value #FACTOR} times the scalar original's fastest batch: compiled by C2 the vector kernels take 0.35 to 0.65
 * times as long as the scalar ones on the dev machine, before that 20 to 60 times as long, so the test cannot confuse
 * the two. A kernel called {@value #PACE_AFTER} batches (past C2's default compile thresholds) only waits for its
 * compilation: once every kernel left is past that, the thread sleeps as long as each round of batches took, leaving
 * the CPU to the compiler. When every kernel is done, or after {@value #CAP_SECONDS} s, it reports ready. 5 s later
 * it times the family's kernels against the scalar ones again (a few milliseconds), and if one is slower than
 * {@value #FACTOR} times its original, once more at 60 s: slow both times (C2 left it as boxed code), the family goes
 * back to the scalar code for good and says so ({@link #SLOWER_THAN_SCALAR}, logged at warning level).
 *
 * <p>Compiling the kernels here, on their own, before any image uses them also keeps C2's choices the same from one
 * JVM to the next: with the kernels first compiled in the middle of decoding, about one JMH fork in three ran them
 * as boxed code for good (three times slower); with the warm-up, none in dozens of forks. One thread for all
 * families, not one each: two warm-ups at once on one core starved C2 (its queue of vector code grew for seconds,
 * warm-ups hit the cap) and brought the slow forks back.
 *
 * <p>Thread-safety: {@link #start} may be called from any thread (families queue up); a family's state belongs to the
 * warm-up thread.
 */
public final class VectorWarmupRunner implements Runnable {
    /** The warm-up thread's name. */
    public static final String THREAD_NAME = "trt4j-vector-warmup";
    private static final java.util.concurrent.BlockingQueue<VectorWarmupRunner> QUEUE =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private static Thread thread; // guarded by QUEUE
    /** The thread's wait before it starts working. */
    public static final int START_DELAY_MS = 500;
    /** After this long (from the end of the start delay) ready is reported even if not every kernel looks compiled. */
    public static final int CAP_SECONDS = 10;
    /** Calls of one kernel per timed batch. */
    public static final int BATCH = 128;
    /** Batches of a kernel before it may count as compiled (the scalar reference is compiled by then). */
    public static final int MIN_BATCHES = 8;
    /** A vector batch at most this many times the scalar original's fastest batch counts as compiled. */
    public static final double FACTOR = 1.5;
    /** Batches of a kernel after which it only waits for C2 (see the class comment). */
    public static final int PACE_AFTER = 48;
    /** When, after a family is ready, its kernels are timed again (seconds). */
    static final int[] CHECK_AFTER_SECONDS = {5, 60};
    /** How a family's status starts after the later checks sent it back to the scalar code. */
    public static final String SLOWER_THAN_SCALAR = "vector kernels slower than the scalar ones after C2 compiled them";

    /** A family's kernels, numbered {@code 0 .. names().length - 1}. */
    public interface Kernels {
        /** Names, for the log. */
        String[] names();

        /** Calls kernel {@code k} once, its vector or its scalar version; {@code i} counts the calls of a batch. */
        void call(int k, boolean vector, int i);
    }

    private final String family;
    private final Supplier<String> selfCheck;
    private final Supplier<Kernels> kernels;
    private final VectorFamily state;
    /** After {@link #run()} reported ready: the kernels, for the later checks (warm-up thread only). */
    private Kernels warmed;
    private long nextCheck;
    private int checksDone;

    private VectorWarmupRunner(String family, Supplier<String> selfCheck, Supplier<Kernels> kernels,
                               VectorFamily state) {
        this.family = family;
        this.selfCheck = selfCheck;
        this.kernels = kernels;
        this.state = state;
    }

    /**
     * Queues a family for the warm-up thread, starting the thread with the first family; if that fails (it should
     * not), the family is marked failed at once: without the self-check and the warm-up the vector kernels would be
     * unchecked and, for the first images, slow.
     *
     * @param family     names the family in the log ("JPEG decoder", "Resampler")
     * @param selfCheck  compares the vector kernels with the scalar ones: null if they agree, else the difference
     * @param kernels    the kernels to warm up (built on the warm-up thread, after the self-check)
     * @param state      marked ready once the kernels are compiled (or the warm-up gave up waiting), failed instead if
     *                   the self-check fails or the thread cannot start, or later if they prove slow
     */
    public static void start(String family, Supplier<String> selfCheck, Supplier<Kernels> kernels,
                             VectorFamily state) {
        synchronized (QUEUE) {
            if (thread == null) {
                try {
                    Thread t = new Thread(VectorWarmupRunner::work, THREAD_NAME);
                    t.setDaemon(true);
                    t.setPriority(Thread.MIN_PRIORITY);
                    t.start();
                    thread = t;
                } catch (RuntimeException | Error e) { // e.g. OutOfMemoryError: unable to create native thread
                    state.markFailed("no warm-up thread: " + e);
                    return;
                }
            }
            QUEUE.add(new VectorWarmupRunner(family, selfCheck, kernels, state));
        }
    }

    /** The warm-up thread: the start delay, then the families in the order they came, waiting for more. */
    private static void work() {
        pause(TimeUnit.MILLISECONDS.toNanos(START_DELAY_MS));
        java.util.List<VectorWarmupRunner> watched = new java.util.ArrayList<>();
        while (true) {
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            for (VectorWarmupRunner w : watched) {
                wait = Math.min(wait, Math.max(0, w.nextCheck - now));
            }
            VectorWarmupRunner next;
            try {
                next = wait == Long.MAX_VALUE ? QUEUE.take() : QUEUE.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return; // nobody interrupts this thread; a family left in the queue stays scalar
            }
            if (next != null) {
                next.run();
                if (next.warmed != null) {
                    next.nextCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHECK_AFTER_SECONDS[0]);
                    watched.add(next);
                }
                continue;
            }
            now = System.nanoTime();
            for (java.util.Iterator<VectorWarmupRunner> it = watched.iterator(); it.hasNext(); ) {
                VectorWarmupRunner w = it.next();
                if (w.nextCheck - now <= 0 && !w.recheck()) {
                    it.remove();
                }
            }
        }
    }

    /**
     * One of the later checks (see the class comment): times the family's kernels against their scalar originals
     * again; if one has become slower than {@value #FACTOR} times its original, the family goes back to the scalar
     * code for good. @return whether to check again later
     */
    private boolean recheck() {
        String slow = slowKernels(warmed);
        checksDone++;
        if (slow != null && checksDone >= CHECK_AFTER_SECONDS.length) { // slow at both checks, 55 s apart
            state.markFailed(SLOWER_THAN_SCALAR + " (" + slow + "); scalar code from now on");
            return false;
        }
        if (slow == null || checksDone >= CHECK_AFTER_SECONDS.length) {
            return false; // fast now: C2 does not recompile compiled kernels without a reason
        }
        nextCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHECK_AFTER_SECONDS[checksDone]
                - CHECK_AFTER_SECONDS[checksDone - 1]);
        return true;
    }

    /**
     * Times {@value #MIN_BATCHES} batches of each kernel and of its scalar original, alternating.
     *
     * @return null when every kernel's fastest batch is at most {@value #FACTOR} times its original's, else the names
     *         and times of those that are not
     */
    static String slowKernels(Kernels kernels) {
        String[] names = kernels.names();
        StringBuilder slow = null;
        for (int k = 0; k < names.length; k++) {
            long scalar = Long.MAX_VALUE;
            long vector = Long.MAX_VALUE;
            for (int b = 0; b < MIN_BATCHES; b++) {
                scalar = Math.min(scalar, batch(kernels, k, false));
                vector = Math.min(vector, batch(kernels, k, true));
            }
            if (!compiled(vector, scalar)) {
                slow = slow == null ? new StringBuilder() : slow.append(", ");
                slow.append(names[k]).append(' ').append(vector / BATCH).append(" vs ").append(scalar / BATCH)
                        .append(" ns a call");
            }
        }
        return slow == null ? null : slow.toString();
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        Logger log = LoggerFactory.getLogger(VectorWarmupRunner.class);
        String failure;
        try {
            failure = selfCheck.get();
        } catch (LinkageError | RuntimeException e) { // an incubator API that changed in a later JDK
            failure = "Vector API unusable: " + e;
        }
        if (failure != null) {
            state.markFailed(failure);
            return;
        }
        String outcome;
        Kernels built = null;
        try {
            built = kernels.get();
            outcome = warmUp(built, start + TimeUnit.SECONDS.toNanos(CAP_SECONDS));
        } catch (RuntimeException | Error e) { // not expected: the self-check ran the same kernels
            outcome = "warm-up failed: " + e;
        }
        state.markReady();
        warmed = built;
        log.debug("{} Vector API kernels ready {} ms after the warm-up started: {}", family,
                (System.nanoTime() - start) / 1_000_000, outcome);
    }

    /** @return what happened, for the log */
    private static String warmUp(Kernels kernels, long deadline) {
        String[] names = kernels.names();
        int n = names.length;
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
                        slow.append(slow.length() == 0 ? "" : ", ").append(names[k]);
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
                bestScalar[k] = Math.min(bestScalar[k], batch(kernels, k, false));
                long vector = batch(kernels, k, true);
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
            counts.append(k == 0 ? " " : ", ").append(names[k]).append(' ').append(batches[k]);
        }
        return counts.toString();
    }

    /** Whether a vector batch of {@code vectorNanos} looks compiled against the scalar original's fastest batch. */
    public static boolean compiled(long vectorNanos, long bestScalarNanos) {
        return vectorNanos <= FACTOR * bestScalarNanos;
    }

    /** Sleeps (at least a millisecond); an interrupt ends the sleep and stays set (then the thread ends). */
    private static void pause(long nanos) {
        try {
            Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return nanoseconds for {@value #BATCH} calls of kernel {@code k}, vector or scalar */
    private static long batch(Kernels kernels, int k, boolean vector) {
        long t0 = System.nanoTime();
        for (int i = 0; i < BATCH; i++) {
            kernels.call(k, vector, i);
        }
        return System.nanoTime() - t0;
    }
}
