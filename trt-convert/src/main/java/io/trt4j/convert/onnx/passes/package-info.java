/**
 * Graph passes run after conversion: constant folding, identity and dead-node removal, the NHWC-to-NCHW layout pass
 * ({@link io.trt4j.convert.onnx.passes.TransposeOptimizer}), batch-norm folding and pad fusion into convolutions.
 */
package io.trt4j.convert.onnx.passes;
