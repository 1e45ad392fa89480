package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.trt4j.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java decoder at full size against today's javax.imageio path (readRaster + libjpeg's YCbCr conversion, or the
 * gray read): every byte of the real fixtures, and of fixture pixels re-encoded by the JDK writer over qualities,
 * chroma samplings, restart intervals, gray, and sizes that leave partial MCUs.
 */
class JpegDecoderBitExactTest {
    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"})
    void realFixturesMatchImageIoByteForByte(String name) throws Exception {
        byte[] data = TestJpegs.fixture(name);
        assertSame(TestJpegs.reference(data), TestJpegs.javaDecode(data, 1), name);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 50, 75, 95, 100})
    void everySamplingAtEachQualityMatches(int quality) throws Exception {
        BufferedImage img = TestJpegs.crop("fruits.jpg", 40, 30, 301, 203, false);
        int[][] samplings = {{1, 1}, {2, 1}, {1, 2}, {2, 2}};
        for (int[] s : samplings) {
            for (int restart : new int[] {0, 1, 7}) {
                byte[] jpeg = TestJpegs.encode(img, quality / 100f, s[0], s[1], restart, false);
                String what = "q" + quality + " " + s[0] + "x" + s[1] + " restart " + restart;
                assertSame(TestJpegs.reference(jpeg), TestJpegs.javaDecode(jpeg, 1), what);
            }
        }
        byte[] gray = TestJpegs.encode(TestJpegs.crop("baboon.jpg", 3, 5, 255, 130, true), quality / 100f, 1, 1, 5,
                false);
        assertEquals(1, JpegDecoder.readHeader(gray).componentCount());
        assertSame(TestJpegs.reference(gray), TestJpegs.javaDecode(gray, 1), "gray q" + quality);
    }

    @Test
    void oddSizesWithPartialMcusMatch() throws Exception {
        int[][] sizes = {{1, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 3}, {4, 5}, {5, 4}, {17, 9}, {33, 65}, {65, 33}, {8, 8},
            {16, 16}, {15, 17}, {100, 1}, {1, 100}, {129, 7}};
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int[] size : sizes) {
            for (String fixture : new String[] {"dog.jpg", "baboon.jpg"}) {
                BufferedImage rgb = TestJpegs.crop(fixture, 200, 150, size[0], size[1], false);
                BufferedImage gray = TestJpegs.crop(fixture, 200, 150, size[0], size[1], true);
                for (int[] s : new int[][] {{1, 1}, {2, 1}, {1, 2}, {2, 2}}) {
                    for (int restart : new int[] {0, 2}) {
                        byte[] jpeg = TestJpegs.encode(rgb, 0.9f, s[0], s[1], restart, false);
                        String what = fixture + " " + size[0] + "x" + size[1] + " " + s[0] + "x" + s[1] + " rst "
                                + restart;
                        if (!same(TestJpegs.reference(jpeg), TestJpegs.javaDecode(jpeg, 1))) {
                            failures.add(what);
                        }
                        checked++;
                    }
                }
                byte[] jpeg = TestJpegs.encode(gray, 0.8f, 1, 1, 0, false);
                if (!same(TestJpegs.reference(jpeg), TestJpegs.javaDecode(jpeg, 1))) {
                    failures.add(fixture + " gray " + size[0] + "x" + size[1]);
                }
                checked++;
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + checked + " differ: " + failures);
        }
    }

    @Test
    void progressiveIsLeftToImageIo() throws Exception {
        byte[] jpeg = TestJpegs.encode(TestJpegs.crop("eagle.jpg", 0, 0, 120, 90, false), 0.75f, 2, 2, 0, true);
        UnsupportedJpegException e = assertThrows(UnsupportedJpegException.class, () -> JpegDecoder.readHeader(jpeg));
        assertEquals("progressive JPEG (SOF2)", e.getMessage());
    }

    static boolean same(RgbImage a, RgbImage b) {
        return a.width() == b.width() && a.height() == b.height() && java.util.Arrays.equals(a.pixels(), b.pixels());
    }

    static void assertSame(RgbImage expected, RgbImage actual, String what) {
        assertEquals(expected.width(), actual.width(), what + " width");
        assertEquals(expected.height(), actual.height(), what + " height");
        byte[] e = expected.pixels();
        byte[] a = actual.pixels();
        int diffs = 0;
        int first = -1;
        for (int i = 0; i < e.length; i++) {
            if (e[i] != a[i]) {
                if (first < 0) {
                    first = i;
                }
                diffs++;
            }
        }
        if (diffs > 0) {
            int px = first / 3;
            fail(what + ": " + diffs + " bytes differ; first at x=" + px % expected.width() + " y="
                    + px / expected.width() + " channel " + first % 3 + ": expected " + (e[first] & 0xFF) + " got "
                    + (a[first] & 0xFF));
        }
    }
}
