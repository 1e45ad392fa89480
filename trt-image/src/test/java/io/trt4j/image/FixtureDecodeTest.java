package io.trt4j.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real photos decode to the sizes and per-channel pixel sums that an independent decoder gives. Expected values were
 * computed with Python 3 / Pillow 13.0.0 (libjpeg-turbo, libpng) and NumPy:
 * {@code a = np.asarray(Image.open(f).convert("RGB")).astype(np.int64); a[..., c].sum()}.
 */
class FixtureDecodeTest {
    @ParameterizedTest
    @CsvSource({
        // file,          width, height, sum R,    sum G,    sum B
        "coffee.png,      600, 400, 38056581, 20590566, 12356340",
        "chelsea.png,     451, 300, 19980169, 15078438, 11743750",
        "astronaut.png,   512, 512, 37109758, 27724204, 25290362",
        "dog.jpg,         768, 576, 59475068, 60014148, 50465203",
        "eagle.jpg,       773, 512, 33731186, 32450350, 28001386",
        "fruits.jpg,      512, 480, 27233602, 21041086, 11361515",
        "baboon.jpg,      512, 512, 35931555, 33855858, 29586100",
    })
    void decodesToIndependentSums(String file, int width, int height, long r, long g, long b) throws Exception {
        Path path = Fixtures.image(file);
        RgbImage img = ImageDecoder.defaults().decode(path);
        assertEquals(width, img.width(), "width");
        assertEquals(height, img.height(), "height");
        long[] sums = channelSums(img);
        assertArrayEquals(new long[] {r, g, b}, sums, file + " channel sums");
    }

    @ParameterizedTest
    @CsvSource({"coffee.png", "dog.jpg", "baboon.jpg"})
    void pathBytesAndStreamAgree(String file) throws Exception {
        Path path = Fixtures.image(file);
        ImageDecoder d = ImageDecoder.defaults();
        byte[] fromPath = d.decode(path).pixels();
        assertArrayEquals(fromPath, d.decode(Files.readAllBytes(path), file).pixels());
        try (InputStream in = Files.newInputStream(path)) {
            assertArrayEquals(fromPath, d.decode(in, file).pixels());
        }
    }

    static long[] channelSums(RgbImage img) {
        long[] s = new long[3];
        byte[] p = img.pixels();
        for (int i = 0; i < p.length; i++) {
            s[i % 3] += p[i] & 0xFF;
        }
        return s;
    }
}
