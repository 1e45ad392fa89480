/** Runnable programs: {@link io.trt4j.examples.InceptionV3EndToEnd} walks the classic TensorRT workflow. */
package io.trt4j.examples;
