#!/usr/bin/env bash
# A 256 MB upload through the file provisioner, side by side: pkrj (scp and sftp), OpenSSH's scp, and the real packer
# (v1.6.6), all to the same throwaway OpenSSH sshd on 127.0.0.1. Prints the median wall time of each and the ratios
# of scp's time to ours (target: ours >= 0.95x scp, i.e. scp/ours >= 0.95).
#
#   bench/ssh-upload.sh            3 runs of each
#   RUNS=5 SIZE_MB=512 bench/ssh-upload.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packer=$(command -v "${PACKER:-packer}") || { echo "packer not found: apt-get install packer" >&2; exit 1; }
runs=${RUNS:-3}
size=${SIZE_MB:-256}
# shellcheck source=bench/classpath.sh
. "$root/bench/classpath.sh"
scratch=$(mktemp -d)
ssh-keygen -q -t ed25519 -N '' -f "$scratch/user_ed25519"
cp "$scratch/user_ed25519.pub" "$scratch/authorized_keys"
# shellcheck source=bench/sshd.sh
. "$root/bench/sshd.sh"
start_sshd "AuthorizedKeysFile $scratch/authorized_keys"
port=$ssh_port
trap 'kill $sshd_pid 2>/dev/null; rm -rf "$scratch"' EXIT
head -c $((size * 1024 * 1024)) /dev/urandom > "$scratch/big.bin"
mkdir -p "$scratch/remote"
user=$(id -un)

template() {
  local method=$1
  cat <<HCL
source "null" "up" {
  ssh_host                 = "127.0.0.1"
  ssh_port                 = $port
  ssh_username             = "$user"
  ssh_private_key_file     = "$scratch/user_ed25519"
  ssh_file_transfer_method = "$method"
}

build {
  sources = ["source.null.up"]

  provisioner "file" {
    source      = "$scratch/big.bin"
    destination = "$scratch/remote/big.bin"
  }
}
HCL
}
template scp > "$scratch/scp.pkr.hcl"
template sftp > "$scratch/sftp.pkr.hcl"

median_ms() {
  local times=()
  for _ in $(seq 1 "$runs"); do
    rm -f "$scratch/remote/big.bin"
    local start end
    start=$(date +%s%N)
    "$@" > "$scratch/out.txt" 2>&1 || { cat "$scratch/out.txt" >&2; exit 1; }
    end=$(date +%s%N)
    cmp -s "$scratch/big.bin" "$scratch/remote/big.bin" || { echo "upload differs: $*" >&2; exit 1; }
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

scp_ms=$(median_ms scp -q -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -i "$scratch/user_ed25519" \
  -P "$port" "$scratch/big.bin" "$user@127.0.0.1:$scratch/remote/big.bin")
ours_scp=$(median_ms "$root/pkrj" build -color=false "$scratch/scp.pkr.hcl")
ours_sftp=$(median_ms "$root/pkrj" build -color=false "$scratch/sftp.pkr.hcl")
theirs=$(CHECKPOINT_DISABLE=1 median_ms "$packer" build -color=false "$scratch/scp.pkr.hcl")
warm() {
  java -cp "$bench_cp" io.jenkins.plugins.packer.bench.SshUploadBench 127.0.0.1 "$port" \
    "$user" "$scratch/user_ed25519" "$scratch/big.bin" "$scratch/remote/big.bin" "$1" 2 "$runs"
}
warm_scp=$(warm scp)
warm_sftp=$(warm sftp)
# The whole build through the file provisioner (connect, upload, disconnect) in a warm JVM, as packerBuild runs it.
warm_build=$(java -cp "$bench_cp" io.jenkins.plugins.packer.bench.SshBuildBench \
  "$scratch/scp.pkr.hcl" 2 "$runs")
cmp -s "$scratch/big.bin" "$scratch/remote/big.bin" || { echo "upload differs: warm build" >&2; exit 1; }
printf 'upload of %d MB, median of %d runs\n' "$size" "$runs"
printf '%-44s %8d ms\n' "OpenSSH scp (whole command)" "$scp_ms" \
  "pkrj build (scp, whole command, JVM start)" "$ours_scp" "pkrj build (sftp, whole command, JVM start)" "$ours_sftp" \
  "packer 1.6.6 build (scp, whole command)" "$theirs" "engine upload in a warm JVM (scp)" "$warm_scp" \
  "engine upload in a warm JVM (sftp)" "$warm_sftp" "engine build, file provisioner, warm JVM (scp)" "$warm_build"
awk -v s="$scp_ms" -v a="$ours_scp" -v b="$ours_sftp" -v p="$theirs" -v w="$warm_scp" -v x="$warm_sftp" \
    -v g="$warm_build" 'BEGIN {
  printf "speed vs OpenSSH scp: pkrj build scp %.2fx, sftp %.2fx; packer %.2fx; warm engine scp %.2fx, sftp %.2fx;", s / a, s / b, s / p, s / w, s / x
  printf " warm engine build %.2fx (target >= 0.95x)\n", s / g }'
