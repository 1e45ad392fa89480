package io.trt4j.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subsampled decoding: exact pixels at the kept positions, and a bounded difference after the full pipeline. */
class FastDecodeTest {
    /**
     * Bound on the mean absolute difference between the fast and the exact Inception tensors, on the [0, 1] scale.
     * Measured (dog, eagle, fruits, baboon): 0.0140, 0.0081, 0.0082, 0.0189 (2 to 5 levels of 255; largest for
     * baboon's fur). For scale: the exact path's plain bilinear and antialiased bilinear resizes differ from each
     * other by 0.0099, 0.0083, 0.0034, 0.0149 on the same photos, so the fast decode changes the tensor about as much
     * as a different resize filter does (a DCT-domain M/8 decode is a low-pass downscale; plain bilinear from the
     * full-size decode aliases). 0.03 leaves room for 1.6 times the worst measured value.
     */
    private static final double BOUND = 0.03;
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

    @Test
    void jpegScaleIsTheSmallestEighthThatCoversTheShorterSide() {
        // shorter side 576 (dog.jpg): ceil(576 * M / 8) = 72, 144, 216, 288, 360, 432, 504, 576
        int[][] cases = {{1, 1}, {72, 1}, {73, 2}, {224, 4}, {288, 4}, {289, 5}, {299, 5}, {342, 5}, {360, 5},
            {361, 6}, {504, 7}, {505, 8}, {576, 8}, {5000, 8}};
        for (int[] c : cases) {
            assertEquals(c[1], ImageDecoder.jpegScaleNum(576, c[0]), "576 at least " + c[0]);
        }
        assertEquals(6, ImageDecoder.jpegScaleNum(512, 342)); // 5/8 gives 320
        assertEquals(1, ImageDecoder.jpegScaleNum(7, 1));
        assertEquals(1, ImageDecoder.jpegScaleNum(1, 1)); // a 1x1 image is 1x1 at every scale
    }

    private static final ImageDecoder IMAGE_IO = ImageDecoder.builder().javaJpeg(false).build();

    /** decodeAtLeast on baseline JPEGs: the chosen M/8, and exactly libjpeg-turbo's pixels at that scale. */
    @Test
    void decodeAtLeastScalesBaselineJpegsAsDjpeg(@TempDir Path tmp) throws Exception {
        ImageDecoder decoder = ImageDecoder.defaults();
        Object[][] cases = {
            {"dog.jpg", 299, 299, 5, 480, 360},
            {"dog.jpg", 100, 299, 5, 480, 360}, // orientation-free: the shorter side covers the larger minimum
            {"dog.jpg", 224, 224, 4, 384, 288},
            {"dog.jpg", 342, 342, 5, 480, 360}, // Inception v3's 299 / 0.875 centre crop
            {"dog.jpg", 361, 361, 6, 576, 432},
            {"dog.jpg", 72, 72, 1, 96, 72},
            {"dog.jpg", 505, 505, 8, 768, 576},
            {"eagle.jpg", 299, 299, 5, 484, 320},
            {"eagle.jpg", 342, 342, 6, 580, 384},
            {"fruits.jpg", 299, 299, 5, 320, 300},
            {"fruits.jpg", 256, 256, 5, 320, 300}, // ImageNet's shorter side 256
            {"baboon.jpg", 224, 224, 4, 256, 256},
        };
        for (Object[] c : cases) {
            String name = (String) c[0];
            byte[] data = Files.readAllBytes(Fixtures.image(name));
            RgbImage img = decoder.decodeAtLeast(data, name, (int) c[1], (int) c[2]);
            String what = name + " at least " + c[1] + "x" + c[2];
            assertEquals((int) c[4], img.width(), what);
            assertEquals((int) c[5], img.height(), what);
            // scaled: libjpeg-turbo's bytes; full size: the JDK's (libjpeg-turbo here, but maybe IJG 6b elsewhere)
            RgbImage expected = (int) c[3] < 8 ? Djpeg.decode(data, (int) c[3], tmp.resolve("in.jpg"))
                    : IMAGE_IO.decode(data, name);
            assertArrayEquals(expected.pixels(), img.pixels(), what + " vs djpeg -scale " + c[3] + "/8");
        }
    }

    /** JPEGs the Java decoder leaves to javax.imageio keep the k-th pixel subsampling. */
    @Test
    void progressiveJpegsKeepPixelSubsampling() throws Exception {
        RgbImage dog = ImageDecoder.defaults().decode(Fixtures.image("dog.jpg"));
        java.awt.image.BufferedImage img = TestImages.toBuffered(dog);
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(bytes)) {
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] progressive = bytes.toByteArray();
        RgbImage exact = ImageDecoder.defaults().decode(progressive, "p.jpg");
        RgbImage sub = ImageDecoder.defaults().decodeAtLeast(progressive, "p.jpg", 100, 100); // k = 576 / 100 = 5
        assertEquals(154, sub.width());
        assertEquals(116, sub.height());
        assertEquals(exact.get(5 * 17, 5 * 23, 1), sub.get(17, 23, 1));
        // less than twice the target: exact decode, where a baseline JPEG would be decoded at 5/8
        assertArrayEquals(exact.pixels(), ImageDecoder.defaults().decodeAtLeast(progressive, "p.jpg", 299, 299)
                .pixels());
    }

    /**
     * The typical case the M/8 scales are for: real photos of 512..773 pixels to a 299 x 299 Inception v3 input
     * (centre crop 0.875, bilinear), decoded at 5/8 or 6/8 instead of full size.
     */
    @Test
    void inceptionFastDecodeStaysCloseToExact() throws Exception {
        Preprocessor exact = Preprocessor.inceptionV3().normalization(Normalization.ZERO_ONE).build();
        Preprocessor fast = Preprocessor.inceptionV3().normalization(Normalization.ZERO_ONE).fastDecode(true).build();
        for (String f : new String[] {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"}) {
            byte[] data = Files.readAllBytes(Fixtures.image(f));
            RgbImage decoded = fast.decode(data, f);
            assertTrue(decoded.width() < exact.decode(data, f).width(), "scaled " + f);
            float[] a = write(exact, data, f);
            float[] b = write(fast, data, f);
            double sum = 0;
            double max = 0;
            for (int i = 0; i < a.length; i++) {
                sum += Math.abs(a[i] - b[i]);
                max = Math.max(max, Math.abs(a[i] - b[i]));
            }
            double mean = sum / a.length;
            System.out.printf("inception fastDecode %s (%dx%d) mean abs difference %.5f, max %.4f%n", f,
                    decoded.width(), decoded.height(), mean, max);
            assertTrue(mean < BOUND, f + " mean abs difference " + mean);
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
