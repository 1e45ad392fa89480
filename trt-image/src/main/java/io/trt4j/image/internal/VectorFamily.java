package io.trt4j.image.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The warm-up state of one family of Vector API kernels (the JPEG decoder's, the resampler's), as
 * {@link VectorWarmupRunner} reports it: warming up (callers run the scalar code), ready (they run the vector
 * kernels), or failed (scalar for good: the self-check failed, the warm-up thread could not start, or the compiled
 * kernels proved slower than the scalar ones).
 *
 * <p>Thread-safety: thread-safe: the runner publishes through volatile fields and a latch; callers read the flag once
 * per image.
 */
public final class VectorFamily {
    private final String name;
    private final String warmingUp;
    private volatile boolean ready;
    private volatile String failure;
    private final CountDownLatch done = new CountDownLatch(1);

    /**
     * @param name      for the log and the status, e.g. "JPEG decoder Vector API kernels"
     * @param warmingUp what runs meanwhile, for the status, e.g. "scalar kernels until C2 has compiled the vector ones"
     */
    public VectorFamily(String name, String warmingUp) {
        this.name = name;
        this.warmingUp = warmingUp;
    }

    /** Whether callers should run the vector kernels now. */
    public boolean ready() {
        return ready;
    }

    /** Called by the runner once the kernels are compiled (or it gave up waiting). */
    public void markReady() {
        ready = true;
        done.countDown();
    }

    /** Called by the runner instead of, or after, {@link #markReady()}: the scalar code runs for good. Logs why. */
    public void markFailed(String why) {
        failure = why;
        ready = false;
        done.countDown();
        LoggerFactory.getLogger(VectorFamily.class).warn("{} {}", name, status());
    }

    /**
     * Waits until the warm-up has ended or {@code timeout} has passed.
     *
     * @return whether {@link #ready()} then
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && ready;
    }

    /**
     * {@code "off: why"} after a failure, {@code "on (jdk.incubator.vector present)"} when ready, else
     * {@code "on (jdk.incubator.vector present, warming up: ...)"}.
     */
    public String status() {
        String why = failure;
        if (why != null) {
            return "off: " + why;
        }
        return ready ? "on (" + VectorApiSupport.MODULE + " present)"
                : "on (" + VectorApiSupport.MODULE + " present, warming up: " + warmingUp + ")";
    }
}
