/**
 * The mutable ONNX graph the converter builds and the passes rewrite: nodes, constants sharing TensorFlow's weight
 * bytes, and statically known shapes and types. Internal to the converter; not a stable API.
 */
package io.trt4j.convert.onnx.ir;
