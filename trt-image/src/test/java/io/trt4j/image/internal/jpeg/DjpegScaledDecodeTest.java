package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.trt4j.image.Djpeg;
import io.trt4j.image.Fixtures;
import io.trt4j.image.RgbImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scaled decoding at every libjpeg-turbo scale M/8 (M = 1..8) against libjpeg-turbo itself ({@link Djpeg}:
 * {@code djpeg -scale M/8}, ISLOW, fancy upsampling): the same size and the same bytes, for the real photos and for
 * generated JPEGs of every supported sampling, many sizes (1x1 and other sizes that are no multiple of the MCU),
 * qualities and restart intervals. The Java decoder runs with libjpeg-turbo's 4:4:0 upsampling ({@code fancyH1v2}),
 * as djpeg is libjpeg-turbo.
 */
class DjpegScaledDecodeTest {
    /** Luma sampling factors (chroma 1x1) of 4:4:4, 4:2:2, 4:4:0, 4:2:0; {0, 0} for grayscale. */
    private static final int[][] SAMPLINGS = {{1, 1}, {2, 1}, {1, 2}, {2, 2}, {0, 0}};
    private static final int[][] SIZES = {{1, 1}, {7, 9}, {9, 7}, {2, 17}, {17, 9}, {16, 16}, {33, 65}, {127, 45},
        {301, 203}};

    @TempDir
    Path tmp;

    /** jdmaster.c's choice: chroma is enlarged by the IDCT (doubling while below 8) where the modulo test allows. */
    @Test
    void idctSizesFollowJdmaster() {
        int[] expected420 = {2, 4, 6, 8, 10, 12, 14, 8}; // chroma of 4:2:0 (max 2x2, chroma 1x1) at M = 1..8
        for (int m = 1; m <= 8; m++) {
            assertEquals(m, JpegDecoder.idctSize(2, 2, 2, 2, m), "4:2:0 luma at " + m + "/8");
            assertEquals(expected420[m - 1], JpegDecoder.idctSize(2, 2, 1, 1, m), "4:2:0 chroma at " + m + "/8");
            assertEquals(m, JpegDecoder.idctSize(2, 1, 1, 1, m), "4:2:2 chroma at " + m + "/8");
            assertEquals(m, JpegDecoder.idctSize(1, 2, 1, 1, m), "4:4:0 chroma at " + m + "/8");
            assertEquals(m, JpegDecoder.idctSize(1, 1, 1, 1, m), "4:4:4 / gray at " + m + "/8");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"})
    void realPhotosMatchDjpegAtEveryScale(String name) throws Exception {
        byte[] data = TestJpegs.fixture(name);
        JpegHeader header = JpegDecoder.readHeader(data);
        for (int m = 1; m <= 8; m++) {
            RgbImage expected = Djpeg.decode(Fixtures.image(name), m);
            RgbImage actual = JpegDecoder.decodeScaled(data, header, m, true);
            assertEquals(JpegDecoder.scaledSizeByEighths(header.width(), m), expected.width(), name + " djpeg width");
            JpegDecoderBitExactTest.assertSame(expected, actual, name + " at " + m + "/8");
        }
    }

    /**
     * The real photos (4:4:0 and 4:2:2 as published) re-encoded whole as 4:2:0, 4:4:4 and grayscale: many blocks of
     * photo content through the enlarging chroma IDCTs (10x10, 12x12, 14x14 at 5/8, 6/8, 7/8) and the others.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"})
    void realPhotosReencodedMatchDjpegAtEveryScale(String name) throws Exception {
        RgbImage src = TestJpegs.reference(TestJpegs.fixture(name));
        for (int[] s : new int[][] {{2, 2}, {1, 1}, {0, 0}}) {
            boolean gray = s[0] == 0;
            BufferedImage img = TestJpegs.crop(name, 0, 0, src.width(), src.height(), gray);
            byte[] jpeg = TestJpegs.encode(img, 0.85f, Math.max(1, s[0]), Math.max(1, s[1]), 0, false);
            assertAllScalesMatch(jpeg, name + " re-encoded " + (gray ? "gray" : s[0] + "x" + s[1]));
        }
    }

    /** Every sampling x size, each at one of three qualities and with or without restart markers, at M = 1..8. */
    static Stream<Arguments> generated() {
        List<Arguments> cases = new ArrayList<>();
        float[] qualities = {0.9f, 0.5f, 1.0f};
        int[] restarts = {0, 1, 3};
        int i = 0;
        for (int[] s : SAMPLINGS) {
            for (int[] size : SIZES) {
                cases.add(Arguments.of(s[0], s[1], size[0], size[1], qualities[i % 3], restarts[(i / 3) % 3]));
                i++;
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "luma {0}x{1}, {2}x{3}, q{4}, restart {5}")
    @MethodSource("generated")
    void generatedJpegsMatchDjpegAtEveryScale(int lumaH, int lumaV, int w, int h, float quality, int restart)
            throws Exception {
        boolean gray = lumaH == 0;
        BufferedImage img = TestJpegs.crop("fruits.jpg", 100, 80, w, h, gray);
        byte[] jpeg = TestJpegs.encode(img, quality, Math.max(1, lumaH), Math.max(1, lumaV), restart, false);
        assertAllScalesMatch(jpeg, (gray ? "gray" : lumaH + "x" + lumaV) + " " + w + "x" + h + " q" + quality
                + " restart " + restart);
    }

    /**
     * High-contrast noise at quality 100 (large high-frequency coefficients): the scaled IDCTs overshoot and the
     * range limiting clamps many samples to 0 or 255.
     */
    @Test
    void noiseAtFullQualityMatchesDjpegAtEveryScale() throws Exception {
        for (int[] s : SAMPLINGS) {
            boolean gray = s[0] == 0;
            for (int[] size : new int[][] {{61, 35}, {8, 8}, {40, 24}}) {
                BufferedImage img = TestJpegs.noise(size[0], size[1], gray, 31L * size[0] + s[0] + 2 * s[1]);
                byte[] jpeg = TestJpegs.encode(img, 1.0f, Math.max(1, s[0]), Math.max(1, s[1]), 2, false);
                assertAllScalesMatch(jpeg, "noise " + (gray ? "gray" : s[0] + "x" + s[1]) + " " + size[0] + "x"
                        + size[1]);
            }
        }
    }

    private void assertAllScalesMatch(byte[] jpeg, String what) throws Exception {
        JpegHeader header = JpegDecoder.readHeader(jpeg);
        Path file = tmp.resolve("in.jpg");
        List<String> failures = new ArrayList<>();
        for (int m = 1; m <= 8; m++) {
            RgbImage expected = Djpeg.decode(jpeg, m, file);
            RgbImage actual = JpegDecoder.decodeScaled(jpeg, header, m, true);
            assertEquals(JpegDecoder.scaledSizeByEighths(header.width(), m), expected.width(), what + " width");
            assertEquals(JpegDecoder.scaledSizeByEighths(header.height(), m), expected.height(), what + " height");
            if (!JpegDecoderBitExactTest.same(expected, actual)) {
                failures.add(m + "/8");
            }
        }
        if (!failures.isEmpty()) {
            fail(what + ": differs from djpeg at " + failures);
        }
    }
}
