#!/usr/bin/env bash
# Compiles the CUDA kernels to PTX for the jar: build-ptx.sh NVCC OUTPUT_DIR REQUIRED KERNEL.cu...
# nvcc exits 0 even when its front end could not write the PTX ("cicc: IO error"), so the PTX itself is checked.
# A kernel that does not build leaves the jar with no kernels at all (the CUDA backend then reports itself
# unavailable, with the reason) and prints one warning; REQUIRED=true fails the build instead.
set -u
nvcc="$1"
out_dir="$2"
required="$3"
shift 3
mkdir -p "$out_dir"
failed=""
for cu in "$@"; do
    ptx="$out_dir/$(basename "${cu%.cu}").ptx"
    rm -f "$ptx"
    log=$("$nvcc" --ptx -arch=compute_80 -O3 -o "$ptx" "$cu" 2>&1)
    status=$?
    if [ "$status" -ne 0 ] || ! grep -q '\.entry' "$ptx" 2>/dev/null; then
        failed="$failed $(basename "$cu") (nvcc exit $status): ${log:-no PTX written}"
    fi
done
if [ -n "$failed" ]; then
    rm -f "$out_dir"/*.ptx
    if [ "$required" = "true" ]; then
        echo "[ERROR] CUDA kernels not built:$failed" >&2
        exit 1
    fi
    echo "[WARNING] CUDA kernels not built, so the jar has none and the CUDA backend reports itself unavailable:$failed" \
        "(-Dcuda.required=true fails the build instead)" >&2
fi
exit 0
