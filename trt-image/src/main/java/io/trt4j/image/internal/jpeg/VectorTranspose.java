package io.trt4j.image.internal.jpeg;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane permutes and blend masks of the 8x8 {@code int} transposes in {@link VectorIslowIdct} and
 * {@link VectorScaledIdct}: swap the lanes of 4-blocks, 2-blocks and 1-blocks, then blend on the upper half of each
 * 8-, 4- and 2-block. The transposes themselves stay written out in those methods (see {@link VectorIslowIdct}).
 *
 * <p>Only loaded with them, when {@link VectorKernels#ENABLED}: refers to {@code jdk.incubator.vector}, so nothing
 * that runs without the module may refer to this class.
 *
 * <p>Thread-safety: immutable constants.
 */
final class VectorTranspose {
    static final VectorSpecies<Integer> S = IntVector.SPECIES_256;
    static final VectorShuffle<Integer> SWAP4 = VectorShuffle.fromValues(S, 4, 5, 6, 7, 0, 1, 2, 3);
    static final VectorShuffle<Integer> SWAP2 = VectorShuffle.fromValues(S, 2, 3, 0, 1, 6, 7, 4, 5);
    static final VectorShuffle<Integer> SWAP1 = VectorShuffle.fromValues(S, 1, 0, 3, 2, 5, 4, 7, 6);
    static final VectorMask<Integer> UPPER4 = VectorMask.fromValues(S, false, false, false, false, true, true, true,
            true);
    static final VectorMask<Integer> UPPER2 = VectorMask.fromValues(S, false, false, true, true, false, false, true,
            true);
    static final VectorMask<Integer> ODD = VectorMask.fromValues(S, false, true, false, true, false, true, false,
            true);

    private VectorTranspose() {
    }
}
