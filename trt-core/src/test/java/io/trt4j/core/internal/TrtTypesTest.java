package io.trt4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.DataType;
import io.trt4j.core.TrtException;
import org.bytedeco.tensorrt.global.nvinfer;
import org.junit.jupiter.api.Test;

/** The data type mapping (TensorRT's enum class loads without the native library). */
class TrtTypesTest {
    @Test
    void everyTrt4jTypeRoundTrips() {
        for (DataType t : DataType.values()) {
            assertEquals(t, TrtTypes.fromTrt(TrtTypes.toTrt(t), "t"));
        }
        assertEquals(DataType.HALF, TrtTypes.fromTrt(nvinfer.DataType.kHALF, "t"));
        assertEquals(DataType.BF16, TrtTypes.fromTrt(nvinfer.DataType.kBF16, "t"));
        assertEquals(DataType.FP8, TrtTypes.fromTrt(nvinfer.DataType.kFP8, "t"));
    }

    @Test
    void unsupportedTypesNameTheTensor() {
        for (nvinfer.DataType t : new nvinfer.DataType[] {nvinfer.DataType.kINT4, nvinfer.DataType.kFP4,
                nvinfer.DataType.kE8M0}) {
            TrtException e = assertThrows(TrtException.class, () -> TrtTypes.fromTrt(t, "weights:0"));
            assertTrue(e.getMessage().contains("'weights:0'") && e.getMessage().contains(t.toString()),
                    e.getMessage());
        }
    }
}
