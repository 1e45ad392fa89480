package io.trt4j.core.internal;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one base class of every trt4j object that owns a native handle (device and pinned buffers, streams, events,
 * engines, execution contexts, sessions, pools).
 *
 * <ul>
 *   <li>{@link #close()} is idempotent and never throws a checked exception;</li>
 *   <li>it waits for in-flight uses ({@link #beginUse()} / {@link #endUse()}) to end before freeing anything;</li>
 *   <li>a use after close throws {@code IllegalStateException("<Kind> <name> has been closed")};</li>
 *   <li>an object garbage-collected without {@code close()} is reported with a WARN log carrying the stack trace of its
 *       creation site; depending on its {@link LeakPolicy} its native memory is then freed by a {@link Cleaner}.</li>
 * </ul>
 *
 * <p>Subclasses pass a {@link Releaser} that frees the native handle; it must not reference the resource object
 * itself (or the cleaner could never run).
 *
 * <p>Thread-safety: thread-safe. {@code close()} called from inside a use on the same thread deadlocks: don't.
 */
public abstract class NativeResource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NativeResource.class);
    private static final AtomicLong THREAD_IDS = new AtomicLong();
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "trt4j-cleaner-" + THREAD_IDS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Frees the native side of a resource. Must not reference the resource object. */
    @FunctionalInterface
    public interface Releaser {
        /** Frees the native handle; called at most once. */
        void release();
    }

    /** What happens when a resource is garbage-collected without {@code close()}. */
    public enum LeakPolicy {
        /** Log a WARN with the creation site, then free the native memory (buffers, streams, events). */
        WARN_AND_FREE,
        /**
         * Log a WARN with the creation site and leak the native object: used where freeing order matters (a TensorRT
         * execution context must be destroyed before its engine; GC gives no order).
         */
        WARN_AND_LEAK
    }

    private final String kind;
    private final String name;
    private final Object lock = new Object();
    private final Cleanup cleanup;
    private final Cleaner.Cleanable cleanable;
    private int inFlight;
    private boolean closing;
    private boolean closed;

    /**
     * Registers a new resource.
     *
     * @param kind the kind in messages, like {@code DeviceBuffer}
     * @param name the instance name in messages, like {@code #12 (4096 bytes)}
     * @param releaser frees the native handle; must not reference this object
     * @param policy what to do if this object is garbage-collected unclosed
     */
    protected NativeResource(String kind, String name, Releaser releaser, LeakPolicy policy) {
        this.kind = kind;
        this.name = name;
        this.cleanup = new Cleanup(kind, name, releaser, policy, new Throwable(kind + " " + name + " created here"));
        this.cleanable = CLEANER.register(this, cleanup);
    }

    /** The kind of resource, like {@code DeviceBuffer}. */
    public final String kind() {
        return kind;
    }

    /** The instance name used in messages. */
    public String name() {
        return name;
    }

    /** Whether {@link #close()} has completed or is under way. */
    public final boolean isClosed() {
        synchronized (lock) {
            return closed || closing;
        }
    }

    /**
     * Marks the start of a use: fails if the resource is closed, and makes {@link #close()} wait until the matching
     * {@link #endUse()}.
     *
     * @throws IllegalStateException if closed
     */
    protected final void beginUse() {
        synchronized (lock) {
            if (closed || closing) {
                throw closedException();
            }
            inFlight++;
        }
    }

    /** Marks the end of a use started with {@link #beginUse()}. */
    protected final void endUse() {
        synchronized (lock) {
            if (--inFlight == 0) {
                lock.notifyAll();
            }
        }
    }

    /**
     * Fails if the resource is closed.
     *
     * @throws IllegalStateException if closed
     */
    protected final void ensureOpen() {
        synchronized (lock) {
            if (closed || closing) {
                throw closedException();
            }
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException(kind + " " + name + " has been closed");
    }

    /**
     * Called once in-flight uses have ended, before the resource is marked closed; may refuse the close by throwing
     * (the resource then stays open). Default: accepts.
     */
    protected void checkClosable() {
    }

    /** Called once after the resource is marked closed, before the native handle is freed (close children here). */
    protected void onClose() {
    }

    /**
     * Frees the native handle after waiting for in-flight uses. Idempotent: later calls return at once (or wait for a
     * close under way on another thread).
     *
     * @throws IllegalStateException where {@link #checkClosable()} refuses (the resource stays open)
     */
    @Override
    public void close() {
        boolean interrupted = false;
        synchronized (lock) {
            while (closing) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (closed) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            closing = true;
            while (inFlight > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        try {
            checkClosable();
        } catch (RuntimeException e) {
            synchronized (lock) {
                closing = false;
                lock.notifyAll();
            }
            throw e;
        }
        try {
            onClose();
        } finally {
            cleanup.explicit = true;
            cleanable.clean();
            synchronized (lock) {
                closed = true;
                closing = false;
                lock.notifyAll();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return kind + " " + name + (isClosed() ? " (closed)" : "");
    }

    private static final class Cleanup implements Runnable {
        private final String kind;
        private final String name;
        private final Releaser releaser;
        private final LeakPolicy policy;
        private final Throwable creationSite;
        volatile boolean explicit;

        Cleanup(String kind, String name, Releaser releaser, LeakPolicy policy, Throwable creationSite) {
            this.kind = kind;
            this.name = name;
            this.releaser = releaser;
            this.policy = policy;
            this.creationSite = creationSite;
        }

        @Override
        public void run() {
            if (!explicit) {
                if (policy == LeakPolicy.WARN_AND_LEAK) {
                    LOG.warn("{} {} was garbage-collected without close(); its native memory is leaked. Creation site:",
                            kind, name, creationSite);
                    return;
                }
                LOG.warn("{} {} was garbage-collected without close(); freeing it now. Creation site:",
                        kind, name, creationSite);
            }
            try {
                releaser.release();
            } catch (RuntimeException | Error e) {
                LOG.error("freeing {} {} failed", kind, name, e);
            }
        }
    }
}
