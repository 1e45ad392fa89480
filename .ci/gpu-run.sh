#!/usr/bin/env bash
# gpu-run.sh: run on the GPU host once the runtime bundle is staged (bash .gpu/stage K for every part) and .app/
# has been carried along (.ci/gpu-app.sh builds it). Runs the GPU-tagged tests of every module, then whatever
# extra command is given (benchmarks). Logs go to $OUT when set.
#   bash .ci/gpu-run.sh [tests|none] [-- extra command...]
set -uo pipefail
. "$(dirname "$0")/gpu-env.sh"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm --format=csv,noheader
what=${1:-tests}; shift || true
rc=0
if [ "$what" = tests ]; then
  java $TRT4J_OPTS -Xmx16g -cp "$CP:$PWD/.app/test-classes" org.junit.platform.console.ConsoleLauncher execute \
    --scan-classpath "$PWD/.app/test-classes" --include-tag gpu ${TRT4J_TEST_SELECT:-} \
    --disable-banner --details=tree --reports-dir "$OUTDIR/junit" 2>&1 | tee "$OUTDIR/gpu-tests.log" | grep -vE '^\s*$' | tail -150
  rc=${PIPESTATUS[0]}
fi
[ "${1:-}" = "--" ] && shift
if [ $# -gt 0 ]; then "$@" 2>&1 | tee "$OUTDIR/extra.log"; fi
exit $rc
