package io.trt4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Reused scratch arrays ({@link ResamplerBuffers}, and the JPEG decoder's planes and pixels through
 * {@code ScratchArrays}) change no byte: on one thread, resizes and whole preprocessing runs after larger, noisier
 * images left junk in the kept arrays give exactly what a fresh thread (fresh arrays) gives, for both the strips and
 * the row-by-row pass, every resize method, with and without crop windows.
 */
class ResamplerBuffersTest {
    @Test
    void resizesAfterJunkAreTheSameAsOnFreshArrays() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        int[][] sizes = {{97, 61, 40, 33}, {60, 45, 61, 20}, {130, 90, 64, 64}, {33, 80, 20, 79}};
        for (int[] s : sizes) {
            RgbImage image = TestImages.random(s[0], s[1], random.nextLong());
            for (ResizeMethod method : ResizeMethod.values()) {
                for (boolean strips : stripModes()) {
                    ResampleTable xs = ResampleTable.build(method, 0, s[0], s[2], s[2] / 5, s[2] - s[2] / 5);
                    ResampleTable ys = ResampleTable.build(method, 0, s[1], s[3], 0, s[3]);
                    int[][][] fresh = onFreshThread(() -> RowResampler.resizeAll(image, xs, ys, strips));
                    // junk: larger random images through the same mode, on this thread
                    for (int k = 0; k < 3; k++) {
                        RgbImage junk = TestImages.random(s[0] + 7 * k + 5, s[1] + 3 * k + 2, random.nextLong());
                        RowResampler.resizeAll(junk, ResampleTable.build(method, 0, junk.width(), s[2] + k, 0,
                                s[2] + k), ResampleTable.build(method, 0, junk.height(), s[3] + k, 0, s[3] + k),
                                strips);
                    }
                    int[][][] reused = RowResampler.resizeAll(image, xs, ys, strips);
                    for (int j = 0; j < fresh.length; j++) {
                        for (int c = 0; c < 3; c++) {
                            assertArrayEquals(fresh[j][c], reused[j][c], method + " strips " + strips + " "
                                    + java.util.Arrays.toString(s) + " row " + j + " channel " + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void preprocessingPhotosInTurnIsTheSameAsOnFreshArrays() throws Exception {
        String[] photos = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg", "dog.jpg"};
        for (boolean fast : new boolean[] {false, true}) {
            Preprocessor pre = Preprocessor.builder(299, 299).normalization(Normalization.INCEPTION)
                    .layout(TensorLayout.NCHW).fastDecode(fast).build();
            for (String name : photos) {
                byte[] encoded = Files.readAllBytes(Fixtures.image(name));
                byte[] fresh = onFreshThread(() -> tensor(pre, encoded, name));
                byte[] reused = tensor(pre, encoded, name); // after the previous photos on this thread
                assertArrayEquals(fresh, reused, name + " fastDecode " + fast);
                if (fast) {
                    continue; // baseline JPEGs: planes resized, not the decoded image (PlanarFastDecodeTest)
                }
                // and the same as the public decode (new arrays) followed by the write of that image
                ByteBuffer viaImage = ByteBuffer.allocateDirect((int) pre.bytesPerImage())
                        .order(ByteOrder.nativeOrder());
                pre.write(pre.decode(encoded, name), viaImage, 0);
                byte[] expected = new byte[viaImage.capacity()];
                viaImage.get(expected);
                assertArrayEquals(expected, reused, name + " via decode()");
            }
        }
    }

    /** The strip mode only where the Vector API is usable; the row-by-row pass everywhere. */
    private static boolean[] stripModes() {
        return VectorResampling.ENABLED ? new boolean[] {false, true} : new boolean[] {false};
    }

    private static byte[] tensor(Preprocessor pre, byte[] encoded, String name) throws Exception {
        ByteBuffer out = ByteBuffer.allocateDirect((int) pre.bytesPerImage()).order(ByteOrder.nativeOrder());
        pre.write(encoded, name, out, 0);
        byte[] bytes = new byte[out.capacity()];
        out.get(bytes);
        assertTrue(bytes.length > 0);
        return bytes;
    }

    private static <T> T onFreshThread(java.util.concurrent.Callable<T> work) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<T> result = one.submit(work);
            return result.get();
        } finally {
            one.shutdown();
        }
    }
}
