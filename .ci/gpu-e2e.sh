#!/usr/bin/env bash
# gpu-e2e.sh: on the GPU host (bundle staged, .app carried with fixtures incl. nsfwjs): the user-facing paths on a
# real GPU: the trt4j CLI (convert a real TF.js model, build, inspect, run on photos, bench), the demo and the
# Inception v3 example program (skipped with TRT4J_E2E_CLI_ONLY=1). Logs go to $OUT.
set -uo pipefail
. "$(dirname "$0")/gpu-env.sh"
J="java $TRT4J_OPTS -Xmx8g -cp $CP"
W=/tmp/trt4j-e2e; mkdir -p $W
F=$PWD/.app/fixtures
printf 'Drawing\nHentai\nNeutral\nPorn\nSexy\n' > $W/nsfw-labels.txt
step() { echo; echo "=== $*"; }
{
step "trt4j convert (nsfwjs TF.js bundle)"; $J io.trt4j.cli.Trt4jCommand convert --tfjs $F/nsfwjs/mobilenet_v2_mid -o $W/nsfw.onnx
step "trt4j build"; time $J io.trt4j.cli.Trt4jCommand build --onnx $W/nsfw.onnx -o $W/nsfw.plan \
  --profile input:0:1x224x224x3:8x224x224x3:32x224x224x3 --timing-cache $W/timing.cache
step "trt4j build (second time: timing cache)"; time $J io.trt4j.cli.Trt4jCommand build --onnx $W/nsfw.onnx -o $W/nsfw2.plan \
  --profile input:0:1x224x224x3:8x224x224x3:32x224x224x3 --timing-cache $W/timing.cache
step "trt4j inspect"; $J io.trt4j.cli.Trt4jCommand inspect $W/nsfw.plan
step "trt4j run"; $J io.trt4j.cli.Trt4jCommand run --engine $W/nsfw.plan --normalize zero-one --labels $W/nsfw-labels.txt --top 2 $F/images/*
step "trt4j run (bad input: truncated plan)"; head -c 100000 $W/nsfw.plan > $W/truncated.plan
$J io.trt4j.cli.Trt4jCommand run --engine $W/truncated.plan $F/images/dog.jpg; echo "exit code $?"
step "trt4j bench batch 1"; $J io.trt4j.cli.Trt4jCommand bench --engine $W/nsfw.plan --batch 1 --iterations 2000
step "trt4j bench batch 1 cuda graph"; $J io.trt4j.cli.Trt4jCommand bench --engine $W/nsfw.plan --batch 1 --iterations 2000 --cuda-graph
step "trt4j bench batch 32 cuda graph"; $J io.trt4j.cli.Trt4jCommand bench --engine $W/nsfw.plan --batch 32 --iterations 500 --cuda-graph
step "trt4j bench batch 8, 4 threads"; $J io.trt4j.cli.Trt4jCommand bench --engine $W/nsfw.plan --batch 8 --threads 4 --iterations 500
[ -n "${TRT4J_E2E_CLI_ONLY:-}" ] && exit 0   # the demo and the example build Inception v3 twice (~100 s each)
step "trt4j demo (Inception v3, dog.jpg)"; (cd $W && $J io.trt4j.cli.Trt4jCommand demo --image $F/images/dog.jpg)
step "example InceptionV3EndToEnd"; (cd $W && $J io.trt4j.examples.InceptionV3EndToEnd)
} 2>&1 | tee "$OUTDIR/e2e.log"
