package io.trt4j.image;

/**
 * Produces resized RGB uint8 rows of one image, one output row at a time, columns first:
 * <ol>
 *   <li>each source row the filter needs is widened once to ints ({@link ByteLanes}: a bulk copy and vectorised
 *       shifts, no per-byte conversion) and kept in a ring of {@code ys.maxTaps} rows;</li>
 *   <li>vertical pass in 32-bit fixed point: {@code sum(w_t * row_t)} with weights of {@value #FRACTION_BITS}
 *       fractional bits that sum to exactly {@code 2^FRACTION_BITS} (so a flat area stays exact and the sum stays
 *       below {@code 255 * 2^22 < 2^31}); element-wise over contiguous int arrays, which the JIT vectorises;</li>
 *   <li>the row is converted to float in byte order (one rounding to float32, relative error below 2^-24);</li>
 *   <li>horizontal pass in float over taps padded to the same count for every column (zero weights, no
 *       data-dependent branches), rounded half up to 0..255.</li>
 * </ol>
 * The vertical pass goes first because it is the vectorisable one: the scalar horizontal pass then runs on output
 * rows only, not on every source row. Total error before rounding stays below 10^-3 of one level (the contract is
 * "within 1 LSB of a double-precision 2-D reference", see ResizeReferenceTest). Pure gathers (nearest, or identity
 * sizes) copy bytes without arithmetic. With the Vector API (once self-checked, {@link VectorResampling}) steps 3 and 4
 * run for 8 rows at a time in {@link VectorStrips}, on transposed data, with the same floats and the same bytes.
 *
 * <p>Its scratch arrays come from the thread's spare arrays ({@link ResamplerBuffers}) and go back with
 * {@link #release()}.
 *
 * <p>Thread-safety: not thread-safe; one instance per image and thread (the thread that made it).
 */
final class RowResampler implements WindowRows {
    /** Fractional bits of the fixed-point vertical weights. */
    static final int FRACTION_BITS = 22;
    private static final float UNSCALE = 1f / (1 << FRACTION_BITS);

    private final byte[] src;
    /** Bytes from one source row to the next. */
    private final int rowStride;
    /** Interleaved channels of the source (and planes of the output): 3 (RGB) or 1 (one plane). */
    private final int channels;
    private final ResampleTable xs;
    private final ResampleTable ys;

    // filtering path (null for pure gathers)
    private final ByteLanes lanes;
    private final int spanFrom;
    private final int spanBytes;
    private final int laneLen;
    private final int[][][] ring;
    private final int[] ringRow;
    private final int[] vWeights;
    private final int[][] acc;
    private final float[] vRow;
    private final int hTaps;
    private final int[] hStart;
    private final float[] hWeights;

    // strip mode (see VectorStrips): rows stripStart .. stripStart + stripLength - 1 are in stripRows
    private final boolean strips;
    private final int[][][] stripAcc;
    private final float[] columns;
    private final int[][] stripColumns;
    private final int[][][] stripRows;
    private final int count8;
    private final int laneLen8;
    /** The arrays above, from this thread's spare arrays ({@link #release()} gives them back); null for gathers. */
    private final ResamplerBuffers buffers;
    private int stripStart = -1;
    private int stripLength;

    RowResampler(RgbImage image, ResampleTable xs, ResampleTable ys) {
        this(image, xs, ys, VectorResampling.ENABLED);
    }

    /**
     * @param strips true to filter in strips of {@value VectorStrips#ROWS} rows with {@link VectorStrips} (only where
     *               the Vector API is usable: {@link VectorResampling#ENABLED}), false for the scalar row-by-row pass;
     *               the bytes are the same
     */
    RowResampler(RgbImage image, ResampleTable xs, ResampleTable ys, boolean strips) {
        this(image.pixels(), 3 * image.width(), 3, xs, ys, strips);
    }

    /**
     * A resampler of one plane of unsigned bytes (a JPEG component's samples): rows of {@code rowStride} bytes;
     * output rows have one plane ({@code out[0]} in {@link #row}, {@code stripRow(j)[0]}).
     */
    static RowResampler ofPlane(byte[] plane, int rowStride, ResampleTable xs, ResampleTable ys) {
        return new RowResampler(plane, rowStride, 1, xs, ys, VectorResampling.ENABLED);
    }

