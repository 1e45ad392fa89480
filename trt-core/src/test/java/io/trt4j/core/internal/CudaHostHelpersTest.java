package io.trt4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The host-side address helpers used for copies and pinned views (pure JavaCPP, no CUDA needed). */
class CudaHostHelpersTest {
    @Test
    void addressOfAndByteBufferViewAliasTheSameMemory() {
        ByteBuffer direct = ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder());
        direct.position(8);
        long base = Cuda.addressOf(direct);
        ByteBuffer view = Cuda.byteBuffer(base + 16, 32);
        assertEquals(32, view.capacity());
        assertEquals(ByteOrder.nativeOrder(), view.order());
        view.putFloat(4, 2.5f);
        assertEquals(2.5f, direct.getFloat(20));
        assertEquals(8, direct.position());

        ByteBuffer slice = direct.duplicate().position(40).slice();
        assertEquals(base + 40, Cuda.addressOf(slice));
        assertThrows(IllegalArgumentException.class, () -> Cuda.addressOf(ByteBuffer.allocate(4)));
    }
}
