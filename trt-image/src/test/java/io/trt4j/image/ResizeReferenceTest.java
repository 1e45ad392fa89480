package io.trt4j.image;

import io.trt4j.core.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resizing and geometry against a reference written here from the textbook definitions: a direct two-dimensional
 * weighted sum over <em>all</em> source pixels (not separable, no tap tables, no float intermediates), in double
 * precision, rounded half up. The production output must be within 1 LSB everywhere (it accumulates in float).
 */
class ResizeReferenceTest {

    /** Weight of every source index for output index {@code i} (full length, from the definition). */
    static double[] weights(ResizeMethod m, int i, int in, int out) {
        double s = (double) in / out;
        double c = (i + 0.5) * in / out; // exact whenever the true centre is an integer
        double[] w = new double[in];
        switch (m) {
            case NEAREST -> w[(int) Math.min((2L * i + 1) * in / (2L * out), in - 1)] = 1; // floor of the exact centre
            case BILINEAR -> {
                double x = Math.max(0, Math.min(c - 0.5, in - 1));
                int x0 = (int) Math.floor(x);
                int x1 = Math.min(x0 + 1, in - 1);
                w[x0] += 1 - (x - x0);
                w[x1] += x - x0;
            }
            case BILINEAR_ANTIALIAS -> {
                double r = Math.max(s, 1);
                for (int k = 0; k < in; k++) {
                    w[k] = Math.max(0, 1 - Math.abs(k + 0.5 - c) / r);
                }
            }
            case AREA -> {
                for (int k = 0; k < in; k++) {
                    double from = (double) i * in / out;
                    double to = (double) (i + 1) * in / out;
                    w[k] = Math.max(0, Math.min(k + 1, to) - Math.max(k, from)) / s;
                }
            }
            default -> throw new AssertionError(m);
        }
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        for (int k = 0; k < in; k++) {
            w[k] /= sum;
        }
        return w;
    }

