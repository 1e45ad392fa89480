package io.trt4j.cli;

import io.trt4j.core.Shape;

/**
 * A {@code --profile NAME:MIN:OPT:MAX} argument. The name may itself hold a colon ({@code input:0}): the last three
 * fields are the shapes.
 *
 * <p>Thread-safety: immutable.
 */
record ProfileArg(String name, Shape min, Shape opt, Shape max) {
    static ProfileArg parse(String text) {
        String[] parts = text.split(":");
        if (parts.length < 4) {
            throw new IllegalArgumentException("--profile '" + text + "' is not NAME:MIN:OPT:MAX");
        }
        int n = parts.length;
        String name = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 3));
        return new ProfileArg(name, ShapeArg.parse(parts[n - 3]), ShapeArg.parse(parts[n - 2]), ShapeArg.parse(parts[n - 1]));
    }
}
