package io.trt4j.image.internal.jpeg;

/**
 * Chroma upsampling by libjpeg's {@code jdsample.c} rules (6b and libjpeg-turbo 2.1 agree but for h1v2, see below),
 * one output row at a time.
 *
 * <p>Which method a component gets ({@link #choose}), from its resolution after the (possibly scaled) IDCT: no
 * upsampling when it already has the output resolution (also 4:2:0 chroma at scales M/8 below 1, which the IDCT
 * enlarges); for
 * 2:1 horizontal ("h2v1") or 2:1 both ways ("h2v2") the "fancy" triangle filter when fancy upsampling applies (libjpeg
 * uses it unless the DCT scaling is 1/8, i.e. {@code min_DCT_scaled_size > 1}) and the component is more than 2
 * samples wide, else plain replication. 2:1 vertical only ("h1v2"): IJG libjpeg 6b (bundled in the JDK) replicates
 * rows, while libjpeg-turbo 2.0 and later ({@code h1v2_fancy_upsample}; the JDK uses it when built against the system
 * library, as Debian and Ubuntu OpenJDK packages are) applies the vertical triangle filter whenever fancy upsampling
 * applies: {@code (3 * nearer row + further row + bias) >> 2}, bias 1 for even output rows and 2 for odd ones. The
 * caller says which one to reproduce.
 *
 * <p>Fancy h2v1: each output is 3/4 of the nearer input plus 1/4 of the further one, biased +1 / +2 alternately
 * before {@code >> 2}; the outermost outputs copy the edge input. Fancy h2v2: the same triangle vertically with the
 * nearer input row (above for even output rows, below for odd ones; edge rows repeat), column sums combined with
 * biases +8 / +7 before {@code >> 4}.
 *
 * <p>All samples are unsigned bytes 0..255. Thread-safety: stateless.
 */
final class ChromaUpsampler {
    /** How one component becomes full output resolution. */
    enum Method { FULL, H2V1_FANCY, H2V1, H1V2_FANCY, H1V2, H2V2_FANCY, H2V2 }

    private ChromaUpsampler() {
    }

    /**
     * @param hExpand          output samples per component sample horizontally (1 or 2)
     * @param vExpand          the same vertically (1 or 2)
     * @param fancy            whether libjpeg would use fancy upsampling (min DCT scaled size &gt; 1)
     * @param downsampledWidth the component's width in samples
     * @param fancyH1v2        whether 2:1 vertical-only upsampling is fancy when {@code fancy} holds (libjpeg-turbo
     *                         2.0 and later) or always replication (IJG libjpeg 6b)
     */
    static Method choose(int hExpand, int vExpand, boolean fancy, int downsampledWidth, boolean fancyH1v2)
            throws UnsupportedJpegException {
        boolean useFancy = fancy && downsampledWidth > 2;
        if (hExpand == 1 && vExpand == 1) {
            return Method.FULL;
        } else if (hExpand == 2 && vExpand == 1) {
            return useFancy ? Method.H2V1_FANCY : Method.H2V1;
        } else if (hExpand == 2 && vExpand == 2) {
            return useFancy ? Method.H2V2_FANCY : Method.H2V2;
        } else if (hExpand == 1 && vExpand == 2) {
            return fancy && fancyH1v2 ? Method.H1V2_FANCY : Method.H1V2;
        }
        throw new UnsupportedJpegException("upsampling " + hExpand + "x" + vExpand);
    }

    /** Fancy h2v1: {@code width} inputs from {@code in[off]} to {@code 2 * width} outputs in {@code out[0..]}. */
    static void h2v1Fancy(byte[] in, int off, int width, byte[] out) {
        int first = in[off] & 0xFF;
        out[0] = (byte) first;
        out[1] = (byte) ((first * 3 + (in[off + 1] & 0xFF) + 2) >> 2);
        int o = 2;
        int end = off + width - 1;
        for (int p = off + 1; p < end; p++, o += 2) {
            int v = (in[p] & 0xFF) * 3;
            out[o] = (byte) ((v + (in[p - 1] & 0xFF) + 1) >> 2);
            out[o + 1] = (byte) ((v + (in[p + 1] & 0xFF) + 2) >> 2);
        }
        int last = in[end] & 0xFF;
        out[o] = (byte) ((last * 3 + (in[end - 1] & 0xFF) + 1) >> 2);
        out[o + 1] = (byte) last;
    }

    /** Replication: {@code width} inputs to {@code 2 * width} outputs. */
    static void h2v1Replicate(byte[] in, int off, int width, byte[] out) {
        for (int i = 0, o = 0; i < width; i++, o += 2) {
            byte v = in[off + i];
            out[o] = v;
            out[o + 1] = v;
        }
    }

    /**
     * Fancy h1v2 for one output row: {@code width} samples.
     *
     * @param nearOff start of the input row this output row lies in
     * @param farOff  start of the next-nearest input row (above for an even output row, below for an odd one)
     * @param bias    1 for an even output row, 2 for an odd one
     */
    static void h1v2Fancy(byte[] in, int nearOff, int farOff, int bias, int width, byte[] out) {
        for (int i = 0; i < width; i++) {
            out[i] = (byte) (((in[nearOff + i] & 0xFF) * 3 + (in[farOff + i] & 0xFF) + bias) >> 2);
        }
    }

    /**
     * Fancy h2v2 for one output row.
     *
     * @param nearOff start of the input row this output row lies in
     * @param farOff  start of the next-nearest input row (above for an even output row, below for an odd one)
     */
    static void h2v2Fancy(byte[] in, int nearOff, int farOff, int width, byte[] out) {
        int thisSum = (in[nearOff] & 0xFF) * 3 + (in[farOff] & 0xFF);
        int nextSum = (in[nearOff + 1] & 0xFF) * 3 + (in[farOff + 1] & 0xFF);
        out[0] = (byte) ((thisSum * 4 + 8) >> 4);
        out[1] = (byte) ((thisSum * 3 + nextSum + 7) >> 4);
        int lastSum = thisSum;
        thisSum = nextSum;
        int o = 2;
        for (int i = 2; i < width; i++, o += 2) {
            nextSum = (in[nearOff + i] & 0xFF) * 3 + (in[farOff + i] & 0xFF);
            out[o] = (byte) ((thisSum * 3 + lastSum + 8) >> 4);
            out[o + 1] = (byte) ((thisSum * 3 + nextSum + 7) >> 4);
            lastSum = thisSum;
            thisSum = nextSum;
        }
        out[o] = (byte) ((thisSum * 3 + lastSum + 8) >> 4);
        out[o + 1] = (byte) ((thisSum * 4 + 7) >> 4);
    }
}
