package io.trt4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeAndMetadataTest {
    @Test
    void shapeBasics() {
        Shape s = Shape.of(-1, 3, 224, 224);
        assertTrue(s.isDynamic());
        assertEquals(4, s.rank());
        assertThrows(IllegalStateException.class, s::elementCount);
        Shape c = s.withDim(0, 2);
        assertEquals(2L * 3 * 224 * 224, c.elementCount());
        assertTrue(c.matches(s));
        assertFalse(Shape.of(2, 3).matches(s));
        assertEquals(1, Shape.scalar().elementCount());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(-2));
        assertEquals("[-1, 3, 224, 224]", s.toString());
        assertEquals(Shape.of(1, 2), Shape.of(new long[] {1, 2}));
    }

    @Test
    void dataTypeSizes() {
        assertEquals(4, DataType.FLOAT.byteSize());
        assertEquals(2, DataType.HALF.byteSize());
        assertEquals(2, DataType.BF16.byteSize());
        assertEquals(8, DataType.INT64.byteSize());
        assertEquals(1, DataType.BOOL.byteSize());
        assertTrue(DataType.FP8.isFloatingPoint());
        assertFalse(DataType.INT8.isFloatingPoint());
    }

    @Test
    void profileShapesContain() {
        ProfileShapes p = new ProfileShapes(Shape.of(1, 3), Shape.of(4, 3), Shape.of(16, 3));
        assertTrue(p.contains(Shape.of(1, 3)));
        assertTrue(p.contains(Shape.of(16, 3)));
        assertFalse(p.contains(Shape.of(17, 3)));
        assertFalse(p.contains(Shape.of(0, 3)));
        assertFalse(p.contains(Shape.of(4)));
    }

    @Test
    void exceptionsCarryDetails() {
        EngineLoadException e = new EngineLoadException("bad plan", List.of("ERROR: magic mismatch"));
        assertTrue(e.getMessage().contains("magic mismatch"));
        assertEquals(List.of("ERROR: magic mismatch"), e.tensorRtMessages());
        assertTrue(e instanceof TrtException);
        io.trt4j.core.cuda.CudaException c = new io.trt4j.core.cuda.CudaException(2, "cudaMalloc(8 bytes)",
                "cudaErrorMemoryAllocation: out of memory");
        assertEquals(2, c.code());
        assertEquals("cudaMalloc(8 bytes)", c.operation());
        assertTrue(c.getMessage().contains("out of memory"));
        assertTrue(new GpuUnavailableException("no driver") instanceof TrtException);
        TensorInfo t = new TensorInfo("x", TensorIoMode.INPUT, DataType.FLOAT, Shape.of(-1, 3), "linear");
        assertTrue(t.isInput());
    }
}
