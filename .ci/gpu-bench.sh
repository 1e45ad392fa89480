#!/usr/bin/env bash
# gpu-bench.sh: on the GPU host (bundle staged, .app carried): run the JMH benchmarks matching $1 (default: the
# trt-core ones), with any further arguments passed to JMH; JMH's JSON goes to $OUT.
set -uo pipefail
. "$(dirname "$0")/gpu-env.sh"
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv,noheader
java $TRT4J_OPTS -cp "$CP" org.openjdk.jmh.Main "${1:-PinnedCopyBenchmark|SessionOverheadBenchmark}" "${@:2}" -jvmArgsAppend "$TRT4J_OPTS" \
  -rf json -rff "$OUTDIR/jmh-$(date +%s).json" 2>&1 | grep -vE "^# (VM|JMH|Blackhole|Warmup|Measurement|Timeout|Threads|Benchmark mode)|^Iteration|^$" \
  | tee "$OUTDIR/jmh.log" | tail -40
