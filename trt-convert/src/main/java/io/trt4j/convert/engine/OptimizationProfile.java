package io.trt4j.convert.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One TensorRT optimization profile: a shape range for each dynamic network input. An engine may have several (for
 * instance one for batch 1 latency and one for large batches); an execution context selects one.
 *
 * <p>Thread-safety: immutable.
 *
 * @param ranges one range per input, inputs distinct
 */
public record OptimizationProfile(List<ShapeRange> ranges) {
    public OptimizationProfile {
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("an optimization profile needs at least one input range");
        }
        Set<String> seen = new HashSet<>();
        for (ShapeRange r : ranges) {
            if (!seen.add(r.input())) {
                throw new IllegalArgumentException("input '" + r.input() + "' appears twice in one profile");
            }
        }
    }

    /** A profile of the given ranges. */
    public static OptimizationProfile of(ShapeRange... ranges) {
        return new OptimizationProfile(List.of(ranges));
    }

    /** The range of {@code input}, or null if this profile does not name it. */
    public ShapeRange range(String input) {
        for (ShapeRange r : ranges) {
            if (r.input().equals(input)) {
                return r;
            }
        }
        return null;
    }
}
