package io.trt4j.core;

import java.util.Arrays;

/**
 * A tensor shape: a list of dimensions, where {@code -1} marks a dynamic dimension (known only at run time).
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class Shape {
    /** The value of a dynamic dimension. */
    public static final long DYNAMIC = -1;

    private final long[] dims;

    private Shape(long[] dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < DYNAMIC) {
                throw new IllegalArgumentException("dimension " + i + " is " + dims[i] + " in " + Arrays.toString(dims)
                        + ": dimensions are >= 0, or -1 for dynamic");
            }
        }
        this.dims = dims;
    }

    /** A shape of the given dimensions ({@code -1} for dynamic ones). */
    public static Shape of(long... dims) {
        return new Shape(dims.clone());
    }

    /** A shape of the given dimensions ({@code -1} for dynamic ones). */
    public static Shape of(int... dims) {
        long[] d = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = dims[i];
        }
        return new Shape(d);
    }

    /** The scalar shape (rank 0). */
    public static Shape scalar() {
        return new Shape(new long[0]);
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i} ({@code -1} if dynamic). */
    public long dim(int i) {
        return dims[i];
    }

    /** The dimensions without copying: callers in this package must not modify them. */
    long[] dimsView() {
        return dims;
    }

    /** A copy of the dimensions. */
    public long[] toArray() {
        return dims.clone();
    }

    /** Whether any dimension is dynamic. */
    public boolean isDynamic() {
        for (long d : dims) {
            if (d == DYNAMIC) {
                return true;
            }
        }
        return false;
    }

    /**
     * Number of elements.
     *
     * @throws IllegalStateException if the shape is dynamic
     * @throws ArithmeticException if the count overflows a long
     */
    public long elementCount() {
        if (isDynamic()) {
            throw new IllegalStateException("shape " + this + " is dynamic: it has no element count");
        }
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** A copy with dimension {@code i} replaced. */
    public Shape withDim(int i, long value) {
        long[] d = dims.clone();
        d[i] = value;
        return new Shape(d);
    }

    /** Whether this concrete shape fits {@code pattern}, where the pattern's {@code -1} dimensions match anything. */
    public boolean matches(Shape pattern) {
        if (pattern.dims.length != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (pattern.dims[i] != DYNAMIC && pattern.dims[i] != dims[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Like {@code [-1, 224, 224, 3]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
