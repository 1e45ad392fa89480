/**
 * CUDA building blocks: devices, streams, events, device and pinned host buffers, memory statistics.
 *
 * <p>All classes here that own native memory or handles are {@code AutoCloseable}: {@code close()} is idempotent and
 * waits for calls in progress; later use throws {@code IllegalStateException}. Allocated bytes are counted in
 * {@link io.trt4j.core.cuda.MemoryStats}. Methods that need a GPU throw
 * {@link io.trt4j.core.GpuUnavailableException} when none is usable, never a linkage error.
 */
package io.trt4j.core.cuda;
