#!/usr/bin/env bash
# Parallel builds side by side: one build block with 16 null sources whose shell-local provisioner runs `sleep 1`,
# and the same with one source, built by `pkrj` and by the real `packer` (v1.6.6). Prints the median wall time of
# each and the ratios: ours(16) / ours(1) (target <= 1.3: the builds really run in parallel) and ours / packer.
#
#   bench/build-parallel.sh          5 runs of each
#   RUNS=9 bench/build-parallel.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packer=$(command -v "${PACKER:-packer}") || { echo "packer not found: apt-get install packer" >&2; exit 1; }
runs=${RUNS:-5}
(cd "$root" && mvn -B -q package -Dmaven.test.skip=true >&2)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

template() {
  local n=$1 dir=$2
  mkdir -p "$dir"
  {
    for i in $(seq 1 "$n"); do printf 'source "null" "s%02d" {\n  communicator = "none"\n}\n\n' "$i"; done
    printf 'build {\n  sources = ['
    for i in $(seq 1 "$n"); do printf '%s"source.null.s%02d"' "$([ "$i" -gt 1 ] && echo ', ')" "$i"; done
    printf ']\n\n  provisioner "shell-local" {\n    inline = ["sleep 1"]\n  }\n}\n'
  } > "$dir/template.pkr.hcl"
}

# Median wall time in milliseconds of `runs` runs of a command in a directory.
median_ms() {
  local dir=$1; shift
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N)
    (cd "$dir" && CHECKPOINT_DISABLE=1 "$@" > /dev/null)
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

template 16 "$scratch/16"
template 1 "$scratch/1"
ours16=$(median_ms "$scratch/16" "$root/pkrj" build -color=false template.pkr.hcl)
ours1=$(median_ms "$scratch/1" "$root/pkrj" build -color=false template.pkr.hcl)
theirs16=$(median_ms "$scratch/16" "$packer" build -color=false template.pkr.hcl)
theirs1=$(median_ms "$scratch/1" "$packer" build -color=false template.pkr.hcl)
printf '%-34s %10s %10s\n' "median wall, $runs runs" "pkrj" "packer"
printf '%-34s %8d ms %8d ms\n' "16 null sources, sleep 1 each" "$ours16" "$theirs16"
printf '%-34s %8d ms %8d ms\n' "1 null source, sleep 1" "$ours1" "$theirs1"
awk -v a="$ours16" -v b="$ours1" -v c="$theirs16" 'BEGIN {
  printf "pkrj 16 sources / 1 source: %.2fx (target <= 1.30)\n", a / b
  printf "pkrj / packer, 16 sources:  %.2fx\n", a / c }'
