package io.trt4j.convert.engine.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trt4j.convert.engine.OptimizationProfile;
import io.trt4j.convert.engine.ShapeRange;
import io.trt4j.core.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profiles are checked against the parsed network's inputs before TensorRT sees them. */
class ProfileCheckTest {
    private static final Map<String, long[]> INPUTS = new LinkedHashMap<>(Map.of("input:0",
            new long[] {-1, 224, 224, 3}));

    private static List<OptimizationProfile> profile(String input, Shape min, Shape opt, Shape max) {
        return List.of(OptimizationProfile.of(new ShapeRange(input, min, opt, max)));
    }

    @Test
    void acceptsRangesOverTheDynamicDimension() {
        assertDoesNotThrow(() -> NativePlanBuilder.checkProfiles(INPUTS, profile("input:0", Shape.of(1, 224, 224, 3),
                Shape.of(8, 224, 224, 3), Shape.of(32, 224, 224, 3))));
    }

    @Test
    void unknownInputListsTheNetworkInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativePlanBuilder
                .checkProfiles(INPUTS, profile("input", Shape.of(1, 224, 224, 3), Shape.of(1, 224, 224, 3),
                        Shape.of(1, 224, 224, 3))));
        assertTrue(e.getMessage().contains("'input'") && e.getMessage().contains("'input:0' [-1, 224, 224, 3]"),
                e.getMessage());
    }

    @Test
    void fixedDimensionsMustMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativePlanBuilder
                .checkProfiles(INPUTS, profile("input:0", Shape.of(1, 3, 224, 224), Shape.of(1, 3, 224, 224),
                        Shape.of(1, 3, 224, 224))));
        assertTrue(e.getMessage().contains("[1, 3, 224, 224]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativePlanBuilder.checkProfiles(INPUTS,
                profile("input:0", Shape.of(1, 224, 224), Shape.of(1, 224, 224), Shape.of(1, 224, 224))));
    }

    @Test
    void dynamicInputsNeedAProfile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativePlanBuilder.checkProfiles(INPUTS, List.of()));
        assertTrue(e.getMessage().contains("profile("), e.getMessage());
        assertDoesNotThrow(() -> NativePlanBuilder.checkProfiles(Map.of("x", new long[] {1, 3, 8, 8}), List.of()));
    }
}