    /** Reference resize of the whole image. */
    static RgbImage reference(RgbImage src, int ow, int oh, ResizeMethod m) {
        byte[] out = new byte[ow * oh * 3];
        double[][] wx = new double[ow][];
        for (int x = 0; x < ow; x++) {
            wx[x] = weights(m, x, src.width(), ow);
        }
        for (int y = 0; y < oh; y++) {
            double[] wy = weights(m, y, src.height(), oh);
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
                    out[(y * ow + x) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) Math.floor(acc + 0.5)));
                }
            }
        }
        return RgbImage.wrap(ow, oh, out);
    }

    static RgbImage crop(RgbImage src, int x0, int y0, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src.pixels(), ((y0 + y) * src.width() + x0) * 3, out, y * w * 3, w * 3);
        }
        return RgbImage.wrap(w, h, out);
    }

    /** The production path: UINT8 HWC RGB output, no normalization. */
    static RgbImage produce(RgbImage src, int ow, int oh, ResizeMethod m, Geometry g) {
        Preprocessor p = Preprocessor.builder(ow, oh).resizeMethod(m).geometry(g).dataType(DataType.UINT8)
                .normalization(Normalization.NONE).layout(TensorLayout.HWC).build();
        ByteBuffer buf = ByteBuffer.allocateDirect((int) p.bytesPerImage());
        p.write(src, buf, 0);
        byte[] out = new byte[buf.capacity()];
        buf.get(out);
        return RgbImage.wrap(ow, oh, out);
    }

    static void assertWithinOneLsb(RgbImage expected, RgbImage actual, String what) {
        assertEquals(expected.width(), actual.width(), what + " width");
        assertEquals(expected.height(), actual.height(), what + " height");
        int exact = 0;
        byte[] e = expected.pixels();
        byte[] a = actual.pixels();
        for (int i = 0; i < e.length; i++) {
            int d = Math.abs((e[i] & 0xFF) - (a[i] & 0xFF));
            assertTrue(d <= 1, what + ": element " + i + " (x=" + (i / 3) % expected.width() + ", y="
                    + (i / 3) / expected.width() + ") expected " + (e[i] & 0xFF) + " got " + (a[i] & 0xFF));
            if (d == 0) {
                exact++;
            }
        }
        assertTrue(exact >= e.length * 0.99, what + ": only " + exact + " of " + e.length + " exact");
    }

    static Stream<Arguments> cases() {
        int[][] sizes = {
            {97, 61, 32, 24}, // downscale ~3x / 2.5x
            {13, 9, 40, 31}, // upscale
            {50, 20, 23, 47}, // down in x, up in y
            {31, 17, 31, 17}, // identity
            {300, 200, 17, 11}, // strong downscale, many taps
            {64, 64, 32, 32}, // exactly 2x
        };
        return everyMethod(sizes);
    }

    /** (method, source width, source height, output width, output height) for every method and size. */
    static Stream<Arguments> everyMethod(int[][] sizes) {
        List<Arguments> out = new ArrayList<>();
        for (ResizeMethod m : ResizeMethod.values()) {
            for (int[] s : sizes) {
                out.add(Arguments.of(m, s[0], s[1], s[2], s[3]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2} -> {3}x{4}")
    @MethodSource("cases")
    void stretchMatchesReference(ResizeMethod m, int sw, int sh, int ow, int oh) {
        for (RgbImage src : new RgbImage[] {TestImages.smooth(sw, sh, 1), TestImages.random(sw, sh, 2)}) {
            assertWithinOneLsb(reference(src, ow, oh, m), produce(src, ow, oh, m, Geometry.stretch()),
                    m + " " + sw + "x" + sh + "->" + ow + "x" + oh);
        }
    }

    @Test
    void identitySizeIsExactCopy() {
        RgbImage src = TestImages.random(23, 19, 9);
        for (ResizeMethod m : ResizeMethod.values()) {
            assertArrayEquals(src.pixels(), produce(src, 23, 19, m, Geometry.stretch()).pixels(), m.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void centerCropMatchesCropThenResize(ResizeMethod m) {
        RgbImage src = TestImages.smooth(101, 77, 4);
        // tf.image.central_crop(0.875): offset floor((101 - 88.375) / 2) = 6, size 101 - 12 = 89;
        // rows: floor((77 - 67.375) / 2) = 4, size 77 - 8 = 69
        RgbImage expected = reference(crop(src, 6, 4, 89, 69), 29, 23, m);
        assertWithinOneLsb(expected, produce(src, 29, 23, m, Geometry.centerCrop(0.875)), "centerCrop " + m);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void shorterSideThenCropMatchesResizeThenCrop(ResizeMethod m) {
        RgbImage src = TestImages.smooth(90, 60, 5);
        // shorter side 60 -> 40, longer floor(40 * 90 / 60) = 60; crop 36x32 at ((60-36)/2, (40-32)/2) = (12, 4)
        RgbImage resized = reference(src, 60, 40, m);
        RgbImage expected = crop(resized, 12, 4, 36, 32);
        assertWithinOneLsb(expected, produce(src, 36, 32, m, Geometry.resizeShorterSideThenCenterCrop(40)),
                "shorterSide " + m);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void letterboxMatchesResizeThenPad(ResizeMethod m) {
        // 90x60 into 40x40: width limits, scale 4/9, height round(60 * 40 / 90) = round(26.67) = 27, top (40-27)/2 = 6
        checkLetterbox(TestImages.smooth(90, 60, 6), 40, 40, 40, 27, 0, 6, m);
        // 30x80 into 50x40: height limits, scale 0.5, width round(15) = 15, left (50-15)/2 = 17
        checkLetterbox(TestImages.smooth(30, 80, 7), 50, 40, 15, 40, 17, 0, m);
    }

    private static void checkLetterbox(RgbImage src, int ow, int oh, int rw, int rh, int ox, int oy, ResizeMethod m) {
        RgbImage inner = reference(src, rw, rh, m);
        byte[] out = new byte[ow * oh * 3];
        int[] fill = {114, 50, 200};
        for (int i = 0; i < ow * oh; i++) {
            out[i * 3] = (byte) fill[0];
            out[i * 3 + 1] = (byte) fill[1];
            out[i * 3 + 2] = (byte) fill[2];
        }
        for (int y = 0; y < rh; y++) {
            System.arraycopy(inner.pixels(), y * rw * 3, out, ((oy + y) * ow + ox) * 3, rw * 3);
        }
        assertWithinOneLsb(RgbImage.wrap(ow, oh, out), produce(src, ow, oh, m, Geometry.letterbox(114, 50, 200)),
                "letterbox " + m);
    }

    static Stream<ResizeMethod> methods() {
        return Stream.of(ResizeMethod.values());
    }
}
