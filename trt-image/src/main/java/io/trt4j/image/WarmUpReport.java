package io.trt4j.image;

import java.time.Duration;

/**
 * What {@link Preprocessor#warmUp} did: how many images it preprocessed, for how long, the mean time of one image over
 * its last round, and whether the time per image had settled (else it stopped at its time limit).
 *
 * <p>Thread-safety: immutable.
 *
 * @param images         images decoded and written
 * @param elapsed        wall time of the warm-up
 * @param millisPerImage mean wall time of one image (decode and write) over the last round
 * @param settled        whether the last rounds ran within {@value PreprocessorWarmUp#SETTLED_FACTOR} times the best
 *                       round's time with the JIT (nearly) idle, rather than the time limit ending the warm-up
 */
public record WarmUpReport(int images, Duration elapsed, double millisPerImage, boolean settled) {
}
