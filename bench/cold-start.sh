#!/usr/bin/env bash
# Cold start, side by side: each command is one whole process, as a user or CI runs it, alternating pkrj and the
# reference, RUNS times (7 by default); prints the median wall times and their ratio pkrj / reference.
#
#   - validate of a 111-line amazon-ebs template and of a directory of 10 templates: pkrj beside packer 1.16.0 with
#     packer-plugin-amazon (../shared/tools/modern-packer/install.sh builds it into /opt/packer-modern)
#   - validate -syntax-only and fmt -check of the same template: pkrj beside packer 1.6.6 (apt-get install packer)
#
# pkrj runs through its launcher, with the start-up cache it makes (Java 25's AOT cache where a Java 25 is
# installed, the class-data archive otherwise; see ./pkrj). PKRJ_JAVA picks another Java.
#
#   bench/cold-start.sh
#   RUNS=11 bench/cold-start.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-7}
old=$(command -v packer || true)
modern=${PACKER_MODERN:-/opt/packer-modern/bin/packer-oracle}
[ -x "$modern" ] || modern=""
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$root/pkrj" version >/dev/null   # builds the jar and the start-up cache first

# A 111-line amazon-ebs template (with its packer block): variables, locals with functions, a source AMI filter, block devices, tags, a
# breakpoint, shell and shell-local provisioner, and a manifest.
template() {
  local n=$1 plugins=$2
  if [ "$plugins" = yes ]; then
    printf 'packer {\n  required_plugins {\n    amazon = {\n      version = ">= 1.8.0"\n'
    printf '      source  = "github.com/hashicorp/amazon"\n    }\n  }\n}\n\n'
  fi
  cat <<EOF
variable "region$n" {
  type    = string
  default = "us-east-1"
}

variable "version$n" {
  type        = string
  default     = "1.2.$n"
  description = "The version baked into the image."
}

variable "instance_type$n" {
  type    = string
  default = "t3.micro"
}

variable "ami_users$n" {
  type    = list(string)
  default = []
}

variable "ami_groups$n" {
  type    = list(string)
  default = []
}

variable "db_password$n" {
  type      = string
  default   = "not-a-real-password"
  sensitive = true
}

locals {
  name$n     = "app$n-\${var.version$n}"
  packages$n = ["curl", "jq", "unzip", "nginx"]
  tags$n = {
    Name    = "app$n"
    Version = var.version$n
    Owner   = "platform-team"
  }
}

source "amazon-ebs" "app$n" {
  region        = var.region$n
  instance_type = var.instance_type$n
  ami_name      = "\${local.name$n}-{{timestamp}}"
  ssh_username  = "ubuntu"
  ami_users     = var.ami_users$n
  tags          = local.tags$n
  run_tags      = merge(local.tags$n, { Stage = "build" })

  source_ami_filter {
    filters = {
      name                = "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
    owners      = ["099720109477"]
    most_recent = true
  }

  launch_block_device_mappings {
    device_name           = "/dev/sda1"
    volume_size           = 20
    volume_type           = "gp2"
    delete_on_termination = true
  }

  ami_block_device_mappings {
    device_name = "/dev/sdf"
    volume_size = 10
    volume_type = "gp2"
  }
}

build {
  name    = "app$n"
  sources = ["source.amazon-ebs.app$n"]

  provisioner "breakpoint" {
    disable = true
    note    = "tags: \${jsonencode(local.tags$n)}"
  }

  provisioner "shell" {
    environment_vars = ["VERSION=\${var.version$n}", "DB_PASSWORD=\${var.db_password$n}"]
    inline = [
      "sudo apt-get update",
      "sudo apt-get install -y \${join(" ", local.packages$n)}",
      "echo \$VERSION | sudo tee /etc/app-version",
    ]
  }

  provisioner "shell-local" {
    inline = ["echo built \${local.name$n}"]
  }

  post-processor "manifest" {
    output     = "manifest-$n.json"
    strip_path = true
  }
}
EOF
}

mkdir -p "$scratch/one" "$scratch/one-old" "$scratch/ten"
template 0 yes > "$scratch/one/app.pkr.hcl"
template 0 no > "$scratch/one-old/app.pkr.hcl"
for i in $(seq 1 10); do template "$i" no > "$scratch/ten/app$i.pkr.hcl"; done
template 11 yes | sed -n '1,8p' > "$scratch/ten/plugins.pkr.hcl"   # the packer block, once

# Median wall time in ms of "$@" run RUNS times in DIR, alternating with nothing else.
median() {
  local dir=$1; shift
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N)
    (cd "$dir" && CHECKPOINT_DISABLE=1 "$@" >/dev/null 2>&1) || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

row() {
  local name=$1 dir=$2 theirs=$3; shift 3
  if [ -z "$theirs" ]; then
    printf '%-44s %8s ms %14s\n' "$name" "$(median "$dir" "$root/pkrj" "$@")" "(no reference)"
    return
  fi
  local a b
  # Alternate: one run of each per round, so that load changes hit both alike.
  local ours=() ref=()
  for _ in $(seq 1 "$runs"); do
    local s m e
    s=$(date +%s%N)
    (cd "$dir" && CHECKPOINT_DISABLE=1 "$root/pkrj" "$@" >/dev/null 2>&1) || true
    m=$(date +%s%N)
    (cd "$dir" && CHECKPOINT_DISABLE=1 "$theirs" "$@" >/dev/null 2>&1) || true
    e=$(date +%s%N)
    ours+=($(( (m - s) / 1000000 )))
    ref+=($(( (e - m) / 1000000 )))
  done
  a=$(printf '%s\n' "${ours[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  b=$(printf '%s\n' "${ref[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  echo "$a $b" | awk -v n="$name" '{ printf "%-44s %8d ms %8d ms %7.2fx\n", n, $1, $2, $1 / $2 }'
}

printf '%-44s %11s %11s %8s\n' "command (median of $runs)" "pkrj" "reference" "ratio"
row "validate, 111 lines (packer 1.16)" "$scratch/one" "$modern" validate .
row "validate, 10 templates (packer 1.16)" "$scratch/ten" "$modern" validate .
row "validate, 111 lines (packer 1.6.6)" "$scratch/one-old" "$old" validate .
row "validate -syntax-only (packer 1.6.6)" "$scratch/one-old" "$old" validate -syntax-only .
row "fmt -check (packer 1.6.6)" "$scratch/one-old" "$old" fmt -check .
