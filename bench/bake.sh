#!/usr/bin/env bash
# A cold amazon-ebs bake, side by side: the same template (a source AMI filter, a temporary key pair and security
# group, one shell provisioner, the AMI) built by `pkrj build` and by the real `packer build` (v1.6.6), one process
# each, against the same EC2 (moto on 127.0.0.1, from the project's .venv) and the same OpenSSH sshd on 127.0.0.1
# standing in for the instance. Prints the median of RUNS (5) for the time to the first build line and the whole
# wall time, and their ratios; then two bakes in a row in one JVM (bench/BakeTwice.java): the first (cold) and the
# second (warm) build's time, and their ratio; then the same in a JVM that first ran the warm-up the plugin runs on
# each agent that comes online.
#
#   bench/bake.sh
#   RUNS=9 bench/bake.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packer=$(command -v "${PACKER:-packer}") || { echo "packer not found: apt-get install packer" >&2; exit 1; }
moto=$root/.venv/bin/moto_server
[ -x "$moto" ] || { echo "moto not installed: python3 -m venv .venv && .venv/bin/pip install 'moto[server]'" >&2; exit 1; }
runs=${RUNS:-5}
"$root/pkrj" version >/dev/null
scratch=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# sshd that accepts any key (the builds' temporary key pairs) for the current user.
user=$(id -un)
# shellcheck source=bench/sshd.sh
. "$root/bench/sshd.sh"
start_sshd "AuthorizedKeysFile none" "AuthorizedKeysCommand /bin/echo %t %k" "AuthorizedKeysCommandUser $user"
moto_port=$(free_port)
"$moto" -H 127.0.0.1 -p "$moto_port" > "$scratch/moto.log" 2>&1 &
moto_pid=$!
trap 'kill $sshd_pid $moto_pid 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$moto_port/" && break
  sleep 0.2
done

template() {
  cat <<EOF
source "amazon-ebs" "base" {
  region                 = "us-east-1"
  custom_endpoint_ec2    = "http://127.0.0.1:$moto_port"
  skip_region_validation = true
  instance_type          = "t2.micro"
  source_ami_filter {
    filters = {
      name = "ubuntu/images/hvm-ssd/ubuntu-trusty-14.04-amd64-server-*"
    }
    owners      = ["099720109477"]
    most_recent = true
  }
  ami_name     = "bench-$1-{{timestamp}}-{{uuid}}"
  ssh_username = "$user"
  ssh_host     = "127.0.0.1"
  ssh_port     = $ssh_port
}

build {
  sources = ["source.amazon-ebs.base"]
  provisioner "shell" {
    inline = ["echo baked by \$(whoami)"]
  }
}
EOF
}

export AWS_ACCESS_KEY_ID=AKIAMOTOBENCH0000001 AWS_SECRET_ACCESS_KEY=moto-bench-secret AWS_DEFAULT_REGION=us-east-1
export CHECKPOINT_DISABLE=1

# One run of "$@" build: prints "<ms to the first '==>' line> <ms in all> <exit code>".
timed() {
  local dir=$1; shift
  local start first=0
  start=$(date +%s%N)
  set +e
  (cd "$dir" && "$@" build -color=false t.pkr.hcl 2>&1) | while IFS= read -r line; do
    if [ "$first" = 0 ] && [[ "$line" == "==> "* ]]; then
      first=$(( ($(date +%s%N) - start) / 1000000 ))
      echo "$first" > "$dir/first"
    fi
    echo "$line" >> "$dir/out"
  done
  local rc=${PIPESTATUS[0]}
  set -e
  echo "$(cat "$dir/first" 2>/dev/null || echo -1) $(( ($(date +%s%N) - start) / 1000000 )) $rc"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

ours_first=() ours_all=() theirs_first=() theirs_all=()
for i in $(seq 1 "$runs"); do
  for who in pkrj packer; do
    d="$scratch/$who-$i"
    mkdir -p "$d"
    template "$who-$i" > "$d/t.pkr.hcl"
    if [ "$who" = pkrj ]; then
      read -r f a rc < <(timed "$d" "$root/pkrj")
      ours_first+=("$f") ours_all+=("$a")
    else
      read -r f a rc < <(timed "$d" "$packer")
      theirs_first+=("$f") theirs_all+=("$a")
    fi
    [ "$rc" = 0 ] || { echo "$who build $i failed (exit $rc):" >&2; tail -20 "$d/out" >&2; exit 1; }
  done
done
of=$(printf '%s\n' "${ours_first[@]}" | median); oa=$(printf '%s\n' "${ours_all[@]}" | median)
tf=$(printf '%s\n' "${theirs_first[@]}" | median); ta=$(printf '%s\n' "${theirs_all[@]}" | median)
printf '%-36s %10s %10s %8s\n' "cold bake, median of $runs" "pkrj" "packer" "ratio"
echo "$of $tf" | awk '{ printf "%-36s %7d ms %7d ms %7.2fx\n", "first build line", $1, $2, $1 / $2 }'
echo "$oa $ta" | awk '{ printf "%-36s %7d ms %7d ms %7.2fx\n", "whole process", $1, $2, $1 / $2 }'

# Two bakes in a row in one JVM, through the engine (what an agent does for two packerBuild steps).
d="$scratch/twice"
mkdir -p "$d"
template twice > "$d/t.pkr.hcl"
java -XX:+UseSerialGC -cp "$root/target/pkrj.jar:$root/target/classes" "$root/bench/BakeTwice.java" "$d"
# The same in a JVM that first ran the plugin's warm-up, as an agent does once it comes online (AgentWarmUpListener).
d="$scratch/twice-warmed"
mkdir -p "$d"
template twice-warmed > "$d/t.pkr.hcl"
java -XX:+UseSerialGC -cp "$root/target/pkrj.jar:$root/target/classes" "$root/bench/BakeTwice.java" "$d" warmed
