#!/usr/bin/env bash
# Measures the language layer: JMH benchmarks in process (parse + evaluate of a 100-line template, fmt of the
# whole corpus), then `pkrj` beside the real `packer` (v1.6.6) on the same corpus files, one process per file as a
# user or CI would run them, printing wall times and the ratio.
#
#   bench/run.sh                 everything
#   bench/run.sh -f 2 -i 10      extra arguments go to JMH (here: 2 forks, 10 measurement iterations)
#   BENCH_SKIP_JMH=1 bench/run.sh     only the side-by-side runs
#   BENCH_FILES=20 bench/run.sh       only the first 20 files side by side
#
# Environment: CORPUS (default ../shared/corpus beside the repository), PACKER (default: packer on PATH),
# PKRJ_JAVA_OPTS (JVM options for pkrj: the side-by-side runs go through ./pkrj, the launcher users run).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=$(cd "${CORPUS:-$root/../shared/corpus}" && pwd)
packer=$(command -v "${PACKER:-packer}") || { echo "packer not found: apt-get install packer" >&2; exit 1; }
java=$(command -v java)

echo "== building pkrj and the benchmarks" >&2
# shellcheck source=bench/classpath.sh
. "$root/bench/classpath.sh"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [ -z "${BENCH_SKIP_JMH:-}" ]; then
  echo "== JMH (in process, warm)"
  "$java" -Dcorpus.dir="$corpus" -cp "$bench_cp" org.openjdk.jmh.Main -rf csv -rff "$scratch/jmh.csv" "$@"
  echo
  awk -F, '
    { gsub(/"/, "") }
    $1 ~ /ParseEvaluateBenchmark.parseAndEvaluate:p0.50$/ { printf "parse + evaluate, 100-line template: median %.1f us\n", $5 }
    $1 ~ /ParseEvaluateBenchmark.parse:p0.50$/            { printf "parse only, 100-line template:      median %.1f us\n", $5 }
    $1 ~ /ParseEvaluateBenchmark.validate:p0.50$/         { printf "full validate, 100-line template:   median %.1f us\n", $5 }
    $1 ~ /FmtCorpusBenchmark.formatNextFile$/             { printf "fmt of the corpus:                  %.0f files/s\n", $5 }
  ' "$scratch/jmh.csv"
fi

# The same files for both tools, in a scratch copy so nothing either writes lands in the corpus.
mkdir -p "$scratch/home" "$scratch/files"
(cd "$corpus" && find templates -name '*.pkr.hcl' | sort | head -n "${BENCH_FILES:-100000}") > "$scratch/list"
(cd "$corpus" && tar cf - -T "$scratch/list") | (cd "$scratch/files" && tar xf -)
count=$(wc -l < "$scratch/list")

run_env=(env -i PATH=/usr/bin:/bin HOME="$scratch/home" CHECKPOINT_DISABLE=1 LANG=C.UTF-8)

# Wall time in seconds of one command per file, run in the file's directory as the oracle was.
time_each() {
  local start end f
  start=$(date +%s.%N)
  while IFS= read -r f; do
    (cd "$scratch/files/$(dirname "$f")" && "${run_env[@]}" "$@" "$(basename "$f")" >/dev/null 2>&1) || true
  done < "$scratch/list"
  end=$(date +%s.%N)
  echo "$start $end" | awk '{ printf "%.2f", $2 - $1 }'
}

echo
echo "== side by side: $count corpus files, one process per file"
printf '%-28s %10s %10s %8s %14s\n' command packer pkrj ratio "pkrj per file"
for cmd in "fmt -check" "validate -syntax-only"; do
  # shellcheck disable=SC2086 # the verb and its flag are two words on purpose
  p=$(time_each "$packer" $cmd)
  # shellcheck disable=SC2086
  j=$(time_each "$root/pkrj" $cmd)
  echo "$cmd $p $j $count" | awk '{ printf "%-28s %9.2fs %9.2fs %7.1fx %11.0f ms\n", $1 " " $2, $3, $4, $4 / $3, 1000 * $4 / $5 }'
done

# Full validation of the benchmark's 100-line template, one process per run, as a user or CI would run it.
template_dir="$scratch/validate"
mkdir -p "$template_dir"
cp "$root/src/bench/resources/io/jenkins/plugins/packer/bench/template.pkr.hcl" "$template_dir/"
median_wall() {
  local times=() start end
  for _ in 1 2 3 4 5 6 7; do
    start=$(date +%s%N)
    (cd "$template_dir" && "${run_env[@]}" "$@" template.pkr.hcl >/dev/null 2>&1) || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
pv=$(median_wall "$packer" validate)
jv=$(median_wall "$root/pkrj" validate)
echo
echo "== full validate of the 100-line template, median of 7 processes"
echo "$pv $jv" | awk '{ printf "packer validate %d ms, pkrj validate %d ms, ratio %.2fx\n", $1, $2, $2 / $1 }'
