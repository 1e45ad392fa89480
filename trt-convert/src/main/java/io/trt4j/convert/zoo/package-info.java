/**
 * A model zoo of real image classifiers (Inception v3, ResNet-50 v1, MobileNet v1 and v2) built with TensorFlow Java
 * ops and deterministic seeded weights, returned as frozen graphs ({@link io.trt4j.convert.tf.FrozenGraph}). They are
 * the test and benchmark workloads of the converter, the engine builder and the runtime: real layer structure and
 * real sizes, no downloads. Entry point: {@link io.trt4j.convert.zoo.ModelZoo}.
 */
package io.trt4j.convert.zoo;
