package io.trt4j.image;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subsampled decoding: exact pixels at the kept positions, and a bounded difference after the full pipeline. */
class FastDecodeTest {
    @Test
    void keepsEveryKthPixelOfTheExactDecode() throws Exception {
        byte[] data = Files.readAllBytes(Fixtures.image("coffee.png")); // 600 x 400
        RgbImage exact = ImageDecoder.defaults().decode(data, "coffee.png");
        RgbImage sub = ImageDecoder.defaults().decodeAtLeast(data, "coffee.png", 100, 100); // k = 400 / 100 = 4
        assertEquals(150, sub.width());
        assertEquals(100, sub.height());
        for (int y = 0; y < sub.height(); y++) {
            for (int x = 0; x < sub.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(exact.get(4 * x, 4 * y, c), sub.get(x, y, c));
                }
            }
        }
        // less than twice the target: exact decode
        assertArrayEquals(exact.pixels(), ImageDecoder.defaults().decodeAtLeast(data, "c", 250, 250).pixels());
    }

    @Test
    void fastPipelineStaysCloseToExact() throws Exception {
        Preprocessor exact = Preprocessor.builder(128, 128).normalization(Normalization.ZERO_ONE).build();
        Preprocessor fast = Preprocessor.builder(128, 128).normalization(Normalization.ZERO_ONE).fastDecode(true)
                .build();
        for (String f : new String[] {"dog.jpg", "astronaut.png"}) {
            byte[] data = Files.readAllBytes(Fixtures.image(f));
            assertTrue(fast.decode(data, f).width() < exact.decode(data, f).width(), "subsampled " + f);
            float[] a = write(exact, data, f);
            float[] b = write(fast, data, f);
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += Math.abs(a[i] - b[i]);
            }
            double mean = sum / a.length;
            // measured: dog.jpg 0.0065 (JPEG scaled by 1/4 in the DCT domain: box averages), astronaut.png 0.041 (PNG,
            // k = 4 point sampling, which aliases) on the [0, 1] scale
            System.out.println("fastDecode " + f + " mean abs difference " + mean);
            assertTrue(mean < 0.06, f + " mean abs difference " + mean);
            assertTrue(mean > 0, f + " fast decode should not be identical");
        }
    }

    private static float[] write(Preprocessor p, byte[] data, String name) throws Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect((int) p.bytesPerImage()).order(ByteOrder.nativeOrder());
        p.write(data, name, buf, 0);
        float[] out = new float[(int) p.elementsPerImage()];
        buf.asFloatBuffer().get(out);
        return out;
    }
}
