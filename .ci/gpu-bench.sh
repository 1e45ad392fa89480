#!/usr/bin/env bash
# gpu-bench.sh: on the GPU host (bundle staged, .app carried): run the JMH benchmarks matching $1 (default: the
# trt-core ones), with any further arguments passed to JMH; JMH's JSON goes to $OUT.
set -uo pipefail
. /tmp/trt4j-gpu/env.sh
export LD_LIBRARY_PATH=$PWD/.app/native:$LD_LIBRARY_PATH
OUTDIR=${OUT:-/tmp/trt4j-out}; mkdir -p "$OUTDIR"
CP="/tmp/trt4j-gpu/app/*:$PWD/.app/lib/*:$PWD/.app/classes"
OPTS="-Dtrt4j.tensorrt.minVersion=10.6"
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv,noheader
java $OPTS -cp "$CP" org.openjdk.jmh.Main "${1:-PinnedCopyBenchmark|SessionOverheadBenchmark}" "${@:2}" -jvmArgsAppend "$OPTS -Dtrt4j.fixtures=$PWD/.app/fixtures" \
  -rf json -rff "$OUTDIR/jmh-$(date +%s).json" 2>&1 | grep -vE "^# (VM|JMH|Blackhole|Warmup|Measurement|Timeout|Threads|Benchmark mode)|^Iteration|^$" \
  | tee "$OUTDIR/jmh.log" | tail -40
