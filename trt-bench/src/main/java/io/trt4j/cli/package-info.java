/**
 * The {@code trt4j} command line (picocli): {@code demo}, {@code convert}, {@code build}, {@code run}, {@code bench},
 * {@code inspect}. Built by {@code mvn package} into {@code trt-bench/target/trt4j.jar}.
 */
package io.trt4j.cli;
