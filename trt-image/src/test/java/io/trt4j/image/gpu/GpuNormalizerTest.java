package io.trt4j.image.gpu;

import io.trt4j.core.DataType;
import io.trt4j.core.TensorRt;
import io.trt4j.core.cuda.CudaStream;
import io.trt4j.core.cuda.DeviceBuffer;
import io.trt4j.core.cuda.PinnedBuffer;
import io.trt4j.image.ColorOrder;
import io.trt4j.image.Fixtures;
import io.trt4j.image.ImageDecoder;
import io.trt4j.image.Normalization;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.RgbImage;
import io.trt4j.image.TensorLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The NVRTC kernel against the CPU path, bit for bit: UINT8 NHWC from the CPU preprocessor, normalized on the GPU,
 * must equal the CPU preprocessor's own FLOAT/HALF output with the same settings. Skips (with the reason) where no
 * CUDA device or CUDA/NVRTC library is usable.
 */
@Tag("gpu")
class GpuNormalizerTest {
    private static final int SIZE = 61;
    private static final String[] FILES = {"dog.jpg", "chelsea.png", "baboon.jpg"};

    @BeforeAll
    static void requireGpu() {
        System.out.println("GpuNormalizerTest: " + TensorRt.diagnosis() + " / " + GpuNormalizer.diagnosis());
        assumeTrue(TensorRt.isAvailable(), TensorRt.diagnosis());
        assumeTrue(GpuNormalizer.isAvailable(), GpuNormalizer.diagnosis());
    }

