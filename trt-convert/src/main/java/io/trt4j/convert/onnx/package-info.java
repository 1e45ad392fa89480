/**
 * Pure-Java TensorFlow to ONNX conversion: {@link io.trt4j.convert.onnx.TfToOnnxConverter} turns a
 * {@link io.trt4j.convert.tf.FrozenGraph} into an {@link io.trt4j.convert.onnx.OnnxModel} (opset 17) that keeps the
 * TensorFlow signature (names, NHWC shapes, types) unless asked for NCHW inputs, while the network body runs NCHW.
 */
package io.trt4j.convert.onnx;
