/**
 * JavaCPP side of the engine builder: the TensorRT builder and ONNX parser calls, the INT8 calibrator bridge and the
 * build environment's identity. Not API: nothing here appears in a public signature of {@code io.trt4j.convert.engine}.
 */
package io.trt4j.convert.engine.internal;
