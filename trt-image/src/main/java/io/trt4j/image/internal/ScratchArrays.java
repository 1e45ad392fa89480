package io.trt4j.image.internal;

import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A thread's spare arrays for one image's large temporaries (the JPEG decoder's component planes and RGB output, the
 * resampler's strip buffers), so that a thread preprocessing image after image reuses them instead of allocating and
 * zeroing about a megabyte an image. Arrays are taken (removed) and given back explicitly; an array that is never
 * given back (an exception on the way) is simply garbage. A taken array holds whatever its last user left: callers
 * take only arrays they overwrite in full before reading.
 *
 * <p>Kept: the {@value #KEPT} most recently given arrays, each at most {@value #MAX_KEPT_BYTES} bytes (larger ones
 * are left to the garbage collector), so a thread holds at most a few tens of megabytes, typically one or two. Arrays
 * are matched by exact length ({@link #bytesAtLeast}: up to twice the length), so images of many different sizes
 * reuse less.
 *
 * <p>Thread-safety: one instance per thread ({@link #ofThisThread()}); not for sharing.
 */
public final class ScratchArrays {
    /** Arrays larger than this are not kept. */
    public static final int MAX_KEPT_BYTES = 8 << 20;
    /** Arrays kept per thread. */
    public static final int KEPT = 12;
    private static final ThreadLocal<ScratchArrays> OF_THREAD = ThreadLocal.withInitial(ScratchArrays::new);

    private final ArrayDeque<Object> kept = new ArrayDeque<>(KEPT + 1); // most recently given first

    private ScratchArrays() {
    }

    /** This thread's spare arrays. */
    public static ScratchArrays ofThisThread() {
        return OF_THREAD.get();
    }

    /** A byte array of exactly {@code length}: a kept one (contents left by its last user) or a new one. */
    public byte[] bytes(int length) {
        return exactly(byte[].class, length, byte[]::new);
    }

    /**
     * A byte array of at least {@code length} (at most twice that): the shortest kept one that fits, or a new one of
     * exactly {@code length}; for callers that index it and never ask its length.
     */
    public byte[] bytesAtLeast(int length) {
        byte[] best = null;
        for (Object o : kept) {
            if (o instanceof byte[] b && b.length >= length && b.length / 2 <= length
                    && (best == null || b.length < best.length)) {
                best = b;
            }
        }
        if (best == null) {
            return new byte[length];
        }
        kept.remove(best);
        return best;
    }

    private <A> A exactly(Class<A> arrayType, int length, IntFunction<A> make) {
        A kept = take(arrayType, a -> Array.getLength(a) == length);
        return kept != null ? kept : make.apply(length);
    }

    /**
     * A kept object of {@code type} that {@code fits}, removed from the kept ones, or null: for a caller's own bundle
     * of arrays (given back with {@link #give(Object, long)}).
     */
    public <T> T take(Class<T> type, Predicate<T> fits) {
        for (Iterator<Object> it = kept.iterator(); it.hasNext(); ) {
            Object o = it.next();
            if (type.isInstance(o) && fits.test(type.cast(o))) {
                it.remove();
                return type.cast(o);
            }
        }
        return null;
    }

    /** Gives back a bundle of arrays of about {@code bytes} bytes in all, nobody else uses any more. */
    public void give(Object bundle, long bytes) {
        keep(bundle, bytes);
    }

    /** Gives back a byte array nobody else uses any more (it may be handed out again). */
    public void give(byte[] array) {
        keep(array, array.length);
    }

    /** Arrays kept now (tests). */
    int keptCount() {
        return kept.size();
    }

    private void keep(Object array, long bytes) {
        if (bytes > MAX_KEPT_BYTES) {
            return;
        }
        for (Object a : kept) {
            if (a == array) {
                throw new IllegalStateException("array given back twice");
            }
        }
        kept.addFirst(array);
        if (kept.size() > KEPT) {
            kept.removeLast();
        }
    }
}
