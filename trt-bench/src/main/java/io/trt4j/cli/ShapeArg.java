package io.trt4j.cli;

import io.trt4j.core.Shape;

/**
 * Parses shapes written like {@code 1x299x299x3} (or with commas; {@code -1} or {@code ?} for dynamic).
 *
 * <p>Thread-safety: stateless.
 */
final class ShapeArg {
    private ShapeArg() {
    }

    static Shape parse(String text) {
        String[] parts = text.trim().split("[x,]");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            try {
                dims[i] = p.equals("?") ? -1 : Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a shape like 1x299x299x3");
            }
        }
        return Shape.of(dims);
    }

    static String format(Shape shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.rank(); i++) {
            sb.append(i == 0 ? "" : "x").append(shape.dim(i));
        }
        return sb.toString();
    }
}
