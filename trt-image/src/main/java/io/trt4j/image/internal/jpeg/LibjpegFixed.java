package io.trt4j.image.internal.jpeg;

/**
 * libjpeg's 13-bit fixed-point IDCT constants ({@code jidctint.c}, {@code jidctred.c}): {@code FIX_x = FIX(x) =
 * (int) (x * 8192 + 0.5)}, with the scaling of the two passes. Compile-time constants on purpose (literal
 * initializers), so {@code javac} folds them into the IDCTs as literals; for static import.
 *
 * <p>Thread-safety: constants only.
 */
final class LibjpegFixed {
    static final int CONST_BITS = 13;
    static final int PASS1_BITS = 2;

    static final int FIX_0_211164243 = 1730;
    static final int FIX_0_298631336 = 2446;
    static final int FIX_0_390180644 = 3196;
    static final int FIX_0_509795579 = 4176;
    static final int FIX_0_541196100 = 4433;
    static final int FIX_0_601344887 = 4926;
    static final int FIX_0_720959822 = 5906;
    static final int FIX_0_765366865 = 6270;
    static final int FIX_0_850430095 = 6967;
    static final int FIX_0_899976223 = 7373;
    static final int FIX_1_061594337 = 8697;
    static final int FIX_1_175875602 = 9633;
    static final int FIX_1_272758580 = 10426;
    static final int FIX_1_451774981 = 11893;
    static final int FIX_1_501321110 = 12299;
    static final int FIX_1_847759065 = 15137;
    static final int FIX_1_961570560 = 16069;
    static final int FIX_2_053119869 = 16819;
    static final int FIX_2_172734803 = 17799;
    static final int FIX_2_562915447 = 20995;
    static final int FIX_3_072711026 = 25172;
    static final int FIX_3_624509785 = 29692;

    private LibjpegFixed() {
    }
}