    /**
     * @param src       interleaved samples, unsigned bytes
     * @param rowStride bytes from one source row to the next
     * @param channels  3 (interleaved RGB) or 1
     * @param strips    as above
     */
    RowResampler(byte[] src, int rowStride, int channels, ResampleTable xs, ResampleTable ys, boolean strips) {
        this.src = src;
        this.rowStride = rowStride;
        this.channels = channels;
        this.xs = xs;
        this.ys = ys;
        if (xs.gather && ys.gather) {
            this.lanes = null;
            this.spanFrom = 0;
            this.spanBytes = 0;
            this.laneLen = 0;
            this.ring = null;
            this.ringRow = null;
            this.vWeights = null;
            this.acc = null;
            this.vRow = null;
            this.hTaps = 0;
            this.hStart = null;
            this.hWeights = null;
            this.strips = false;
            this.stripAcc = null;
            this.columns = null;
            this.stripColumns = null;
            this.stripRows = null;
            this.count8 = 0;
            this.laneLen8 = 0;
            this.buffers = null;
            return;
        }
        int from = Integer.MAX_VALUE;
        int to = 0;
        int used = 1;
        for (int x = 0; x < xs.count; x++) {
            from = Math.min(from, xs.start[x]);
            to = Math.max(to, xs.start[x] + xs.taps[x]);
            used = Math.max(used, xs.taps[x]);
        }
        // every column gets `taps` taps (see horizontal); past 8 they come in unrolled groups of 4
        int taps = used <= 8 ? used : (used + 3) & ~3;
        int paddedTo = Math.max(to, from + taps); // past `to` only zero weights read (zeros of vRow)
        this.spanFrom = from;
        this.spanBytes = (to - from) * channels;
        this.laneLen = ByteLanes.laneLength(spanBytes);
        this.lanes = new ByteLanes(src, spanBytes);
        this.ringRow = new int[ys.maxTaps];
        java.util.Arrays.fill(ringRow, -1);
        this.vWeights = fixedPoint(ys);
        this.hTaps = taps;
        this.strips = strips;
        // scratch of the row-by-row pass or of the strips, not both, from this thread's spare arrays
        if (strips) {
            int rows = VectorStrips.ROWS;
            this.laneLen8 = (laneLen + 7) & ~7;
            this.count8 = (xs.count + 7) & ~7;
            this.buffers = ResamplerBuffers.take(true, ys.maxTaps, laneLen, laneLen8,
                    rows * Math.max(4 * laneLen8, (paddedTo - from) * channels), count8);
            this.acc = null;
            this.vRow = null;
            this.stripAcc = buffers.sums;
            this.columns = buffers.floats;
            this.stripColumns = buffers.stripColumns;
            this.stripRows = buffers.stripRows;
        } else {
            this.laneLen8 = 0;
            this.count8 = 0;
            this.buffers = ResamplerBuffers.take(false, ys.maxTaps, laneLen, laneLen,
                    Math.max(4 * laneLen, (paddedTo - from) * channels), 0);
            this.acc = buffers.sums[0];
            this.vRow = buffers.floats;
            this.stripAcc = null;
            this.columns = null;
            this.stripColumns = null;
            this.stripRows = null;
        }
        this.ring = buffers.ring;
        this.hStart = new int[xs.count];
        this.hWeights = new float[xs.count * taps];
        for (int x = 0; x < xs.count; x++) {
            // pad to `taps` taps inside [from, to): shift the window left at the right edge, zero weights elsewhere
            int start = Math.min(xs.start[x], paddedTo - taps);
            int shift = xs.start[x] - start;
            hStart[x] = (start - from) * channels;
            for (int t = 0; t < xs.taps[x]; t++) {
                hWeights[x * taps + shift + t] = xs.weights[x * xs.maxTaps + t] * UNSCALE;
            }
        }
    }

    /** Weights of {@code table} as integers of {@link #FRACTION_BITS} fractional bits, each entry summing to exactly one. */
    static int[] fixedPoint(ResampleTable table) {
        int one = 1 << FRACTION_BITS;
        int[] w = new int[table.weights.length];
        for (int j = 0; j < table.count; j++) {
            int base = j * table.maxTaps;
            int sum = 0;
            int largest = base;
            for (int t = 0; t < table.taps[j]; t++) {
                w[base + t] = Math.round(table.weights[base + t] * one);
                sum += w[base + t];
                if (w[base + t] > w[largest]) {
                    largest = base + t;
                }
            }
            w[largest] += one - sum; // absorbs the rounding (at most taps/2 units of 2^-22)
        }
        return w;
    }

