#!/usr/bin/env bash
# gpu-cpu-preprocess.sh: on the GPU host (bundle staged, .app carried): the CPU preprocessing comparison of
# trt-bench/NOTES.md on that host's processor: OpenCV (the host image's opencv-python-headless, one thread) and
# trt4j's PreprocessBenchmark (JMH), both pinned to the same core so that "images/s/core" means one core.
#   bash .ci/gpu-cpu-preprocess.sh [JMH regex] [JMH options...]
set -uo pipefail
. "$(dirname "$0")/gpu-env.sh"
core=${TRT4J_BENCH_CORE:-3}
pin=""
if command -v taskset >/dev/null && taskset -c "$core" true 2>/dev/null; then pin="taskset -c $core"; fi
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(nproc) cpus, pinned: ${pin:-no (taskset unavailable)}"
for size in 299 224; do
  $pin python3 trt-bench/scripts/opencv_preprocess.py .app/fixtures/images $size 2>&1 | tee -a "$OUTDIR/opencv.log"
done
regex=${1:-'PreprocessBenchmark\.(trt4j|trt4jFastDecode|trt4jBilinear|decodeOnly|decodeOnlyImageIo|jdkBaseline)$'}
$pin java $TRT4J_OPTS -cp "$CP" org.openjdk.jmh.Main "$regex" "${@:2}" -jvmArgsAppend "$TRT4J_OPTS" \
  -rf json -rff "$OUTDIR/jmh-preprocess.json" 2>&1 | grep -vE "^# (VM|JMH|Blackhole|Warmup|Measurement|Timeout|Threads|Benchmark mode)|^Iteration|^$" \
  | tee "$OUTDIR/jmh-preprocess.log" | tail -30
