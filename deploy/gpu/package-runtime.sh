#!/usr/bin/env bash
# Packs the workers for a GPU node that has a CUDA driver but no Java: a jlink runtime and the workers jar in
# workers/target/gpu-runtime (about 60 MiB). Run after `./mvnw -B -DskipTests package` on a machine with nvcc, so
# that the CUDA kernels are in the jar. On the GPU node:
#   workers/target/gpu-runtime/java/bin/java -jar workers/target/gpu-runtime/ixbi-workers.jar bench
set -euo pipefail
cd "$(dirname "$0")/../.."
out=workers/target/gpu-runtime
jar=workers/target/ixbi-workers.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
# the kernels travel inside the compute library's jar, nested in the workers jar
if ! unzip -p "$jar" 'BOOT-INF/lib/ixbi-gpu-*.jar' > "${TMPDIR:-/tmp}/ixbi-gpu-check.jar" \
    || ! unzip -l "${TMPDIR:-/tmp}/ixbi-gpu-check.jar" | grep -q "cuda/backproject.ptx"; then
  echo "warning: $jar has no CUDA kernels (built without nvcc)" >&2
fi
rm -rf "$out"
mkdir -p "$out"
# java.management: the bench's heap figures; jdk.unsupported: Unsafe in JTransforms' arrays
jlink --add-modules java.base,java.logging,java.management,jdk.unsupported \
      --compress=2 --no-header-files --no-man-pages --strip-debug --output "$out/java"
cp "$jar" "$out/"
du -sh "$out"
