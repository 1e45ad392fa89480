package io.trt4j.image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Synthetic images and encoders shared by tests. */
final class TestImages {
    private TestImages() {
    }

    /** A seeded random HWC RGB image. */
    static RgbImage random(int w, int h, long seed) {
        byte[] p = new byte[w * h * 3];
        new Random(seed).nextBytes(p);
        return RgbImage.wrap(w, h, p);
    }

    /** A smooth-ish image (gradients plus noise), more like a photo than white noise. */
    static RgbImage smooth(int w, int h, long seed) {
        Random rnd = new Random(seed);
        byte[] p = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                p[i] = (byte) Math.min(255, (x * 255 / Math.max(1, w - 1) + rnd.nextInt(16)));
                p[i + 1] = (byte) Math.min(255, (y * 255 / Math.max(1, h - 1) + rnd.nextInt(16)));
                p[i + 2] = (byte) ((x * y + rnd.nextInt(32)) & 0xFF);
            }
        }
        return RgbImage.wrap(w, h, p);
    }

    /** The image as a TYPE_INT_RGB BufferedImage. */
    static BufferedImage toBuffered(RgbImage img) {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                b.setRGB(x, y, (img.get(x, y, 0) << 16) | (img.get(x, y, 1) << 8) | img.get(x, y, 2));
            }
        }
        return b;
    }

    /** Encodes with javax.imageio ("png", "bmp", "jpeg", "gif"). */
    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
