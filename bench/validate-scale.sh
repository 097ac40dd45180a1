#!/usr/bin/env bash
# Validate at scale, side by side: templates with 1,000 / 5,000 / 20,000 variables and a chain of 3,000 / 30,000 locals
# (each refers to the one before), validated by `pkrj` and by the real `packer` (v1.6.6), one process each, as a user
# or CI runs them. Prints the median wall time of each and the ratio pkrj / packer.
#
#   bench/validate-scale.sh          3 runs of each
#   RUNS=5 bench/validate-scale.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packer=$(command -v "${PACKER:-packer}") || { echo "packer not found: apt-get install packer" >&2; exit 1; }
runs=${RUNS:-3}
(cd "$root" && mvn -B -q package -Dmaven.test.skip=true >&2)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

variables() {
  for i in $(seq 1 "$1"); do printf 'variable "v%d" {\n  type    = string\n  default = "x%d"\n}\n\n' "$i" "$i"; done
  printf 'source "null" "n" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.n"]\n}\n'
}

chain() {
  printf 'locals {\n  l0 = 1\n'
  for i in $(seq 1 "$(($1 - 1))"); do printf '  l%d = local.l%d\n' "$i" "$((i - 1))"; done
  printf '}\n\nsource "null" "n" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.n"]\n}\n'
}

median_ms() {
  local file=$1; shift
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N)
    (cd "$scratch" && CHECKPOINT_DISABLE=1 "$@" validate "$file" >/dev/null 2>&1) || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

printf '%-24s %10s %10s %8s\n' "template" "pkrj" "packer" "ratio"
for n in 1000 5000 20000; do
  variables "$n" > "$scratch/vars$n.pkr.hcl"
  ours=$(median_ms "vars$n.pkr.hcl" "$root/pkrj")
  theirs=$(median_ms "vars$n.pkr.hcl" "$packer")
  echo "$n variables $ours $theirs" | awk '{ printf "%-24s %8d ms %8d ms %7.2fx\n", $1 " " $2, $3, $4, $3 / $4 }'
done
for n in 3000 30000; do
  chain "$n" > "$scratch/chain$n.pkr.hcl"
  ours=$(median_ms "chain$n.pkr.hcl" "$root/pkrj")
  theirs=$(median_ms "chain$n.pkr.hcl" "$packer")
  echo "$n locals-chain $ours $theirs" | awk '{ printf "%-24s %8d ms %8d ms %7.2fx\n", $1 " " $2, $3, $4, $3 / $4 }'
done
