#!/usr/bin/env bash
# gpu-run.sh: run on the GPU host once the runtime bundle is staged (bash .gpu/stage K for every part) and .app/
# has been carried along (.ci/gpu-app.sh builds it). Runs the GPU-tagged tests of every module, then whatever
# extra command is given (benchmarks). Logs go to $OUT when set.
#   bash .ci/gpu-run.sh [tests|none] [-- extra command...]
set -uo pipefail
. /tmp/trt4j-gpu/env.sh
export LD_LIBRARY_PATH=$PWD/.app/native:$LD_LIBRARY_PATH
OUTDIR=${OUT:-/tmp/trt4j-out}; mkdir -p "$OUTDIR"
export TRT4J_CP="/tmp/trt4j-gpu/app/*:$PWD/.app/lib/*:$PWD/.app/classes"
# The bundle's TensorRT is 10.6 (the newest complete TensorRT that can be fetched here); see trt-bench/NOTES.md.
export TRT4J_JAVA_OPTS="-Dtrt4j.tensorrt.minVersion=10.6 -Dtrt4j.fixtures=$PWD/.app/fixtures -Xmx16g"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm --format=csv,noheader
what=${1:-tests}; shift || true
rc=0
if [ "$what" = tests ]; then
  java $TRT4J_JAVA_OPTS -cp "$TRT4J_CP:$PWD/.app/test-classes" org.junit.platform.console.ConsoleLauncher execute \
    --scan-classpath "$PWD/.app/test-classes" --include-tag gpu ${TRT4J_TEST_SELECT:-} \
    --disable-banner --details=tree --reports-dir "$OUTDIR/junit" 2>&1 | tee "$OUTDIR/gpu-tests.log" | grep -vE '^\s*$' | tail -150
  rc=${PIPESTATUS[0]}
fi
[ "${1:-}" = "--" ] && shift
if [ $# -gt 0 ]; then "$@" 2>&1 | tee "$OUTDIR/extra.log"; fi
exit $rc
