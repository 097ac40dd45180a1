#!/usr/bin/env bash
# Deep nesting, side by side: inputs ten times deeper than those that once overflowed pkrj's stack (lists, objects,
# a sum of terms, interpolations, JSON, Go-template parentheses, dynamic blocks), each run once by `pkrj` and by the
# real `packer` (v1.6.6). Prints, for each, the command's exit code, the first line it printed, its wall time and its
# peak memory (RSS), ours beside packer's.
#
#   bench/depth-table.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packer=$(command -v "${PACKER:-packer}") || { echo "packer not found: apt-get install packer" >&2; exit 1; }
(cd "$root" && mvn -B -q package -Dmaven.test.skip=true >&2)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

python3 - "$scratch" <<'EOF'
import sys, os
d = sys.argv[1]
tail = 'source "null" "n" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.n"]\n}\n'
def write(name, text):
    with open(os.path.join(d, name), "w") as f:
        f.write(text)
write("lists.pkr.hcl", "locals {\n  x = " + "[" * 4050 + "]" * 4050 + "\n}\n\n" + tail)
write("objects.pkr.hcl", "locals {\n  x = " + "{a = " * 3800 + "1" + "}" * 3800 + "\n}\n\n" + tail)
write("terms.pkr.hcl", "locals {\n  x = " + "+".join(["1"] * 14700) + "\n}\n\n" + tail)
write("interpolations.pkr.hcl", "locals {\n  x = " + '"${' * 3000 + "1" + '}"' * 3000 + "\n}\n\n" + tail)
write("deep.pkr.json", '{"locals": {"x": ' + "[" * 20000 + "]" * 20000 + "}, " + '"source": {"null": {"n": '
      '{"communicator": "none"}}}, "build": {"sources": ["source.null.n"]}}')
write("gotemplate.json", '{"builders": [{"type": "file", "content": "{{' + "(" * 2000 + "user `x`" + ")" * 2000
      + '}}", "target": "o"}], "variables": {"x": "1"}}')
dyn = ""
for i in range(7000):
    dyn += 'dynamic "b%d" {\n  for_each = [1]\n  content {\n' % i
dyn += "}\n}\n" * 7000
write("dynamic.pkr.hcl", 'source "null" "n" {\n  communicator = "none"\n' + dyn + "}\n\nbuild {\n"
      '  sources = ["source.null.n"]\n}\n')
EOF

# Runs one command; prints "exit seconds MB first-line".
one() {
  local out="$scratch/out" rss="$scratch/rss" start end code
  start=$(date +%s%N)
  set +e
  (cd "$scratch" && CHECKPOINT_DISABLE=1 timeout 600 /usr/bin/time -f '%M' -o "$rss" "$@" >"$out" 2>&1)
  code=$?
  set -e
  end=$(date +%s%N)
  printf '%d %.2f %d %s\n' "$code" "$(echo "($end - $start) / 1000000000" | bc -l)" $(( $(tail -1 "$rss") / 1024 )) \
    "$(grep -v '^$' "$out" | head -1 | cut -c1-60)"
}

printf '%-34s | %-4s %7s %6s %-40s | %-4s %7s %6s %s\n' input exit time MB "pkrj says" exit time MB "packer says"
for row in "lists.pkr.hcl:4,050 nested lists:validate" "objects.pkr.hcl:3,800 nested objects:validate" \
  "terms.pkr.hcl:14,700 terms of 1+1+…:validate" "interpolations.pkr.hcl:3,000 nested interpolations:fmt" \
  "deep.pkr.json:20,000-deep JSON:validate" "gotemplate.json:2,000-deep Go-template parens:validate" \
  "dynamic.pkr.hcl:7,000 nested dynamic blocks:validate"; do
  IFS=: read -r file what command <<<"$row"
  ours=$(one "$root/pkrj" "$command" "$file")
  theirs=$(one "$packer" "$command" "$file")
  read -r oc ot om os <<<"$ours"
  read -r pc pt pm ps <<<"$theirs"
  printf '%-34s | %-4s %6ss %6s %-40s | %-4s %6ss %6s %s\n' "$what ($command)" "$oc" "$ot" "$om" "${os:0:40}" \
    "$pc" "$pt" "$pm" "${ps:0:40}"
done
