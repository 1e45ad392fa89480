package io.trt4j.image.internal.jpeg;

import io.trt4j.image.internal.JpegYCbCr;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link JpegYCbCr#toRgbRow} (libjpeg's {@code jdcolor.c} YCbCr to RGB) with the incubator Vector API, 8 pixels at a
 * time in {@code int} lanes: libjpeg's table entries are {@code (FIX(c) * (x - 128) + ONE_HALF) >> 16} for red and
 * blue and one shift of the two summed green terms, so computing those expressions lane-wise gives the tables' values
 * exactly, and every sum lies within -227..480, where libjpeg's range-limit table is a plain clamp to 0..255. The 8
 * pixels are packed as R | G << 8 | B << 16 per {@code int}, compacted to 24 bytes by one byte permute and stored as
 * 32 bytes (the next 8 pixels overwrite the extra 8); the last pixels of a row go through {@link JpegYCbCr#toRgbRow}.
 *
 * <p>Only loaded when {@link VectorKernels#ENABLED}. Thread-safety: stateless.
 */
final class VectorYCbCr {
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES_64 = ByteVector.SPECIES_64;
    /** Explicit, not {@code reinterpretAsBytes()}: see {@link io.trt4j.image.internal.VectorApiSupport}. */
    private static final VectorSpecies<Byte> BYTES_256 = ByteVector.SPECIES_256;
    /** Byte {@code i < 24} of the output takes byte {@code 4 * (i / 3) + i % 3} of the packed pixels. */
    private static final VectorShuffle<Byte> COMPACT = VectorShuffle.fromOp(BYTES_256,
            i -> i < 24 ? 4 * (i / 3) + i % 3 : 3);
    /** Pixels per vector step. */
    private static final int STEP = 8;
    /** The vector loop stores 32 bytes for 8 pixels: it stops 11 pixels before the end of the row. */
    private static final int TAIL = 11;

    private VectorYCbCr() {
    }

    /** As {@link JpegYCbCr#toRgbRow}: the same arguments and bytes. */
    static void toRgbRow(byte[] y, int yOff, byte[] cb, int cbOff, byte[] cr, int crOff, int width, byte[] out,
            int outOff) {
        int x = 0;
        int o = outOff;
        for (; x <= width - TAIL; x += STEP, o += 3 * STEP) {
            IntVector luma = unsigned(y, yOff + x);
            IntVector b = unsigned(cb, cbOff + x).sub(128);
            IntVector r = unsigned(cr, crOff + x).sub(128);
            IntVector red = luma.add(r.mul(91881).add(32768).lanewise(VectorOperators.ASHR, 16));
            IntVector green = luma.add(b.mul(-22554).add(r.mul(-46802)).add(32768)
                    .lanewise(VectorOperators.ASHR, 16));
            IntVector blue = luma.add(b.mul(116130).add(32768).lanewise(VectorOperators.ASHR, 16));
            IntVector packed = red.max(0).min(255)
                    .or(green.max(0).min(255).lanewise(VectorOperators.LSHL, 8))
                    .or(blue.max(0).min(255).lanewise(VectorOperators.LSHL, 16));
            ((ByteVector) packed.reinterpretShape(BYTES_256, 0)).rearrange(COMPACT).intoArray(out, o);
        }
        JpegYCbCr.toRgbRow(y, yOff + x, cb, cbOff + x, cr, crOff + x, width - x, out, o);
    }

    /** 8 unsigned bytes from {@code a[off]} as {@code int} lanes. */
    private static IntVector unsigned(byte[] a, int off) {
        return ((IntVector) ByteVector.fromArray(BYTES_64, a, off).convertShape(VectorOperators.B2I, INTS, 0))
                .and(0xFF);
    }
}
