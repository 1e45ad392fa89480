package io.trt4j.core.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.GpuAssume;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("gpu")
class CudaGpuTest {
    @BeforeAll
    static void gpu() {
        GpuAssume.gpu();
    }

    @Test
    void deviceProperties() {
        assertTrue(CudaDevice.count() >= 1);
        CudaDevice d = CudaDevice.current();
        System.out.println(d);
        assertFalse(d.name().isBlank());
        assertTrue(d.computeCapabilityMajor() >= 7, d.toString());
        assertTrue(d.totalMemory() > 0);
        long free = d.freeMemory();
        assertTrue(free > 0 && free <= d.totalMemory());
        d.synchronize();
        assertEquals(d.id(), CudaDevice.of(d.id()).id());
        assertThrows(IllegalArgumentException.class, () -> CudaDevice.of(CudaDevice.count()));
    }

    @Test
    void copiesRoundTripAndAreCounted() {
        MemoryStats before = MemoryStats.current();
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        try (CudaStream stream = CudaStream.create();
                DeviceBuffer a = DeviceBuffer.allocate(1000);
                DeviceBuffer b = DeviceBuffer.allocate(1000);
                PinnedBuffer p = PinnedBuffer.allocate(1000)) {
            MemoryStats during = MemoryStats.current();
            assertEquals(before.deviceBytes() + 2000, during.deviceBytes());
            assertEquals(before.deviceBuffers() + 2, during.deviceBuffers());
            assertEquals(before.pinnedBytes() + 1000, during.pinnedBytes());
            assertEquals(before.pinnedBuffers() + 1, during.pinnedBuffers());
            assertTrue(stream.handle() != 0);
            a.copyFrom(ByteBuffer.wrap(data));
            b.copyFromAsync(a, 0, 0, 1000, stream);
            b.copyToAsync(p, 0, 0, 1000, stream);
            stream.synchronize();
            byte[] got = new byte[1000];
            p.asByteBuffer().get(got);
            assertArrayEquals(data, got);
            assertEquals(ByteOrder.nativeOrder(), p.asByteBuffer().order());
            assertEquals(250, p.asFloatBuffer().capacity());

            ByteBuffer direct = ByteBuffer.allocateDirect(600);
            direct.position(100);
            a.copyToAsync(direct, 10, stream);
            stream.synchronize();
            assertEquals(data[10], direct.get(100));
            assertEquals(data[509], direct.get(599));
            assertEquals(100, direct.position());

            b.fillAsync(0x5a, stream);
            b.copyToAsync(p, 0, 0, 1000, stream);
            stream.synchronize();
            assertEquals(0x5a, p.asByteBuffer().get(999));
            b.zero();
            ByteBuffer heap = ByteBuffer.allocate(1000);
            b.copyTo(heap);
            assertEquals(0, heap.get(500));

            assertThrows(IndexOutOfBoundsException.class, () -> a.copyToAsync(p, 1, 0, 1000, stream));
            assertThrows(IndexOutOfBoundsException.class, () -> a.copyFrom(ByteBuffer.allocate(1001)));
        }
        assertEquals(before, MemoryStats.current());
    }

    @Test
    void cudaErrorsAreTyped() {
        MemoryStats before = MemoryStats.current();
        CudaException e = assertThrows(CudaException.class, () -> DeviceBuffer.allocate(1L << 52));
        assertTrue(e.code() != 0);
        assertTrue(e.operation().startsWith("cudaMalloc"), e.operation());
        assertTrue(e.getMessage().contains("cudaError"), e.getMessage());
        assertEquals(before, MemoryStats.current());
        assertThrows(IllegalArgumentException.class, () -> DeviceBuffer.allocate(0));
    }

    @Test
    void closedObjectsRefuseUse() {
        DeviceBuffer b = DeviceBuffer.allocate(64);
        b.close();
        b.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, b::address);
        assertTrue(e.getMessage().matches("DeviceBuffer #\\d+ \\(64 bytes\\) has been closed"), e.getMessage());
        CudaStream s = CudaStream.create();
        s.close();
        assertThrows(IllegalStateException.class, s::synchronize);
        PinnedBuffer p = PinnedBuffer.allocate(8);
        p.close();
        assertThrows(IllegalStateException.class, p::asByteBuffer);
    }

    @Test
    void eventsTimeWork() {
        try (CudaStream stream = CudaStream.create(); CudaEvent start = CudaEvent.create();
                CudaEvent end = CudaEvent.create(); DeviceBuffer big = DeviceBuffer.allocate(64L << 20)) {
            start.record(stream);
            for (int i = 0; i < 10; i++) {
                big.fillAsync(i, stream);
            }
            end.record(stream);
            end.synchronize();
            float ms = end.elapsedMillis(start);
            assertTrue(ms > 0, "elapsed " + ms);
        }
    }

    @Test
    void unclosedBuffersAreFreedByTheCleaner() throws Exception {
        MemoryStats before = MemoryStats.current();
        allocateAndDrop();
        assertTrue(MemoryStats.current().deviceBuffers() > before.deviceBuffers());
        for (int i = 0; i < 100 && !MemoryStats.current().equals(before); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(before, MemoryStats.current(), "the cleaner freed the dropped buffers (see the WARN log)");
    }

    private static void allocateAndDrop() {
        DeviceBuffer.allocate(4096);
        PinnedBuffer.allocate(4096);
    }
}
