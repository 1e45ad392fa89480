package io.trt4j.image.internal.jpeg;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fancy (triangle-filter) upsamplers of {@link ChromaUpsampler} with the incubator Vector API: 16 input samples at
 * a time in {@code short} lanes (sums stay below 2^12), the same formulas and so the same bytes. For the horizontal
 * ones the two outputs of input {@code i} (left and right) are packed as {@code left | right << 8} per lane, which is
 * their little-endian byte order in the output row: no byte permute is needed. The outermost outputs (edge rules)
 * and the inputs left over after the last full vector are computed by the same scalar expressions as
 * {@link ChromaUpsampler}.
 *
 * <p>Only loaded when {@link VectorKernels#ENABLED}. Thread-safety: stateless.
 */
final class VectorUpsampler {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_256;
    /** Explicit, not {@code reinterpretAsBytes()}: see {@link io.trt4j.image.internal.VectorApiSupport}. */
    private static final VectorSpecies<Byte> BYTES_256 = ByteVector.SPECIES_256;
    /** Input samples per vector step. */
    private static final int STEP = 16;

    private VectorUpsampler() {
    }

    /** As {@link ChromaUpsampler#h1v2Fancy}. */
    static void h1v2Fancy(byte[] in, int nearOff, int farOff, int bias, int width, byte[] out) {
        int i = 0;
        for (; i <= width - STEP; i += STEP) {
            ShortVector near = unsigned(in, nearOff + i);
            ShortVector far = unsigned(in, farOff + i);
            ShortVector v = near.mul((short) 3).add(far).add((short) bias).lanewise(VectorOperators.ASHR, 2);
            ((ByteVector) v.convertShape(VectorOperators.S2B, BYTES, 0)).intoArray(out, i);
        }
        for (; i < width; i++) {
            out[i] = (byte) (((in[nearOff + i] & 0xFF) * 3 + (in[farOff + i] & 0xFF) + bias) >> 2);
        }
    }

    /** As {@link ChromaUpsampler#h2v1Fancy} (needs {@code width >= 2}). */
    static void h2v1Fancy(byte[] in, int off, int width, byte[] out) {
        int first = in[off] & 0xFF;
        out[0] = (byte) first;
        out[1] = (byte) ((first * 3 + (in[off + 1] & 0xFF) + 2) >> 2);
        // inputs 1 .. width - 2 have both neighbours; a vector reads inputs i - 1 .. i + STEP
        int i = 1;
        for (; i <= width - 1 - STEP; i += STEP) {
            ShortVector here3 = unsigned(in, off + i).mul((short) 3);
            ShortVector left = here3.add(unsigned(in, off + i - 1)).add((short) 1)
                    .lanewise(VectorOperators.ASHR, 2);
            ShortVector right = here3.add(unsigned(in, off + i + 1)).add((short) 2)
                    .lanewise(VectorOperators.ASHR, 2);
            ((ByteVector) left.or(right.lanewise(VectorOperators.LSHL, 8)).reinterpretShape(BYTES_256, 0))
                    .intoArray(out, 2 * i);
        }
        int end = width - 1;
        for (; i < end; i++) {
            int v = (in[off + i] & 0xFF) * 3;
            out[2 * i] = (byte) ((v + (in[off + i - 1] & 0xFF) + 1) >> 2);
            out[2 * i + 1] = (byte) ((v + (in[off + i + 1] & 0xFF) + 2) >> 2);
        }
        int last = in[off + end] & 0xFF;
        out[2 * end] = (byte) ((last * 3 + (in[off + end - 1] & 0xFF) + 1) >> 2);
        out[2 * end + 1] = (byte) last;
    }

    /** As {@link ChromaUpsampler#h2v2Fancy} (needs {@code width >= 2}). */
    static void h2v2Fancy(byte[] in, int nearOff, int farOff, int width, byte[] out) {
        int thisSum = (in[nearOff] & 0xFF) * 3 + (in[farOff] & 0xFF);
        int nextSum = (in[nearOff + 1] & 0xFF) * 3 + (in[farOff + 1] & 0xFF);
        out[0] = (byte) ((thisSum * 4 + 8) >> 4);
        out[1] = (byte) ((thisSum * 3 + nextSum + 7) >> 4);
        int i = 1;
        for (; i <= width - 1 - STEP; i += STEP) {
            ShortVector here3 = columnSums(in, nearOff + i, farOff + i).mul((short) 3);
            ShortVector left = here3.add(columnSums(in, nearOff + i - 1, farOff + i - 1)).add((short) 8)
                    .lanewise(VectorOperators.ASHR, 4);
            ShortVector right = here3.add(columnSums(in, nearOff + i + 1, farOff + i + 1)).add((short) 7)
                    .lanewise(VectorOperators.ASHR, 4);
            ((ByteVector) left.or(right.lanewise(VectorOperators.LSHL, 8)).reinterpretShape(BYTES_256, 0))
                    .intoArray(out, 2 * i);
        }
        int end = width - 1;
        for (; i < end; i++) {
            int here = columnSum(in, nearOff + i, farOff + i) * 3;
            out[2 * i] = (byte) ((here + columnSum(in, nearOff + i - 1, farOff + i - 1) + 8) >> 4);
            out[2 * i + 1] = (byte) ((here + columnSum(in, nearOff + i + 1, farOff + i + 1) + 7) >> 4);
        }
        int last = columnSum(in, nearOff + end, farOff + end);
        out[2 * end] = (byte) ((last * 3 + columnSum(in, nearOff + end - 1, farOff + end - 1) + 8) >> 4);
        out[2 * end + 1] = (byte) ((last * 4 + 7) >> 4);
    }

    private static int columnSum(byte[] in, int near, int far) {
        return (in[near] & 0xFF) * 3 + (in[far] & 0xFF);
    }

    private static ShortVector columnSums(byte[] in, int near, int far) {
        return unsigned(in, near).mul((short) 3).add(unsigned(in, far));
    }

    /** 16 unsigned bytes from {@code a[off]} as {@code short} lanes. */
    private static ShortVector unsigned(byte[] a, int off) {
        return ((ShortVector) ByteVector.fromArray(BYTES, a, off).convertShape(VectorOperators.B2S, SHORTS, 0))
                .and((short) 0xFF);
    }
}
