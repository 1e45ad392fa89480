package io.trt4j.image;

/**
 * Per-output-index taps along one axis: output index {@code j} (0..count-1, i.e. intermediate index
 * {@code windowStart + j}) reads {@code taps[j]} consecutive source pixels starting at absolute source index
 * {@code start[j]}, with weights {@code weights[j * maxTaps + t]} summing to 1. See {@link ResizeMethod} for the
 * definitions; all coordinates are computed in double precision, weights stored as float.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class ResampleTable {
    final int count;
    final int maxTaps;
    final int[] start;
    final int[] taps;
    final float[] weights;
    /** Whether every entry is a single tap of weight 1 (a pure gather). */
    final boolean gather;
    /** Whether every entry has exactly two taps. */
    final boolean twoTaps;

    private ResampleTable(int count, int maxTaps, int[] start, int[] taps, float[] weights) {
        this.count = count;
        this.maxTaps = maxTaps;
        this.start = start;
        this.taps = taps;
        this.weights = weights;
        boolean g = true;
        boolean two = true;
        for (int j = 0; j < count; j++) {
            g &= taps[j] == 1;
            two &= taps[j] == 2;
        }
        this.gather = g;
        this.twoTaps = two;
    }

    /**
     * @param srcStart    first source index of the crop
     * @param srcLen      crop length along this axis
     * @param dstLen      resized (intermediate) length
     * @param windowStart first intermediate index wanted
     * @param count       number of intermediate indices wanted
     */
    static ResampleTable build(ResizeMethod method, int srcStart, int srcLen, int dstLen, int windowStart, int count) {
        return build(method, 0, srcLen, srcLen, srcStart, dstLen, windowStart, count);
    }

    /**
     * The table for a plane sampled at {@code ratio} times the image's resolution (a JPEG chroma plane: 1/2), for the
     * same crop and output as {@link #build(ResizeMethod, int, int, int, int, int)} in image coordinates: image
     * coordinate {@code u} is plane coordinate {@code u * ratio} (plane sample {@code k} centred at {@code k + 0.5}),
     * so the crop {@code [srcStart, srcStart + srcLen)} becomes {@code [srcStart * ratio, (srcStart + srcLen) *
     * ratio)}; taps are clamped to the plane samples that crop touches (at most {@code planeLen}). With ratio 1 the
     * table is {@link #build(ResizeMethod, int, int, int, int, int)}'s.
     */
    static ResampleTable buildForPlane(ResizeMethod method, int srcStart, int srcLen, double ratio, int planeLen,
            int dstLen, int windowStart, int count) {
        if (ratio == 1) {
            return build(method, srcStart, srcLen, dstLen, windowStart, count);
        }
        double from = srcStart * ratio;
        double len = srcLen * ratio;
        int lo = Math.min((int) Math.floor(from), planeLen - 1);
        int hi = Math.max(Math.min((int) Math.ceil(from + len), planeLen), lo + 1);
        return build(method, from - lo, len, hi - lo, lo, dstLen, windowStart, count);
    }

    /**
     * Output index {@code i} covers {@code [offset + i * len / dstLen, offset + (i + 1) * len / dstLen)} in the
     * coordinates of source samples {@code base .. base + srcLen - 1} (sample {@code k} centred at
     * {@code k + 0.5}); taps are clamped to those samples.
     */
    private static ResampleTable build(ResizeMethod method, double offset, double len, int srcLen, int base,
            int dstLen, int windowStart, int count) {
        double scale = len / dstLen;
        int maxTaps = switch (method) {
            case NEAREST -> 1;
            case BILINEAR -> 2;
            case BILINEAR_ANTIALIAS -> (int) Math.ceil(2 * Math.max(scale, 1)) + 2;
            case AREA -> (int) Math.ceil(scale) + 2;
        };
        int[] start = new int[count];
        int[] taps = new int[count];
        float[] weights = new float[count * maxTaps];
        double[] w = new double[maxTaps + 2];
        for (int j = 0; j < count; j++) {
            int i = windowStart + j;
            // (i + 0.5) * len is exact in double for whole len; one division keeps integer centres exact
            double center = offset + (i + 0.5) * len / dstLen;
            int lo;
            int n;
            switch (method) {
                case NEAREST -> {
                    lo = Math.max(0, Math.min((int) Math.floor(center), srcLen - 1));
                    n = 1;
                    w[0] = 1;
                }
                case BILINEAR -> {
                    double x = center - 0.5;
                    int x0 = (int) Math.floor(x);
                    double f = x - x0;
                    // edge taps are clamped; keep two taps (one of weight 0) so every entry has the same shape
                    if (srcLen == 1) {
                        lo = 0;
                        n = 1;
                        w[0] = 1;
                    } else if (x0 < 0) {
                        lo = 0;
                        n = 2;
                        w[0] = 1;
                        w[1] = 0;
                    } else if (x0 >= srcLen - 1) {
                        lo = srcLen - 2;
                        n = 2;
                        w[0] = 0;
                        w[1] = 1;
                    } else {
                        lo = x0;
                        n = 2;
                        w[0] = 1 - f;
                        w[1] = f;
                    }
                }
                case BILINEAR_ANTIALIAS -> {
                    double r = Math.max(scale, 1);
                    int a = Math.max((int) Math.floor(center - r), 0);
                    int b = Math.min((int) Math.ceil(center + r), srcLen);
                    // drop zero-weight taps at both ends
                    while (a < b - 1 && tent(a, center, r) <= 0) {
                        a++;
                    }
                    while (b - 1 > a && tent(b - 1, center, r) <= 0) {
                        b--;
                    }
                    lo = a;
                    n = b - a;
                    for (int t = 0; t < n; t++) {
                        w[t] = tent(a + t, center, r);
                    }
                }
                case AREA -> {
                    double from = offset + (double) i * len / dstLen;
                    double to = offset + (double) (i + 1) * len / dstLen;
                    int a = Math.max((int) Math.floor(from), 0);
                    int b = Math.min((int) Math.ceil(to), srcLen);
                    while (a < b - 1 && Math.min(a + 1, to) - Math.max(a, from) <= 0) {
                        a++;
                    }
                    while (b - 1 > a && Math.min(b, to) - Math.max(b - 1, from) <= 0) {
                        b--;
                    }
                    lo = a;
                    n = b - a;
                    for (int t = 0; t < n; t++) {
                        int k = a + t;
                        w[t] = Math.max(0, Math.min(k + 1, to) - Math.max(k, from));
                    }
                }
                default -> throw new AssertionError(method);
            }
            double sum = 0;
            for (int t = 0; t < n; t++) {
                sum += w[t];
            }
            start[j] = base + lo;
            taps[j] = n;
            for (int t = 0; t < n; t++) {
                weights[j * maxTaps + t] = (float) (w[t] / sum);
            }
        }
        return new ResampleTable(count, maxTaps, start, taps, weights);
    }

    private static double tent(int k, double center, double r) {
        return Math.max(0, 1 - Math.abs(k + 0.5 - center) / r);
    }
}