    static Stream<Arguments> settings() {
        List<Arguments> out = new ArrayList<>();
        Normalization[] norms = {Normalization.INCEPTION, Normalization.IMAGENET, Normalization.CAFFE_BGR,
            Normalization.ZERO_ONE};
        for (Normalization n : norms) {
            for (ColorOrder o : ColorOrder.values()) {
                if (o == ColorOrder.GRAY && (n == Normalization.IMAGENET || n == Normalization.CAFFE_BGR)) {
                    continue;
                }
                for (TensorLayout l : new TensorLayout[] {TensorLayout.NCHW, TensorLayout.NHWC}) {
                    for (DataType t : new DataType[] {DataType.FLOAT, DataType.HALF}) {
                        out.add(Arguments.of(n, o, l, t));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("settings")
    void bitIdenticalToCpu(Normalization norm, ColorOrder order, TensorLayout layout, DataType type) throws Exception {
        int batch = FILES.length;
        Preprocessor u8 = Preprocessor.builder(SIZE, SIZE).dataType(DataType.UINT8).layout(TensorLayout.NHWC)
                .normalization(Normalization.NONE).build();
        Preprocessor cpu = Preprocessor.builder(SIZE, SIZE).dataType(type).layout(layout).colorOrder(order)
                .normalization(norm).build();
        try (PinnedBuffer pinned = PinnedBuffer.allocate(u8.bytesPerImage() * batch);
             CudaStream stream = CudaStream.create();
             GpuNormalizer gpu = GpuNormalizer.create(SIZE, SIZE, batch, order, norm, layout, type);
             DeviceBuffer out = DeviceBuffer.allocate(gpu.outputBytes(batch))) {
            ByteBuffer host = pinned.asByteBuffer();
            ByteBuffer expected = ByteBuffer.allocateDirect((int) cpu.bytesPerImage() * batch)
                    .order(ByteOrder.nativeOrder());
            for (int i = 0; i < batch; i++) {
                RgbImage img = ImageDecoder.defaults().decode(Fixtures.image(FILES[i]));
                u8.write(img, host, i); // the batch goes straight into pinned memory
                cpu.write(img, expected, i);
            }
            out.fillAsync(0xFF, stream); // NaN-ish garbage, so a kernel that writes nothing cannot pass
            gpu.enqueue(pinned, batch, out, stream);
            stream.synchronize();
            assertDeviceHolds(expected, out, gpu.outputBytes(batch));
        }
    }

    @Test
    void enqueueFromAnotherThreadThanCreate() throws Exception {
        Preprocessor u8 = Preprocessor.builder(SIZE, SIZE).dataType(DataType.UINT8).layout(TensorLayout.NHWC)
                .normalization(Normalization.NONE).build();
        Preprocessor cpu = Preprocessor.builder(SIZE, SIZE).normalization(Normalization.IMAGENET).build();
        RgbImage img = ImageDecoder.defaults().decode(Fixtures.image("astronaut.png"));
        try (GpuNormalizer gpu = GpuNormalizer.create(SIZE, SIZE, 1, ColorOrder.RGB, Normalization.IMAGENET,
                TensorLayout.NCHW, DataType.FLOAT);
             PinnedBuffer pinned = PinnedBuffer.allocate(u8.bytesPerImage());
             DeviceBuffer out = DeviceBuffer.allocate(gpu.outputBytes(1))) {
            u8.write(img, pinned.asByteBuffer(), 0);
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread t = new Thread(() -> {
                try (CudaStream stream = CudaStream.create()) {
                    gpu.enqueue(pinned, 1, out, stream);
                    stream.synchronize();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            t.join();
            if (failure.get() != null) {
                throw new AssertionError("enqueue on a fresh thread failed", failure.get());
            }
            ByteBuffer expected = ByteBuffer.allocateDirect((int) cpu.bytesPerImage()).order(ByteOrder.nativeOrder());
            cpu.write(img, expected, 0);
            assertDeviceHolds(expected, out, gpu.outputBytes(1));
        }
    }

    @Test
    void rawHandlesOnTheLegacyDefaultStream() throws Exception {
        Preprocessor u8 = Preprocessor.builder(SIZE, SIZE).dataType(DataType.UINT8).layout(TensorLayout.NHWC)
                .normalization(Normalization.NONE).build();
        Preprocessor cpu = Preprocessor.builder(SIZE, SIZE).dataType(DataType.HALF).layout(TensorLayout.NHWC)
                .colorOrder(ColorOrder.BGR).normalization(Normalization.CAFFE_BGR).build();
        RgbImage img = ImageDecoder.defaults().decode(Fixtures.image("coffee.png"));
        try (GpuNormalizer gpu = GpuNormalizer.create(SIZE, SIZE, 2, ColorOrder.BGR, Normalization.CAFFE_BGR,
                TensorLayout.NHWC, DataType.HALF);
             PinnedBuffer pinned = PinnedBuffer.allocate(u8.bytesPerImage() * 2);
             DeviceBuffer out = DeviceBuffer.allocate(gpu.outputBytes(2))) {
            System.out.println("GpuNormalizerTest: kernel " + gpu.target());
            ByteBuffer garbage = ByteBuffer.allocateDirect((int) gpu.outputBytes(2));
            while (garbage.hasRemaining()) {
                garbage.put((byte) 0xFF);
            }
            out.copyFrom(garbage.flip());
            ByteBuffer host = pinned.asByteBuffer();
            u8.write(img, host, 1); // the image in slot 1; the raw call reads from the buffer's position
            host.position((int) u8.bytesPerImage());
            gpu.enqueue(host, 1, out.address(), 0); // stream 0: the legacy default stream
            ByteBuffer expected = ByteBuffer.allocateDirect((int) cpu.bytesPerImage()).order(ByteOrder.nativeOrder());
            cpu.write(img, expected, 0);
            // synchronous cudaMemcpy inside: ordered after the legacy default stream
            assertDeviceHolds(expected, out, gpu.outputBytes(1));
        }
    }

    @Test
    void rejectsBadArgumentsAndUseAfterClose() {
        GpuNormalizer gpu = GpuNormalizer.create(8, 8, 2, ColorOrder.RGB, Normalization.ZERO_ONE, TensorLayout.NCHW,
                DataType.FLOAT);
        ByteBuffer host = ByteBuffer.allocateDirect((int) gpu.inputBytes(2));
        try (DeviceBuffer small = DeviceBuffer.allocate(gpu.outputBytes(2) - 1);
             PinnedBuffer pinned = PinnedBuffer.allocate(gpu.inputBytes(2));
             CudaStream stream = CudaStream.create()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gpu.enqueue(pinned, 2, small, stream));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(String.valueOf(gpu.outputBytes(2))),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> gpu.enqueue(host, 3, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> gpu.enqueue(ByteBuffer.allocate(1000), 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> gpu.enqueue(ByteBuffer.allocateDirect(10), 1, 1, 0));
        gpu.close();
        gpu.close();
        assertThrows(IllegalStateException.class, () -> gpu.enqueue(host, 1, 1, 0));
    }

    /** The first {@code bytes} bytes of {@code device} (synchronous copy) equal {@code expected}'s, bit for bit. */
    private static void assertDeviceHolds(ByteBuffer expected, DeviceBuffer device, long bytes) {
        ByteBuffer actual = ByteBuffer.allocateDirect((int) bytes);
        device.copyTo(actual);
        byte[] e = new byte[expected.capacity()];
        byte[] a = new byte[actual.capacity()];
        expected.duplicate().clear().get(e);
        actual.get(a);
        assertArrayEquals(e, a);
    }
}
