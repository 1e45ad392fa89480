package io.trt4j.image.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding at 1/2, 1/4, 1/8 in the DCT domain: exactly libjpeg's result, sizes by libjpeg's formula.
 */
class JpegScaledDecodeTest {
    /**
     * CRC-32 and byte sum of the RGB bytes that Pillow 13.0.0 (libjpeg-turbo, jpeg 6.2 API) gives for each fixture
     * with {@code draft}, which sets libjpeg's {@code scale_denom} and keeps its defaults (ISLOW IDCT, fancy
     * upsampling). Recorded with:
     * <pre>
     * python3 -c 'import zlib; from PIL import Image
     * for f in ["dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"]:
     *     for d in [1, 2, 4, 8]:
     *         im = Image.open(".fixtures/images/" + f); w, h = im.size
     *         im.draft("RGB", (w // d, h // d)); b = im.convert("RGB").tobytes()
     *         print(f, d, im.size, zlib.crc32(b), sum(b))'
     * </pre>
     * Full size (d = 1) is also exactly the JDK's decode. The same agreement was checked during development for JDK-
     * written 4:2:0, 4:2:2, 4:4:4, 4:4:0 and gray JPEGs of 301x203 at every scale (not recorded: the bytes of those
     * files depend on the JDK's encoder).
     */
    @ParameterizedTest
    @CsvSource({
        "dog.jpg, 1, 768, 576, 1594355014, 169954419",
        "dog.jpg, 2, 384, 288, 3710861933, 42488295",
        "dog.jpg, 4, 192, 144, 1167213438, 10622057",
        "dog.jpg, 8, 96, 72, 2274158658, 2659879",
        "eagle.jpg, 1, 773, 512, 943618913, 94182922",
        "eagle.jpg, 2, 387, 256, 1933899286, 23568810",
        "eagle.jpg, 4, 194, 128, 3862754904, 5904607",
        "eagle.jpg, 8, 97, 64, 1018061624, 1480164",
        "fruits.jpg, 1, 512, 480, 1605232687, 59636203",
        "fruits.jpg, 2, 256, 240, 2135759794, 14908316",
        "fruits.jpg, 4, 128, 120, 1252972886, 3726971",
        "fruits.jpg, 8, 64, 60, 2483139375, 933100",
        "baboon.jpg, 1, 512, 512, 695901827, 99373513",
        "baboon.jpg, 2, 256, 256, 1962840076, 24843224",
        "baboon.jpg, 4, 128, 128, 2036193605, 6210819",
        "baboon.jpg, 8, 64, 64, 2987784798, 1553946",
    })
    void matchesPillowDraftExactly(String name, int d, int w, int h, long crc, long sum) throws Exception {
        RgbImage img = TestJpegs.javaDecode(TestJpegs.fixture(name), d);
        assertEquals(w, img.width(), name + " 1/" + d + " width");
        assertEquals(h, img.height(), name + " 1/" + d + " height");
        long s = 0;
        for (byte b : img.pixels()) {
            s += b & 0xFF;
        }
        CRC32 c = new CRC32();
        c.update(img.pixels());
        assertEquals(sum, s, name + " 1/" + d + " byte sum");
        assertEquals(crc, c.getValue(), name + " 1/" + d + " CRC-32");
    }

    /**
     * Every sampling at every scale, odd sizes included: libjpeg's output size, and pixels close to the full decode
     * averaged over the d x d boxes (a scaled IDCT is that average up to the dropped high frequencies and rounding).
     */
    @Test
    void sizesFollowLibjpegAndPixelsAverageTheFullDecode() throws Exception {
        int[][] sizes = {{301, 203}, {17, 9}, {1, 1}, {33, 65}};
        double worst = 0;
        for (int[] size : sizes) {
            BufferedImage rgb = TestJpegs.crop("fruits.jpg", 100, 100, size[0], size[1], false);
            for (int[] s : new int[][] {{1, 1}, {2, 1}, {1, 2}, {2, 2}, {0, 0}}) {
                byte[] jpeg = s[0] == 0
                        ? TestJpegs.encode(TestJpegs.crop("fruits.jpg", 100, 100, size[0], size[1], true), 0.9f, 1, 1,
                                0, false)
                        : TestJpegs.encode(rgb, 0.9f, s[0], s[1], 3, false);
                RgbImage full = TestJpegs.javaDecode(jpeg, 1);
                for (int d : new int[] {2, 4, 8}) {
                    RgbImage scaled = TestJpegs.javaDecode(jpeg, d);
                    String what = size[0] + "x" + size[1] + " sampling " + s[0] + "x" + s[1] + " 1/" + d;
                    assertEquals((size[0] + d - 1) / d, scaled.width(), what);
                    assertEquals((size[1] + d - 1) / d, scaled.height(), what);
                    double mean = meanAbsDifferenceToBoxAverage(full, scaled, d);
                    worst = Math.max(worst, mean);
                    // measured: worst mean 2.8 levels (tiny images; chroma is upsampled differently by the two paths)
                    assertTrue(mean < 4, what + ": mean abs difference " + mean);
                }
            }
        }
        System.out.println("scaled decode vs box-averaged full decode: worst mean abs difference " + worst);
    }

    private static double meanAbsDifferenceToBoxAverage(RgbImage full, RgbImage scaled, int d) {
        double total = 0;
        for (int y = 0; y < scaled.height(); y++) {
            for (int x = 0; x < scaled.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    int n = 0;
                    for (int j = y * d; j < Math.min(full.height(), y * d + d); j++) {
                        for (int i = x * d; i < Math.min(full.width(), x * d + d); i++) {
                            sum += full.get(i, j, c);
                            n++;
                        }
                    }
                    total += Math.abs((double) sum / n - scaled.get(x, y, c));
                }
            }
        }
        return total / (scaled.width() * scaled.height() * 3.0);
    }
}
