/** JMH benchmarks of trt-image: decode + resize + normalize of real JPEGs, against a plain JDK pipeline. */
package io.trt4j.bench.image;
