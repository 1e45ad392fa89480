package io.trt4j.image.gpu.internal;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs everywhere (no native code is loaded): raw handle values survive the trip into JavaCPP objects. An earlier
 * version built them with an anonymous {@code Pointer} subclass whose inherited {@code address} field shadowed the
 * parameter, so every module, function and stream handle reached CUDA as NULL (error 400 on the GPU).
 */
class HandlesTest {
    private static final long[] VALUES = {0L, 1L, 0x1234L, 0x7f3a_5c00_1000L, 0xffff_8000_0000_0040L, -1L};

    @Test
    void streamKeepsTheHandleValue() {
        for (long v : VALUES) {
            CUstream_st s = Handles.stream(v);
            assertEquals(v, s.address(), Handles.hex(v));
            assertEquals(0, s.position(), "a non-zero position would be added to the handle by JavaCPP");
        }
    }

    @Test
    void pointerKeepsTheAddress() {
        for (long v : VALUES) {
            assertEquals(v, Handles.pointer(v).address(), Handles.hex(v));
            assertEquals(0, Handles.pointer(v).position());
        }
    }

    @Test
    void hexIsUnsigned() {
        assertEquals("0x0", Handles.hex(0));
        assertEquals("0xffffffffffffffff", Handles.hex(-1));
    }
}
