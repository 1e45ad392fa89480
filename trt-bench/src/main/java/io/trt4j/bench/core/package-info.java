/**
 * JMH benchmarks of trt-core: session overhead over a bare enqueue, pinned copy bandwidth against raw CUDA calls.
 * They need a GPU; run them with {@code trt4j bench --jmh <regex>} or JMH's own main.
 */
package io.trt4j.bench.core;
