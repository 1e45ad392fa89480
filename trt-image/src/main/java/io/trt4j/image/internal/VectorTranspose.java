package io.trt4j.image.internal;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane permutes and blend masks of the 8x8 {@code int} transposes in the Vector API kernels (the JPEG decoder's
 * IDCTs, the resampler's strips): swap the lanes of 4-blocks, 2-blocks and 1-blocks, then blend on the upper half of
 * each 8-, 4- and 2-block. The transposes themselves stay written out in those methods: vectors passed to a method
 * C2 does not inline get boxed.
 *
 * <p>Only loaded with them, when the Vector API is in use ({@link VectorApiSupport}): refers to
 * {@code jdk.incubator.vector}, so nothing that runs without the module may refer to this class.
 *
 * <p>Thread-safety: immutable constants.
 */
public final class VectorTranspose {
    public static final VectorSpecies<Integer> S = IntVector.SPECIES_256;
    public static final VectorShuffle<Integer> SWAP4 = VectorShuffle.fromValues(S, 4, 5, 6, 7, 0, 1, 2, 3);
    public static final VectorShuffle<Integer> SWAP2 = VectorShuffle.fromValues(S, 2, 3, 0, 1, 6, 7, 4, 5);
    public static final VectorShuffle<Integer> SWAP1 = VectorShuffle.fromValues(S, 1, 0, 3, 2, 5, 4, 7, 6);
    public static final VectorMask<Integer> UPPER4 = VectorMask.fromValues(S, false, false, false, false, true, true, true,
            true);
    public static final VectorMask<Integer> UPPER2 = VectorMask.fromValues(S, false, false, true, true, false, false, true,
            true);
    public static final VectorMask<Integer> ODD = VectorMask.fromValues(S, false, true, false, true, false, true, false,
            true);

    private VectorTranspose() {
    }
}
