#!/usr/bin/env bash
# gpu-app.sh: assemble .app/, the small and often-changing half of a GPU run: trt4j's classes and test classes,
# the light jars they need and JUnit's console launcher. The heavy, rarely-changing jars (TensorFlow Java natives,
# ONNX Runtime) travel once per GPU machine inside the runtime bundle (../shared/gpu/bundle --app DIR), and land in
# /tmp/trt4j-gpu/app there. Usage: .ci/gpu-app.sh [--heavy DIR]  (--heavy: also write the heavy jars to DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
HEAVY=
[ "${1:-}" = "--heavy" ] && HEAVY=$2
M2=${MAVEN_REPO:-$HOME/.m2/repository}
# The GPU host runs TensorRT 10.6 libraries (the newest complete TensorRT that can be fetched here): their JNI must
# come from the 10.6 presets, whose native method tables match that library (trt-bench/NOTES.md). trt4j's classes,
# compiled against the pinned 10.15 presets, only call API that 10.6 has.
TRT_PRESETS=${TRT_PRESETS:-10.6-1.5.11}
if [ ! -f "$M2/org/bytedeco/tensorrt/$TRT_PRESETS/tensorrt-$TRT_PRESETS-linux-x86_64.jar" ]; then
  mvn -B -q dependency:get -Dartifact=org.bytedeco:tensorrt:$TRT_PRESETS
  mvn -B -q dependency:get -Dartifact=org.bytedeco:tensorrt:$TRT_PRESETS:jar:linux-x86_64
fi
rm -rf .app/lib .app/classes .app/test-classes .app/native
mkdir -p .app/lib .app/classes .app/test-classes
for m in trt-core trt-convert trt-image trt-bench examples; do
  [ -d $m/target/classes ] && cp -r $m/target/classes/. .app/classes/
  [ -d $m/target/test-classes ] && cp -r $m/target/test-classes/. .app/test-classes/
done
light=(
  org/bytedeco/javacpp/1.5.13/javacpp-1.5.13.jar org/bytedeco/javacpp/1.5.13/javacpp-1.5.13-linux-x86_64.jar
  org/bytedeco/cuda/13.1-9.19-1.5.13/cuda-13.1-9.19-1.5.13.jar org/bytedeco/cuda/13.1-9.19-1.5.13/cuda-13.1-9.19-1.5.13-linux-x86_64.jar
  org/bytedeco/tensorrt/$TRT_PRESETS/tensorrt-$TRT_PRESETS.jar org/bytedeco/tensorrt/$TRT_PRESETS/tensorrt-$TRT_PRESETS-linux-x86_64.jar
  org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar org/slf4j/slf4j-simple/2.0.17/slf4j-simple-2.0.17.jar
  com/google/guava/guava/33.5.0-jre/guava-33.5.0-jre.jar com/google/guava/failureaccess/1.0.3/failureaccess-1.0.3.jar
  info/picocli/picocli/4.7.7/picocli-4.7.7.jar
  org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar
  org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar
  org/junit/platform/junit-platform-console-standalone/1.11.4/junit-platform-console-standalone-1.11.4.jar
)
for j in "${light[@]}"; do
  [ -f "$M2/$j" ] || { echo "gpu-app: $M2/$j is missing: run mvn -B package -DskipTests first" >&2; exit 2; }
  cp "$M2/$j" .app/lib/
done
# The jlinked JRE's ImageIO needs the system's image codecs, which the GPU host lacks.
mkdir -p .app/native
for so in libjpeg.so.62 liblcms2.so.2 libpng16.so.16 libgif.so.7; do
  f=$(ls /usr/lib/x86_64-linux-gnu/$so* 2>/dev/null | head -1); [ -n "$f" ] && cp -L "$f" .app/native/$so
done
if [ -n "$HEAVY" ]; then
  mkdir -p "$HEAVY"
  for j in org/tensorflow/tensorflow-core-native/1.1.0/tensorflow-core-native-1.1.0-linux-x86_64.jar \
           org/tensorflow/tensorflow-core-native/1.1.0/tensorflow-core-native-1.1.0.jar \
           org/tensorflow/tensorflow-core-api/1.1.0/tensorflow-core-api-1.1.0.jar org/tensorflow/ndarray/1.0.0/ndarray-1.0.0.jar \
           com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar com/google/protobuf/protobuf-java/3.21.9/protobuf-java-3.21.9.jar; do
    cp "$M2/$j" "$HEAVY/"
  done
fi
du -sh .app
