/**
 * Runnable programs: {@link io.trt4j.examples.InceptionV3EndToEnd} walks the classic TensorRT workflow step by step;
 * {@link io.trt4j.examples.TfjsPhotoClassifier} serves a real trained TF.js model with a session pool fed in place.
 */
package io.trt4j.examples;
