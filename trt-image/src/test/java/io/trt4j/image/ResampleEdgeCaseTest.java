package io.trt4j.image;

import io.trt4j.core.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The columns-first resampler ({@link RowResampler}: int lanes from {@link ByteLanes}, fixed-point vertical pass,
 * float horizontal pass with padded, unrolled taps) on the shapes most likely to break it: one-pixel and one-row
 * images, extreme up- and downscales (more than 8 horizontal taps), row spans whose byte length is not a multiple
 * of 4 and that start at every byte alignment (crops), and every layout x data type at a non-zero batch index and
 * buffer position after a real resize. References: the double-precision 2-D definition of
 * {@link ResizeReferenceTest#weights}, unrounded, and the normalization formula applied to the resized bytes.
 *
 * <p>Stricter than "within 1 LSB, 99% exact": every element whose exact value is more than {@value #TIE_MARGIN} away
 * from a rounding tie ({@code k + 0.5}) must be exactly {@code floor(exact + 0.5)}; near a tie (where the double
 * reference itself is only accurate to ~1e-13) either neighbour is accepted.
 */
class ResampleEdgeCaseTest {
    /** Largest accumulated error allowed before rounding, in levels (the resampler stays below 1e-3 here). */
    static final double TIE_MARGIN = 0.01;

    /** The exact (unrounded) resize of {@code src}, HWC, from the 2-D definition in double precision. */
    static double[] exactResize(RgbImage src, int ow, int oh, ResizeMethod m) {
        double[] out = new double[ow * oh * 3];
        double[][] wx = new double[ow][];
        for (int x = 0; x < ow; x++) {
            wx[x] = ResizeReferenceTest.weights(m, x, src.width(), ow);
        }
        for (int y = 0; y < oh; y++) {
            double[] wy = ResizeReferenceTest.weights(m, y, src.height(), oh);
            for (int x = 0; x < ow; x++) {
                for (int c = 0; c < 3; c++) {
                    double acc = 0;
                    for (int sy = 0; sy < src.height(); sy++) {
                        if (wy[sy] == 0) {
                            continue;
                        }
                        for (int sx = 0; sx < src.width(); sx++) {
                            acc += wy[sy] * wx[x][sx] * src.get(sx, sy, c);
                        }
                    }
                    out[(y * ow + x) * 3 + c] = acc;
                }
            }
        }
        return out;
    }

    static void assertExactAwayFromTies(double[] exact, RgbImage actual, String what) {
        byte[] a = actual.pixels();
        assertEquals(exact.length, a.length, what + " size");
        for (int i = 0; i < exact.length; i++) {
            int got = a[i] & 0xFF;
            double e = exact[i];
            int rounded = (int) Math.floor(e + 0.5);
            String where = what + ": element " + i + " exact " + e + " got " + got;
            if (Math.abs(e - Math.floor(e) - 0.5) > TIE_MARGIN) {
                assertEquals(Math.max(0, Math.min(255, rounded)), got, where);
            } else {
                assertTrue(got == (int) Math.floor(e) || got == (int) Math.ceil(e), where);
            }
        }
    }

    static Stream<Arguments> shapes() {
        int[][] sizes = {
            {1, 1, 1, 1}, // identity of one pixel
            {1, 1, 37, 23}, // one pixel to anything: a flat image
            {1, 7, 5, 3}, // one column
            {9, 1, 4, 6}, // one row
            {2, 3, 299, 1}, // extreme upscale in x, single output row
            {997, 13, 3, 2}, // extreme downscale in x: hundreds of taps
            {101, 53, 7, 50}, // > 8 taps in x, near-identity in y
            {33, 35, 34, 36}, // slight upscale: 3 * 33 bytes per row, not a multiple of 4
            {250, 3, 99, 3}, // taps 5..6 (the 5..8 unrolled branch), y identity
            {29, 31, 10, 11}, // taps 6..7 in both directions
        };
        return ResizeReferenceTest.everyMethod(sizes);
    }

    @ParameterizedTest(name = "{0} {1}x{2} -> {3}x{4}")
    @MethodSource("shapes")
    void matchesReference(ResizeMethod m, int sw, int sh, int ow, int oh) {
        for (RgbImage src : new RgbImage[] {TestImages.random(sw, sh, 21), TestImages.smooth(sw, sh, 22)}) {
            assertExactAwayFromTies(exactResize(src, ow, oh, m),
                    ResizeReferenceTest.produce(src, ow, oh, m, Geometry.stretch()), m + " " + sw + "x" + sh + "->" + ow + "x" + oh);
        }
    }

    @Test
    void flatImagesStayExact() {
        // fixed-point vertical weights sum to exactly 2^22, so a constant image must come out unchanged
        for (ResizeMethod m : ResizeMethod.values()) {
            for (int v : new int[] {0, 1, 127, 128, 254, 255}) {
                byte[] px = new byte[41 * 27 * 3];
                java.util.Arrays.fill(px, (byte) v);
                RgbImage out = ResizeReferenceTest.produce(RgbImage.wrap(41, 27, px), 13, 50, m, Geometry.stretch());
                for (byte b : out.pixels()) {
                    assertEquals(v, b & 0xFF, m + " flat " + v);
                }
            }
        }
    }

    @Test
    void cropsAtEveryByteAlignment() {
        // centre crops of growing images start the row span at source columns 0..4, i.e. byte offsets 0, 3, 6, 9, 12
        // (alignments 0, 3, 2, 1, 0 modulo 4), and end it with 0..3 trailing bytes
        for (int w = 40; w < 48; w++) {
            RgbImage src = TestImages.random(w, 19, w);
            for (ResizeMethod m : ResizeMethod.values()) {
                Geometry g = Geometry.centerCrop(0.8);
                Placement p = g.place(w, 19, 11, 9);
                double[] expected = exactResize(
                        ResizeReferenceTest.crop(src, p.cropX(), p.cropY(), p.cropW(), p.cropH()), 11, 9, m);
                assertExactAwayFromTies(expected, ResizeReferenceTest.produce(src, 11, 9, m, g),
                        "crop " + w + " " + m + " at (" + p.cropX() + "," + p.cropY() + ")");
            }
        }
    }

    static Stream<Arguments> layoutsAndTypes() {
        List<Arguments> out = new ArrayList<>();
        for (TensorLayout l : TensorLayout.values()) {
            for (DataType t : new DataType[] {DataType.FLOAT, DataType.HALF, DataType.UINT8}) {
                for (ColorOrder o : ColorOrder.values()) {
                    out.add(Arguments.of(l, t, o));
                }
            }
        }
        return out.stream();
    }

    /** After a real resize (with letterbox fill), every layout x type x colour order holds LUT(resized bytes). */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("layoutsAndTypes")
    void everyLayoutAndTypeAfterResize(TensorLayout layout, DataType type, ColorOrder order) {
        RgbImage src = TestImages.smooth(83, 47, 31);
        int w = 31;
        int h = 23;
        Geometry g = Geometry.letterbox(114, 50, 200);
        Normalization norm = type == DataType.UINT8 ? Normalization.NONE
                : order == ColorOrder.GRAY ? Normalization.INCEPTION : Normalization.IMAGENET;
        Preprocessor rgb8 = Preprocessor.builder(w, h).geometry(g).dataType(DataType.UINT8)
                .normalization(Normalization.NONE).layout(TensorLayout.HWC).build();
        ByteBuffer ref = ByteBuffer.allocate((int) rgb8.bytesPerImage());
        rgb8.write(src, ref, 0);
        Preprocessor p = Preprocessor.builder(w, h).geometry(g).dataType(type).normalization(norm).colorOrder(order)
                .layout(layout).build();
        int index = layout.batched() ? 2 : 0;
        int pos = 12;
        ByteBuffer buf = ByteBuffer.allocateDirect(pos + (int) p.bytesPerImage() * (index + 1) + 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.position(pos);
        p.write(src, buf, index);
        assertEquals(pos, buf.position());
        int channels = order.channels();
        long base = pos + index * p.bytesPerImage();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                int r = ref.get(i) & 0xFF;
                int gg = ref.get(i + 1) & 0xFF;
                int b = ref.get(i + 2) & 0xFF;
                int[] values = switch (order) {
                    case RGB -> new int[] {r, gg, b};
                    case BGR -> new int[] {b, gg, r};
                    case GRAY -> new int[] {(19595 * r + 38470 * gg + 7471 * b + 0x8000) >> 16};
                };
                for (int c = 0; c < channels; c++) {
                    long element = layout.planar() ? ((long) c * h + y) * w + x : ((long) y * w + x) * channels + c;
                    int at = (int) (base + element * type.byteSize());
                    float expected = (float) norm.apply(values[c], c);
                    String where = "x=" + x + " y=" + y + " c=" + c;
                    switch (type) {
                        case FLOAT -> assertEquals(expected, buf.getFloat(at), 0f, where);
                        case HALF -> assertEquals(HalfReference.nearest(expected), buf.getShort(at), where);
                        case UINT8 -> assertEquals(values[c], buf.get(at) & 0xFF, where);
                        default -> throw new AssertionError(type);
                    }
                }
            }
        }
    }
}
