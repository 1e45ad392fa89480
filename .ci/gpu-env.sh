# gpu-env.sh: sourced by the .ci/gpu-*.sh scripts on the GPU host (bundle staged, .app carried): the runtime bundle's
# environment, the image codecs of .app/native, $OUTDIR (logs; $OUT when set), $CP (trt4j and its jars) and
# $TRT4J_OPTS. The bundle's TensorRT is 10.6 (the newest complete TensorRT that can be fetched here; trt-bench/NOTES.md).
. /tmp/trt4j-gpu/env.sh
export LD_LIBRARY_PATH=$PWD/.app/native${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
OUTDIR=${OUT:-/tmp/trt4j-out}; mkdir -p "$OUTDIR"
CP="/tmp/trt4j-gpu/app/*:$PWD/.app/lib/*:$PWD/.app/classes"
TRT4J_OPTS="-Dtrt4j.tensorrt.minVersion=10.6 -Dtrt4j.fixtures=$PWD/.app/fixtures"
