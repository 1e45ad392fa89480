package io.trt4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.cuda.CudaDevice;
import io.trt4j.core.cuda.CudaEvent;
import io.trt4j.core.cuda.CudaStream;
import io.trt4j.core.cuda.DeviceBuffer;
import io.trt4j.core.cuda.MemoryStats;
import io.trt4j.core.cuda.PinnedBuffer;
import io.trt4j.core.internal.TrtLogging;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Assumptions;

/** What a machine without a usable GPU sees: a diagnosis and typed exceptions, never a linkage error. */
class NoGpuTest {
    @BeforeAll
    static void onlyWithoutGpu() {
        Assumptions.assumeFalse(TensorRt.isAvailable(), "a GPU is available: " + TensorRt.diagnosis());
    }

    @Test
    void diagnosisNamesWhatIsMissingAndWhereItLooked() {
        String d = TensorRt.diagnosis();
        System.out.println("diagnosis: " + d);
        assertFalse(TensorRt.isAvailable());
        assertTrue(d.contains("libcuda.so.1") || d.contains("libnvinfer.so.10") || d.contains("device")
                || d.contains("driver"), d);
        assertTrue(d.contains("looked in") || d.contains("cudaGetDeviceCount"), d);
        assertTrue(d.contains("trt4j.tensorrt.home") || d.contains("cudaGetDeviceCount"), d);
        assertEquals(d, TensorRt.diagnosis(), "loading is attempted once");
        assertEquals("unavailable", TensorRt.version().tensorRt());
    }

    @Test
    void explicitHomeIsListed() {
        String d = TensorRt.diagnosis();
        assertTrue(d.contains("/usr/lib/x86_64-linux-gnu") || d.contains("cudaGetDeviceCount"), d);
    }

    @Test
    void gpuMethodsThrowGpuUnavailable() throws Exception {
        Path garbage = Files.createTempFile("garbage", ".plan");
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        Files.write(garbage, bytes);
        Executable[] calls = {
            CudaStream::create,
            CudaEvent::create,
            () -> DeviceBuffer.allocate(1024),
            () -> PinnedBuffer.allocate(1024),
            CudaDevice::count,
            CudaDevice::current,
            TensorRt::requireAvailable,
            TrtLogging::logger,
            () -> Engine.load(bytes),
            () -> Engine.load(new byte[0]),
            () -> Engine.load(ByteBuffer.wrap(bytes)),
            () -> Engine.load(garbage),
        };
        for (Executable call : calls) {
            GpuUnavailableException e = assertThrows(GpuUnavailableException.class, call);
            assertTrue(e.getMessage().contains(TensorRt.diagnosis()), e.getMessage());
        }
        Files.delete(garbage);
        assertEquals(0, MemoryStats.current().deviceBytes());
        assertEquals(0, MemoryStats.current().pinnedBuffers());
    }
}
