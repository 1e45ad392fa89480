package io.trt4j.image;

import io.trt4j.image.internal.JpegYCbCr;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link JpegYCbCr#toRgbInts} with the incubator Vector API, 8 values at a time: the same expressions lane-wise, so
 * the same values (C2 does not vectorise the scalar loop: its six arrays might alias). The last values of a row go
 * through the scalar method.
 *
 * <p>Only loaded where {@link VectorResampling#ENABLED} (refers to {@code jdk.incubator.vector}); its self-check
 * compares the two. Thread-safety: stateless.
 */
final class VectorYccToRgb {
    private static final VectorSpecies<Integer> S = IntVector.SPECIES_256;

    private VectorYccToRgb() {
    }

    /** As {@link JpegYCbCr#toRgbInts}: the same arguments and values. */
    static void toRgbInts(int[] y, int[] cb, int[] cr, int n, int[] r, int[] g, int[] b) {
        int x = 0;
        for (; x <= n - 8; x += 8) {
            IntVector luma = IntVector.fromArray(S, y, x);
            IntVector u = IntVector.fromArray(S, cb, x).sub(128);
            IntVector v = IntVector.fromArray(S, cr, x).sub(128);
            luma.add(v.mul(91881).add(32768).lanewise(VectorOperators.ASHR, 16)).max(0).min(255).intoArray(r, x);
            luma.add(u.mul(-22554).add(v.mul(-46802)).add(32768).lanewise(VectorOperators.ASHR, 16)).max(0).min(255)
                    .intoArray(g, x);
            luma.add(u.mul(116130).add(32768).lanewise(VectorOperators.ASHR, 16)).max(0).min(255).intoArray(b, x);
        }
        JpegYCbCr.toRgbInts(y, cb, cr, x, n, r, g, b);
    }
}
