package io.trt4j.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * libjpeg-turbo's own command-line decoder as the reference for the Java JPEG decoder: {@code <fixtures>/bin/djpeg}
 * from Debian's {@code libjpeg-turbo-progs}, fetched by {@code .ci/fetch-fixtures.sh}; it links the system
 * {@code libjpeg.so.62} (libjpeg-turbo 2.1.5 on the build machines). It runs with its defaults (ISLOW IDCT, fancy
 * upsampling) plus {@code -scale M/8 -pnm}. A missing or broken djpeg fails the test, like any missing fixture.
 */
public final class Djpeg {
    private Djpeg() {
    }

    /** The djpeg executable, which must exist and run. */
    public static Path executable() {
        Path djpeg = Fixtures.root().resolve("bin").resolve("djpeg");
        if (!Files.isExecutable(djpeg)) {
            fail("missing fixture " + djpeg + " (libjpeg-turbo's djpeg; run .ci/fetch-fixtures.sh)");
        }
        return djpeg;
    }

    /**
     * Decodes {@code jpeg} with {@code djpeg -scale M/8}: HWC RGB uint8, gray output (PGM) expanded to R = G = B.
     *
     * @param scratch a file djpeg may read the JPEG from (overwritten)
     */
    public static RgbImage decode(byte[] jpeg, int scaleNum, Path scratch) throws IOException, InterruptedException {
        Files.write(scratch, jpeg);
        return decode(scratch, scaleNum);
    }

    /** Decodes the JPEG file {@code file} with {@code djpeg -scale M/8}; see {@link #decode(byte[], int, Path)}. */
    public static RgbImage decode(Path file, int scaleNum) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable().toString(), "-scale", scaleNum + "/8", "-pnm", file.toString())
                .redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] pnm = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("djpeg timed out on " + file);
        }
        if (p.exitValue() != 0 || !err.isEmpty()) {
            fail("djpeg -scale " + scaleNum + "/8 " + file + " exited " + p.exitValue() + ": " + err.strip());
        }
        return parsePnm(pnm);
    }

    /** A binary PPM (P6) or PGM (P5) with maxval 255 as HWC RGB uint8. */
    static RgbImage parsePnm(byte[] pnm) {
        int[] pos = {2};
        String magic = new String(pnm, 0, 2, StandardCharsets.US_ASCII);
        int w = token(pnm, pos);
        int h = token(pnm, pos);
        int max = token(pnm, pos);
        pos[0]++; // the single whitespace after maxval
        if (!(magic.equals("P6") || magic.equals("P5")) || max != 255) {
            fail("unexpected djpeg output header " + magic + " " + w + " " + h + " " + max);
        }
        int channels = magic.equals("P6") ? 3 : 1;
        if (pnm.length - pos[0] != w * h * channels) {
            fail("djpeg output holds " + (pnm.length - pos[0]) + " sample bytes, expected " + w * h * channels);
        }
        byte[] rgb = new byte[w * h * 3];
        if (channels == 3) {
            System.arraycopy(pnm, pos[0], rgb, 0, rgb.length);
        } else {
            for (int i = 0; i < w * h; i++) {
                byte v = pnm[pos[0] + i];
                rgb[3 * i] = v;
                rgb[3 * i + 1] = v;
                rgb[3 * i + 2] = v;
            }
        }
        return RgbImage.wrap(w, h, rgb);
    }

    private static int token(byte[] b, int[] pos) {
        while (Character.isWhitespace(b[pos[0]])) {
            pos[0]++;
        }
        int v = 0;
        while (!Character.isWhitespace(b[pos[0]])) {
            v = v * 10 + (b[pos[0]++] - '0');
        }
        return v;
    }
}
