#!/usr/bin/env bash
# gpu-jre.sh: put a JRE with the Vector API incubator module (and JFR) where ../shared/gpu/bundle caches its jlinked
# runtime, before building the bundle. The bundle's own jlink leaves jdk.incubator.vector out, and then every JVM
# started with --add-modules jdk.incubator.vector (PreprocessBenchmark's forks) fails at start-up on the GPU host.
set -euo pipefail
jre=${XDG_CACHE_HOME:-$HOME/.cache}/trt4j-gpu/jre
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
if [ -x "$jre/bin/java" ] && "$jre/bin/java" --list-modules 2>/dev/null | grep -q '^jdk.incubator.vector@'; then
  echo "gpu-jre: $jre already has jdk.incubator.vector"; exit 0
fi
rm -rf "$jre"; mkdir -p "$(dirname "$jre")"
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.desktop,java.xml,jdk.unsupported,jdk.management,jdk.incubator.vector,jdk.jfr \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$jre"
echo "gpu-jre: wrote $jre (with jdk.incubator.vector); now run ../shared/gpu/bundle"
