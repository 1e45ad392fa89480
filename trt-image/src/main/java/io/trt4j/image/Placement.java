package io.trt4j.image;

/**
 * One resolved geometry: source crop {@code (cropX, cropY, cropW, cropH)} is resized to {@code resizedW x resizedH};
 * the window of that intermediate starting at {@code (windowX, windowY)} and {@code width x height} in size lands in
 * the output at {@code (outX, outY)}; output pixels outside that rectangle are fill.
 *
 * <p>Thread-safety: immutable record.
 */
record Placement(int cropX, int cropY, int cropW, int cropH, int resizedW, int resizedH,
                 int windowX, int windowY, int outX, int outY, int width, int height) {
}
