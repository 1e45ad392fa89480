/**
 * ONNX to TensorRT plan: {@link io.trt4j.convert.engine.EngineBuilder} with precision
 * ({@link io.trt4j.convert.engine.Precision}, INT8 {@link io.trt4j.convert.engine.Calibrator}), optimization
 * profiles, workspace, timing and engine caches. JavaCPP stays in the {@code internal} sub-package.
 */
package io.trt4j.convert.engine;
