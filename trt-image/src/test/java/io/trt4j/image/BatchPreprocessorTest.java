package io.trt4j.image;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parallel batch fills equal sequential per-image writes; failures are typed and never leave tasks running. */
class BatchPreprocessorTest {
    private static final String[] FILES = {"dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg", "coffee.png",
        "chelsea.png", "astronaut.png"};

    private static List<Path> files() {
        List<Path> out = new ArrayList<>();
        for (String f : FILES) {
            out.add(Fixtures.image(f));
        }
        return out;
    }

    @Test
    void parallelFillEqualsSequentialWrites() throws Exception {
        Preprocessor p = Preprocessor.inceptionV3().build();
        List<Path> files = files();
        ByteBuffer expected = ByteBuffer.allocateDirect((int) p.bytesPerImage() * files.size())
                .order(ByteOrder.nativeOrder());
        for (int i = 0; i < files.size(); i++) {
            p.write(files.get(i), expected, i);
        }
        ByteBuffer actual = ByteBuffer.allocateDirect(expected.capacity()).order(ByteOrder.nativeOrder());
        try (BatchPreprocessor batch = BatchPreprocessor.create(p, 3)) {
            batch.fillFiles(files, actual);
        }
        assertEquals(expected, actual);
        // the same from bytes on a caller's executor, which close() leaves running
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<byte[]> encoded = new ArrayList<>();
            for (Path f : files) {
                encoded.add(Files.readAllBytes(f));
            }
            ByteBuffer fromBytes = ByteBuffer.allocateDirect(expected.capacity()).order(ByteOrder.nativeOrder());
            try (BatchPreprocessor batch = BatchPreprocessor.using(p, pool)) {
                batch.fillEncoded(encoded, fromBytes);
            }
            assertFalse(pool.isShutdown());
            assertEquals(expected, fromBytes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failingImageNamesItselfAndOthersAreWritten() throws Exception {
        Preprocessor p = Preprocessor.builder(32, 32).build();
        List<byte[]> encoded = new ArrayList<>();
        encoded.add(Files.readAllBytes(Fixtures.image("fruits.jpg")));
        encoded.add(new byte[] {1, 2, 3, 4});
        encoded.add(Files.readAllBytes(Fixtures.image("coffee.png")));
        ByteBuffer buf = ByteBuffer.allocateDirect((int) p.bytesPerImage() * 3).order(ByteOrder.nativeOrder());
        try (BatchPreprocessor batch = BatchPreprocessor.create(p, 2)) {
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> batch.fillEncoded(encoded, buf));
            assertTrue(e.getMessage().contains("batch[1]"), e.getMessage());
        }
        ByteBuffer third = ByteBuffer.allocateDirect((int) p.bytesPerImage()).order(ByteOrder.nativeOrder());
        p.write(encoded.get(2), "coffee", third, 0);
        assertEquals(third, buf.slice(2 * (int) p.bytesPerImage(), (int) p.bytesPerImage()).order(ByteOrder.nativeOrder()));
    }

    @Test
    void batchTooLargeForBufferIsRejectedBeforeDecoding() {
        Preprocessor p = Preprocessor.builder(16, 16).build();
        ByteBuffer buf = ByteBuffer.allocateDirect((int) p.bytesPerImage() * 2);
        List<Path> three = List.of(Path.of("/nonexistent/a.jpg"), Path.of("/nonexistent/b.jpg"),
                Path.of("/nonexistent/c.jpg"));
        try (BatchPreprocessor batch = BatchPreprocessor.create(p, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.fillFiles(three, buf));
            assertTrue(e.getMessage().contains(String.valueOf(3 * p.bytesPerImage())), e.getMessage());
        }
    }

    @Test
    void decodedImagesFill() {
        Preprocessor p = Preprocessor.builder(8, 6).build();
        List<RgbImage> images = List.of(TestImages.random(20, 10, 1), TestImages.random(9, 9, 2));
        ByteBuffer expected = ByteBuffer.allocateDirect((int) p.bytesPerImage() * 2);
        p.write(images.get(0), expected, 0);
        p.write(images.get(1), expected, 1);
        ByteBuffer actual = ByteBuffer.allocateDirect(expected.capacity());
        try (BatchPreprocessor batch = BatchPreprocessor.create(p)) {
            batch.fillImages(images, actual);
        }
        assertEquals(expected, actual);
    }

    private static void assertEquals(ByteBuffer expected, ByteBuffer actual) {
        byte[] a = new byte[expected.remaining()];
        byte[] b = new byte[actual.remaining()];
        expected.duplicate().get(a);
        actual.duplicate().get(b);
        assertArrayEquals(a, b);
    }
}
