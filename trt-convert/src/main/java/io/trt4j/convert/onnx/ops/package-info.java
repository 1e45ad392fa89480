/**
 * One {@link io.trt4j.convert.onnx.ops.OpHandler} per TensorFlow op (grouped by family), registered in
 * {@link io.trt4j.convert.onnx.ops.OpRegistry}. Handlers of NHWC ops emit channels-first ONNX ops between layout
 * transposes that the layout pass removes.
 */
package io.trt4j.convert.onnx.ops;
