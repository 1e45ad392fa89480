package io.trt4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.core.DataType;
import io.trt4j.core.Shape;
import io.trt4j.core.TensorInfo;
import io.trt4j.core.TensorIoMode;
import io.trt4j.image.Normalization;
import io.trt4j.image.Preprocessor;
import io.trt4j.image.TensorLayout;
import org.junit.jupiter.api.Test;

class ImageInputsTest {
    private static TensorInfo input(DataType type, long... dims) {
        return new TensorInfo("input:0", TensorIoMode.INPUT, type, Shape.of(dims), "linear");
    }

    @Test
    void nhwcInputsGetNhwcAndTheEngineSize() {
        Preprocessor p = ImageInputs.forInput(input(DataType.FLOAT, -1, 299, 299, 3), Shape.of(8, 299, 299, 3), "inception");
        assertEquals(TensorLayout.NHWC, p.layout());
        assertEquals(299, p.width());
        assertEquals(Normalization.INCEPTION, p.normalization());
        assertEquals(4L * 299 * 299 * 3, p.bytesPerImage());
    }

    @Test
    void fastDecodeIsPassedThroughAndOffByDefault() {
        TensorInfo in = input(DataType.FLOAT, 1, 224, 224, 3);
        assertEquals(false, ImageInputs.forInput(in, Shape.of(1, 224, 224, 3), "imagenet").fastDecode());
        assertEquals(true, ImageInputs.forInput(in, Shape.of(1, 224, 224, 3), "imagenet", true).fastDecode());
    }

    @Test
    void nchwInputsGetNchwAndDynamicSizesComeFromTheProfileMax() {
        Preprocessor p = ImageInputs.forInput(input(DataType.HALF, -1, 3, -1, -1), Shape.of(4, 3, 224, 192), "imagenet");
        assertEquals(TensorLayout.NCHW, p.layout());
        assertEquals(192, p.width());
        assertEquals(224, p.height());
        assertEquals(DataType.HALF, p.dataType());
    }

    @Test
    void nonImageInputsAndUnknownPresetsAreRefusedByName() {
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> ImageInputs.forInput(input(DataType.FLOAT, -1, 10), Shape.of(1, 10), "inception"));
        assertTrue(rank.getMessage().contains("input:0"), rank.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ImageInputs.forInput(input(DataType.INT32, 1, 8, 8, 3), Shape.of(1, 8, 8, 3), "inception"));
        IllegalArgumentException preset = assertThrows(IllegalArgumentException.class,
                () -> ImageInputs.normalization("sepia"));
        assertTrue(preset.getMessage().contains("sepia"), preset.getMessage());
    }
}
