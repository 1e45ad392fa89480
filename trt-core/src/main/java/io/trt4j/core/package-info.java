/**
 * trt4j's runtime: load TensorRT engines ({@link io.trt4j.core.Engine}), run them low-level
 * ({@link io.trt4j.core.ExecutionContext}) or the easy way ({@link io.trt4j.core.InferenceSession},
 * {@link io.trt4j.core.SessionPool}) on host {@link io.trt4j.core.Tensor}s; check the native stack with
 * {@link io.trt4j.core.TensorRt}.
 *
 * <p>Conventions: native objects are {@code AutoCloseable} ({@code close()} idempotent, waits for calls in progress,
 * later use throws {@code IllegalStateException}); a child keeps its parent alive; native failures are unchecked
 * ({@link io.trt4j.core.TrtException} and subclasses); bad user input is an {@code IllegalArgumentException} naming
 * the tensor, what was expected and what was given. No JavaCPP type appears in this package's API.
 */
package io.trt4j.core;
