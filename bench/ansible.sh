#!/usr/bin/env bash
# One playbook of 10 tasks run by the ansible provisioner on a null build over SSH, side by side, one process each,
# against the same throwaway OpenSSH sshd on 127.0.0.1: pkrj through its SSH proxy (Ansible's defaults), pkrj with
# use_proxy = false, and pkrj and the real packer (v1.6.6) through their proxies with the settings packer 1.6.6 needs
# with OpenSSH 9 (use_sftp, and the ssh-rsa host key signature re-enabled). Prints the median wall time of RUNS (3)
# and the ratios to packer's.
#
#   bench/ansible.sh
#   RUNS=5 bench/ansible.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packer=$(command -v "${PACKER:-packer}") || { echo "packer not found: apt-get install packer" >&2; exit 1; }
command -v ansible-playbook >/dev/null || { echo "ansible-playbook not found: apt-get install ansible-core" >&2; exit 1; }
runs=${RUNS:-3}
"$root/pkrj" version >/dev/null
scratch=$(mktemp -d)
user=$(id -un)
ssh-keygen -q -t ed25519 -N '' -f "$scratch/user_key"
# shellcheck source=bench/sshd.sh
. "$root/bench/sshd.sh"
start_sshd "AuthorizedKeysFile $scratch/user_key.pub"
trap 'kill $sshd_pid 2>/dev/null; rm -rf "$scratch"' EXIT

{
  printf -- '- hosts: default\n  gather_facts: false\n  tasks:\n'
  for i in $(seq 1 10); do
    printf '    - name: task %s\n      copy:\n        content: "task %s of {{ packer_builder_type }}\\n"\n' "$i" "$i"
    printf '        dest: "{{ out }}/task-%s.txt"\n' "$i"
  done
} > "$scratch/play.yml"

template() { # $1: extra provisioner options, $2: output folder
  cat <<EOF
source "null" "s" {
  ssh_host             = "127.0.0.1"
  ssh_port             = $ssh_port
  ssh_username         = "$user"
  ssh_private_key_file = "$scratch/user_key"
}

build {
  sources = ["source.null.s"]
  provisioner "ansible" {
    playbook_file   = "$scratch/play.yml"
    extra_arguments = ["-e", "out=$2"]
    $1
  }
}
EOF
}

packer_settings='use_sftp = true
    ansible_ssh_extra_args = ["-o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedKeyTypes=+ssh-rsa"]'
export CHECKPOINT_DISABLE=1

# One build: prints its wall time in ms; fails the bench when it fails or makes fewer than 10 files.
timed() { # $1: name, $2: tool, $3: provisioner options
  local d="$scratch/$1" start rc
  mkdir -p "$d/out" "$d/home"
  template "$3" "$d/out" > "$d/t.pkr.hcl"
  start=$(date +%s%N)
  set +e
  (cd "$d" && HOME="$d/home" "$2" build -color=false t.pkr.hcl > "$d/log" 2>&1)
  rc=$?
  set -e
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ "$rc" != 0 ] || [ "$(ls "$d/out" | wc -l)" != 10 ]; then
    echo "$1 failed (exit $rc):" >&2; tail -20 "$d/log" >&2; exit 1
  fi
  echo "$ms"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

declare -A times
for i in $(seq 1 "$runs"); do
  times[proxy]+="$(timed "proxy-$i" "$root/pkrj" "") "
  times[direct]+="$(timed "direct-$i" "$root/pkrj" "use_proxy = false") "
  times[pkrj16]+="$(timed "pkrj16-$i" "$root/pkrj" "$packer_settings") "
  times[packer]+="$(timed "packer-$i" "$packer" "$packer_settings") "
done
m() { tr ' ' '\n' <<< "${times[$1]}" | grep . | median; }
p=$(m packer)
printf '%-58s %9s %7s\n' "10-task playbook, median of $runs, whole process" "wall" "ratio"
for k in proxy direct pkrj16 packer; do
  case $k in
    proxy) label="pkrj, through the proxy (defaults: sftp-mode scp)" ;;
    direct) label="pkrj, use_proxy = false" ;;
    pkrj16) label="pkrj, through the proxy, use_sftp (packer's settings)" ;;
    packer) label="packer 1.6.6, through its proxy, use_sftp" ;;
  esac
  echo "$(m $k) $p" | awk -v l="$label" '{ printf "%-58s %6d ms %6.2fx\n", l, $1, $1 / $2 }'
done
