package io.trt4j.image;

import io.trt4j.core.DataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real photos resized to 299 x 299 against Pillow 13.0.0, computed with
 * {@code a = np.asarray(Image.open(f).convert("RGB").resize((299, 299), m)).astype(np.int64)}: per-channel sums and
 * the pixel at row 150, column 100. NEAREST must match exactly; Pillow's BILINEAR (antialiased tent, the definition
 * of BILINEAR_ANTIALIAS) rounds to 8 bits between its two passes and uses fixed-point weights, so there the sums must
 * agree within 0.1 per pixel on average and the sample pixel within 1.
 *
 * <p>dog.jpg NEAREST: Pillow evaluates {@code (i + 0.5) * (768 / 299)} in floating point and gets 383.99999... for
 * column 149, whose exact centre is 384; we take the floor of the exact centre (384). The expected values there were
 * computed with NumPy integer indexing of the Pillow-decoded pixels instead:
 * {@code xi = np.minimum((2 * np.arange(299) + 1) * W // (2 * 299), W - 1)} (same for rows), {@code a[yi][:, xi]}.
 * (Pillow itself gives sums 12009249, 12117352, 10186277.)
 */
class PillowCrossCheckTest {
    @ParameterizedTest
    @CsvSource({
        "chelsea.png, NEAREST,            13200911, 9962580,  7759884,  154, 107, 65",
        "chelsea.png, BILINEAR_ANTIALIAS, 13202391, 9963695,  7760086,  146, 102, 63",
        "dog.jpg,     NEAREST,            12008751, 12117098, 10185937, 32, 29, 24",
        "dog.jpg,     BILINEAR_ANTIALIAS, 12019765, 12128923, 10198949, 23, 21, 16",
    })
    void resizeAgreesWithPillow(String file, ResizeMethod m, long r, long g, long b, int pr, int pg, int pb)
            throws Exception {
        RgbImage src = ImageDecoder.defaults().decode(Fixtures.image(file));
        Preprocessor p = Preprocessor.builder(299, 299).resizeMethod(m).dataType(DataType.UINT8)
                .normalization(Normalization.NONE).layout(TensorLayout.HWC).build();
        ByteBuffer buf = ByteBuffer.allocateDirect((int) p.bytesPerImage());
        p.write(src, buf, 0);
        byte[] px = new byte[buf.capacity()];
        buf.get(px);
        RgbImage out = RgbImage.wrap(299, 299, px);
        long[] sums = FixtureDecodeTest.channelSums(out);
        int[] sample = {out.get(100, 150, 0), out.get(100, 150, 1), out.get(100, 150, 2)};
        if (m == ResizeMethod.NEAREST) {
            assertArrayEquals(new long[] {r, g, b}, sums);
            assertArrayEquals(new int[] {pr, pg, pb}, sample);
        } else {
            long[] expected = {r, g, b};
            int[] expectedPx = {pr, pg, pb};
            for (int c = 0; c < 3; c++) {
                assertTrue(Math.abs(sums[c] - expected[c]) <= 299 * 299 / 10,
                        "channel " + c + " sum " + sums[c] + " vs Pillow " + expected[c]);
                assertTrue(Math.abs(sample[c] - expectedPx[c]) <= 1, "sample channel " + c);
            }
        }
        assertEquals(299 * 299 * 3, px.length);
    }
}
