#!/usr/bin/env bash
# Validate at scale, side by side: templates with 1,000 / 5,000 / 20,000 variables, a chain of 3,000 / 30,000 locals
# (each refers to the one before), and two 50 MB templates (100,000 variables with long defaults; one local holding a
# list of 480,000 strings), validated by `pkrj` and by the real `packer` (v1.6.6), one process each, as a user or CI
# runs them. Prints the median wall time and the peak memory (RSS) of each and the ratio of the times pkrj / packer.
# packer 1.6.6 evaluates locals in rounds and gives up on a long chain: its 30,000-local validate failed on every run tried
# ("This object does not have an attribute named l7144", a different local each time); the time is still its time.
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

# Runs "$@" validate FILE RUNS times; prints the median wall time in ms and the largest peak RSS in MB.
measure() {
  local file=$1; shift
  local times=() peak=0
  for _ in $(seq 1 "$runs"); do
    local start end rss
    start=$(date +%s%N)
    (cd "$scratch" && CHECKPOINT_DISABLE=1 /usr/bin/time -f '%M' -o "$scratch/rss" "$@" validate "$file" \
      >/dev/null 2>&1) || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    rss=$(tail -1 "$scratch/rss")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  printf '%s %d\n' "$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')" \
    $((peak / 1024))
}

big_variables() {
  python3 -c '
pad = "x" * 480
for i in range(100000):
    print("variable \"v%d\" {\n  type    = string\n  default = \"%s%d\"\n}\n" % (i, pad, i))
print("source \"null\" \"n\" {\n  communicator = \"none\"\n}\n\nbuild {\n  sources = [\"source.null.n\"]\n}")'
}

big_list() {
  python3 -c '
import sys
sys.stdout.write("locals {\n  items = [\n")
for i in range(480000):
    sys.stdout.write("    \"%s%d\",\n" % ("y" * 100, i))
sys.stdout.write("  ]\n}\n\nsource \"null\" \"n\" {\n  communicator = \"none\"\n}\n\nbuild {\n  sources = [\"source.null.n\"]\n}\n")'
}

row() {
  local name=$1 file=$2 ours theirs
  ours=$(measure "$file" "$root/pkrj")
  theirs=$(measure "$file" "$packer")
  echo "$ours $theirs" | awk -v n="$name" '{ printf "%-28s %8d ms %6d MB %8d ms %6d MB %7.2fx\n", n, $1, $2, $3, $4, $1 / $3 }'
}

printf '%-28s %11s %9s %11s %9s %8s\n' "template" "pkrj" "peak" "packer" "peak" "ratio"
for n in 1000 5000 20000; do
  variables "$n" > "$scratch/vars$n.pkr.hcl"
  row "$n variables" "vars$n.pkr.hcl"
done
for n in 3000 30000; do
  chain "$n" > "$scratch/chain$n.pkr.hcl"
  row "$n locals-chain" "chain$n.pkr.hcl"
done
big_variables > "$scratch/big-variables.pkr.hcl"
row "50 MB: 100,000 variables" big-variables.pkr.hcl
big_list > "$scratch/big-list.pkr.hcl"
row "50 MB: a list of 480,000" big-list.pkr.hcl