    /**
     * Writes row {@code j} (0..ys.count-1) of the resized window into the planes {@code out[0..2]} (R, G, B; values
     * 0..255; a one-channel source: {@code out[0]} only) at indices {@code off .. off + xs.count - 1}.
     */
    @Override
    public void row(int j, int[][] out, int off) {
        if (ring == null) {
            gatherRow(ys.start[j], out, off);
            return;
        }
        if (strips) {
            int[][] r = stripRow(j);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(r[c], 0, out[c], off, xs.count);
            }
            return;
        }
        vertical(j, acc);
        ByteLanes.lanesToFloats(acc, laneLen, vRow);
        horizontal(out, off);
    }

    /**
     * Row {@code j} (0..ys.count-1) of the resized window as this resampler's own planes R, G, B (values 0..255 at
     * indices {@code 0 .. xs.count - 1}; a one-channel source: plane 0 only), without the copy of {@link #row}: valid
     * until the next call of either; only where {@link #usesStrips()}.
     */
    int[][] stripRow(int j) {
        if (j < stripStart || j >= stripStart + stripLength) {
            computeStrip(j);
        }
        return stripRows[j - stripStart];
    }

    /**
     * Filters rows {@code first ..} (up to {@value VectorStrips#ROWS} of them) at once: the vertical pass row by row,
     * then {@link VectorStrips}' transposed horizontal pass. Rows past the last one of the window are computed from
     * stale sums and never read.
     */
    private void computeStrip(int first) {
        int rows = Math.min(VectorStrips.ROWS, ys.count - first);
        for (int r = 0; r < rows; r++) {
            vertical(first + r, stripAcc[r]);
        }
        VectorStrips.lanesToColumns(stripAcc, laneLen8, columns);
        VectorStrips.horizontal(columns, hStart, hWeights, hTaps, xs.count, stripColumns, channels);
        VectorStrips.columnsToRows(stripColumns, count8, stripRows, channels);
        stripStart = first;
        stripLength = rows;
    }

    /**
     * Gives this resampler's scratch arrays back to its thread's spare arrays, for the next image; call once, on the
     * thread that made it, after the last {@link #row}. A resampler not released just leaves its arrays to the
     * garbage collector.
     */
    @Override
    public void release() {
        if (buffers != null) {
            buffers.giveBack();
        }
    }

    /** Whether this resampler filters in strips ({@link VectorStrips}); false for pure gathers. */
    boolean usesStrips() {
        return strips;
    }

    /** {@link #usesStrips()}: the strips' rows can be handed out. */
    @Override
    public boolean hasRowView() {
        return strips;
    }

    /** {@link #stripRow}. */
    @Override
    public int[][] rowView(int j) {
        return stripRow(j);
    }

    /**
     * The whole resized window, {@code [row][channel][x]} (values 0..255), for tests and self-checks.
     *
     * @param strips as the constructor's
     */
    static int[][][] resizeAll(RgbImage image, ResampleTable xs, ResampleTable ys, boolean strips) {
        return new RowResampler(image, xs, ys, strips).resizeAll();
    }

    /**
     * The whole resized window of one byte plane, {@code [row][0][x]} (values 0..255), for tests and self-checks.
     *
     * @param strips as the constructor's
     */
    static int[][][] resizePlane(byte[] plane, int rowStride, ResampleTable xs, ResampleTable ys, boolean strips) {
        return new RowResampler(plane, rowStride, 1, xs, ys, strips).resizeAll();
    }

    private int[][][] resizeAll() {
        int[][][] out = new int[ys.count][channels][xs.count];
        for (int j = 0; j < ys.count; j++) {
            row(j, out[j], 0);
        }
        release();
        return out;
    }

    /** {@code sums = sum over taps of weight * source row}, lane by lane (element-wise, so order does not matter). */
    private void vertical(int j, int[][] sums) {
        final int n = ys.taps[j];
        final int first = ys.start[j];
        final int base = j * ys.maxTaps;
        for (int k = 0; k < 4; k++) {
            final int[] a = sums[k];
            final int len = laneLen;
            int[] r0 = sourceRow(first)[k];
            int w0 = vWeights[base];
            if (n == 1) {
                for (int i = 0; i < len; i++) {
                    a[i] = r0[i] * w0;
                }
                continue;
            }
            int[] r1 = sourceRow(first + 1)[k];
            int w1 = vWeights[base + 1];
            for (int i = 0; i < len; i++) {
                a[i] = r0[i] * w0 + r1[i] * w1;
            }
            int t = 2;
            for (; t + 1 < n; t += 2) { // two taps per sweep: fewer loads and stores of acc
                r0 = sourceRow(first + t)[k];
                r1 = sourceRow(first + t + 1)[k];
                w0 = vWeights[base + t];
                w1 = vWeights[base + t + 1];
                for (int i = 0; i < len; i++) {
                    a[i] += r0[i] * w0 + r1[i] * w1;
                }
            }
            if (t < n) {
                r0 = sourceRow(first + t)[k];
                w0 = vWeights[base + t];
                for (int i = 0; i < len; i++) {
                    a[i] += r0[i] * w0;
                }
            }
        }
    }

    /**
     * Horizontal pass over {@link #vRow} (byte order, values scaled by 2^22) into rounded RGB bytes. Every column has
     * the same tap count {@code n} (zero weights pad the short ones), and short loops with a variable trip count
     * compile poorly, so up to 8 taps are fully unrolled ({@link #dot}); more go in unrolled groups of 4.
     */
    private void horizontal(int[][] out, int off) {
        if (channels == 1) {
            horizontalPlane(out[0], off);
            return;
        }
        final float[] v = vRow;
        final float[] w = hWeights;
        final int[] start = hStart;
        final int n = hTaps;
        final int count = xs.count;
        final int[] ro = out[0];
        final int[] go = out[1];
        final int[] bo = out[2];
        if (n <= 4) {
            for (int x = 0, o = off, wi = 0; x < count; x++, o++, wi += n) {
                final int q = start[x];
                ro[o] = round(dot(v, q, 3, w, wi, n));
                go[o] = round(dot(v, q + 1, 3, w, wi, n));
                bo[o] = round(dot(v, q + 2, 3, w, wi, n));
            }
        } else if (n <= 8) {
            final int m = n - 4;
            for (int x = 0, o = off, wi = 0; x < count; x++, o++, wi += n) {
                final int q = start[x];
                ro[o] = round(dot(v, q, 3, w, wi, 4) + dot(v, q + 12, 3, w, wi + 4, m));
                go[o] = round(dot(v, q + 1, 3, w, wi, 4) + dot(v, q + 13, 3, w, wi + 4, m));
                bo[o] = round(dot(v, q + 2, 3, w, wi, 4) + dot(v, q + 14, 3, w, wi + 4, m));
            }
        } else {
            for (int x = 0, o = off, wi = 0; x < count; x++, o++, wi += n) {
                final int q = start[x];
                float r = 0;
                float g = 0;
                float b = 0;
                for (int t = 0, p = q; t < n; t += 4, p += 12) {
                    r += dot(v, p, 3, w, wi + t, 4);
                    g += dot(v, p + 1, 3, w, wi + t, 4);
                    b += dot(v, p + 2, 3, w, wi + t, 4);
                }
                ro[o] = round(r);
                go[o] = round(g);
                bo[o] = round(b);
            }
        }
    }

    /** {@link #horizontal} of a one-channel source: the same sums with a step of 1 between taps. */
    private void horizontalPlane(int[] out, int off) {
        final float[] v = vRow;
        final float[] w = hWeights;
        final int[] start = hStart;
        final int n = hTaps;
        final int count = xs.count;
        for (int x = 0, o = off, wi = 0; x < count; x++, o++, wi += n) {
            final int q = start[x];
            float s;
            if (n <= 4) {
                s = dot(v, q, 1, w, wi, n);
            } else if (n <= 8) {
                s = dot(v, q, 1, w, wi, 4) + dot(v, q + 4, 1, w, wi + 4, n - 4);
            } else {
                s = 0;
                for (int t = 0; t < n; t += 4) {
                    s += dot(v, q + t, 1, w, wi + t, 4);
                }
            }
            out[o] = round(s);
        }
    }

    /**
     * {@code sum v[p + step * t] * w[wi + t]} over {@code t < n}, {@code n} 1..4: one channel of interleaved RGB
     * ({@code step} 3) or of one plane ({@code step} 1).
     */
    private static float dot(float[] v, int p, int step, float[] w, int wi, int n) {
        switch (n) {
            case 1:
                return v[p] * w[wi];
            case 2:
                return v[p] * w[wi] + v[p + step] * w[wi + 1];
            case 3:
                return (v[p] * w[wi] + v[p + step] * w[wi + 1]) + v[p + 2 * step] * w[wi + 2];
            default:
                return (v[p] * w[wi] + v[p + step] * w[wi + 1])
                        + (v[p + 2 * step] * w[wi + 2] + v[p + 3 * step] * w[wi + 3]);
        }
    }

    /** The lanes of source row {@code sy} over the column span, from the ring (widened at most once per row). */
    private int[][] sourceRow(int sy) {
        int slot = sy % ringRow.length; // the ring's buffers may hold more rows (kept from a larger image)
        int[][] r = ring[slot];
        if (ringRow[slot] != sy) {
            ringRow[slot] = sy;
            lanes.split(sy * rowStride + spanFrom * channels, spanBytes, r);
        }
        return r;
    }

    private void gatherRow(int sy, int[][] out, int off) {
        final int rowBase = sy * rowStride;
        final int[] start = xs.start;
        if (channels == 1) {
            final int[] po = out[0];
            for (int i = 0, o = off; i < xs.count; i++, o++) {
                po[o] = src[rowBase + start[i]] & 0xFF;
            }
            return;
        }
        final int[] ro = out[0];
        final int[] go = out[1];
        final int[] bo = out[2];
        for (int i = 0, o = off; i < xs.count; i++, o++) {
            int p = rowBase + start[i] * 3;
            ro[o] = src[p] & 0xFF;
            go[o] = src[p + 1] & 0xFF;
            bo[o] = src[p + 2] & 0xFF;
        }
    }

    /** Rounds half up and clamps to 0..255. */
    private static int round(float v) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : Math.min(i, 255);
    }
}
