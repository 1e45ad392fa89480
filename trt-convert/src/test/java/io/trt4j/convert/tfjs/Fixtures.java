package io.trt4j.convert.tfjs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Test fixtures fetched by {@code .ci/fetch-fixtures.sh}: found via the {@code trt4j.fixtures} system property, else
 * the {@code TRT4J_FIXTURES} environment variable. Tests needing them are skipped, with the reason, when absent.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Path root() {
        String p = System.getProperty("trt4j.fixtures");
        if (p == null || p.isBlank()) {
            p = System.getenv("TRT4J_FIXTURES");
        }
        assumeTrue(p != null && !p.isBlank(), "no fixtures: set -Dtrt4j.fixtures or TRT4J_FIXTURES "
                + "(run .ci/fetch-fixtures.sh)");
        Path root = Path.of(p);
        assumeTrue(Files.isDirectory(root), "fixtures folder " + root + " is missing: run .ci/fetch-fixtures.sh");
        return root;
    }

    static Path file(String relative) {
        Path f = root().resolve(relative);
        assumeTrue(Files.exists(f), f + " is missing: run .ci/fetch-fixtures.sh");
        return f;
    }

    /**
     * The image at {@code relative}, resized (bilinear, half-pixel centers) to {@code size x size}, as NHWC RGB floats
     * in [0, 1].
     */
    static float[] rgb01(String relative, int size) throws IOException {
        BufferedImage img = ImageIO.read(file(relative).toFile());
        if (img == null) {
            throw new IOException("cannot decode " + relative);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[size * size * 3];
        for (int y = 0; y < size; y++) {
            double sy = Math.min(Math.max((y + 0.5) * h / size - 0.5, 0), h - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < size; x++) {
                double sx = Math.min(Math.max((x + 0.5) * w / size - 0.5, 0), w - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    double top = ch(argb[y0 * w + x0], shift) * (1 - fx) + ch(argb[y0 * w + x1], shift) * fx;
                    double bot = ch(argb[y1 * w + x0], shift) * (1 - fx) + ch(argb[y1 * w + x1], shift) * fx;
                    out[(y * size + x) * 3 + c] = (float) ((top * (1 - fy) + bot * fy) / 255.0);
                }
            }
        }
        return out;
    }

    private static int ch(int argb, int shift) {
        return (argb >>> shift) & 0xff;
    }
}
