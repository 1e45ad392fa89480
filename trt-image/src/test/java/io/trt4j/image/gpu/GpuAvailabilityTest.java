package io.trt4j.image.gpu;

import io.trt4j.core.DataType;
import io.trt4j.core.GpuUnavailableException;
import io.trt4j.image.ColorOrder;
import io.trt4j.image.Normalization;
import io.trt4j.image.TensorLayout;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs everywhere: the availability probe never throws (not even linkage errors) and arguments are checked first. */
class GpuAvailabilityTest {
    @Test
    void probeNeverThrowsAndDiagnosisIsConsistent() {
        boolean available = GpuNormalizer.isAvailable();
        String diagnosis = GpuNormalizer.diagnosis();
        assertFalse(diagnosis.isBlank());
        assertEquals(available, diagnosis.equals("GPU preprocessing available"), diagnosis);
        if (!available) {
            GpuUnavailableException e = assertThrows(GpuUnavailableException.class, () -> GpuNormalizer.create(
                    4, 4, 1, ColorOrder.RGB, Normalization.ZERO_ONE, TensorLayout.NCHW, DataType.FLOAT));
            assertTrue(e.getMessage().contains(diagnosis), e.getMessage());
        }
    }

    @Test
    void argumentsCheckedBeforeTouchingCuda() {
        assertThrows(IllegalArgumentException.class, () -> GpuNormalizer.create(4, 4, 1, ColorOrder.RGB,
                Normalization.ZERO_ONE, TensorLayout.NCHW, DataType.UINT8));
        assertThrows(IllegalArgumentException.class, () -> GpuNormalizer.create(0, 4, 1, ColorOrder.RGB,
                Normalization.ZERO_ONE, TensorLayout.NCHW, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> GpuNormalizer.create(4, 4, 1, ColorOrder.GRAY,
                Normalization.IMAGENET, TensorLayout.NCHW, DataType.FLOAT));
    }
}
