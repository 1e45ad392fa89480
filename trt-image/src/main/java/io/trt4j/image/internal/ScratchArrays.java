package io.trt4j.image.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * A thread's spare arrays for one image's large temporaries (the JPEG decoder's component planes and RGB output, the
 * resampler's strip buffers), so that a thread preprocessing image after image reuses them instead of allocating and
 * zeroing about a megabyte an image. Arrays are taken (removed) and given back explicitly; an array that is never
 * given back (an exception on the way) is simply garbage. A taken array holds whatever its last user left: callers
 * take only arrays they overwrite in full before reading.
 *
 * <p>Kept: the most recently given arrays, at most {@value #KEPT} of them and {@value #MAX_KEPT_TOTAL_BYTES} bytes in
 * all, none over {@value #MAX_KEPT_BYTES} bytes (larger ones are left to the garbage collector): a 299x299 pipeline
 * on photos of about 0.5 megapixels keeps 3 to 10 MB a thread. Arrays are matched by exact length
 * ({@link #bytesAtLeast}: up to twice the length), so images of many different sizes reuse less.
 *
 * <p>Thread-safety: one instance per thread ({@link #ofThisThread()}); not for sharing.
 */
public final class ScratchArrays {
    /** Arrays larger than this are not kept. */
    public static final int MAX_KEPT_BYTES = 8 << 20;
    /** At most this many bytes are kept per thread (the oldest go first). */
    public static final int MAX_KEPT_TOTAL_BYTES = 24 << 20;
    /** Arrays kept per thread. */
    public static final int KEPT = 12;
    private static final ThreadLocal<ScratchArrays> OF_THREAD = ThreadLocal.withInitial(ScratchArrays::new);

    /** A kept array or bundle and its size. */
    private record Kept(Object array, long bytes) {
    }

    private final ArrayDeque<Kept> kept = new ArrayDeque<>(KEPT + 1); // most recently given first
    private long keptBytes;

    private ScratchArrays() {
    }

    /** This thread's spare arrays. */
    public static ScratchArrays ofThisThread() {
        return OF_THREAD.get();
    }

    /** A byte array of exactly {@code length}: a kept one (contents left by its last user) or a new one. */
    public byte[] bytes(int length) {
        byte[] kept = take(byte[].class, b -> b.length == length);
        return kept != null ? kept : new byte[length];
    }

    /**
     * A byte array of at least {@code length} (at most twice that): the shortest kept one that fits, or a new one of
     * exactly {@code length}; for callers that index it and never ask its length.
     */
    public byte[] bytesAtLeast(int length) {
        Kept best = null;
        for (Kept k : kept) {
            if (k.array instanceof byte[] b && fitsAtLeast(b.length, length)
                    && (best == null || b.length < best.bytes)) {
                best = k;
            }
        }
        if (best == null) {
            return new byte[length];
        }
        remove(best);
        return (byte[]) best.array;
    }

    /** Whether a kept length {@code have} serves a need of {@code need}: at least that, at most twice. */
    public static boolean fitsAtLeast(int have, int need) {
        return have >= need && have / 2 <= need;
    }

    /**
     * A kept object of {@code type} that {@code fits}, removed from the kept ones, or null: for a caller's own bundle
     * of arrays (given back with {@link #give(Object, long)}).
     */
    public <T> T take(Class<T> type, Predicate<T> fits) {
        for (Iterator<Kept> it = kept.iterator(); it.hasNext(); ) {
            Kept k = it.next();
            if (type.isInstance(k.array) && fits.test(type.cast(k.array))) {
                it.remove();
                keptBytes -= k.bytes;
                return type.cast(k.array);
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

    /** Bytes kept now (tests). */
    long keptBytes() {
        return keptBytes;
    }

    private void remove(Kept k) {
        kept.remove(k);
        keptBytes -= k.bytes;
    }

    private void keep(Object array, long bytes) {
        if (bytes > MAX_KEPT_BYTES) {
            return;
        }
        for (Kept k : kept) {
            if (k.array == array) {
                throw new IllegalStateException("array given back twice");
            }
        }
        kept.addFirst(new Kept(array, bytes));
        keptBytes += bytes;
        while (kept.size() > KEPT || keptBytes > MAX_KEPT_TOTAL_BYTES) {
            keptBytes -= kept.removeLast().bytes;
        }
    }
}
