variable "region" {
  type        = string
  default     = "eu-west-1"
  description = "The region the AMI is built in."
}

variable "instance_type" {
  type    = string
  default = "t3.small"
}

variable "ami_users" {
  type    = list(string)
  default = ["111111111111", "222222222222"]
}

variable "tags" {
  type = map(string)
  default = {
    team        = "platform"
    cost-center = "1234"
  }
}

variable "ssh_username" {
  type    = string
  default = "ubuntu"
}

variable "disk_size" {
  type    = number
  default = 16
}

variable "db_password" {
  type      = string
  default   = "not-a-real-password"
  sensitive = true
}

locals {
  timestamp   = regex_replace(timestamp(), "[- TZ:]", "")
  name_prefix = "web-${var.region}"
  ami_name    = "${local.name_prefix}-${local.timestamp}"
  packages    = ["nginx", "jq", "unzip", "awscli"]
  all_tags = merge(var.tags, {
    Name      = local.ami_name
    BuiltWith = "packer ${packer.version}"
    Region    = upper(var.region)
  })
  volume_count = var.disk_size > 10 ? 2 : 1
  devices      = [for i in range(local.volume_count) : "/dev/sd${substr("fghij", i, 1)}"]
}

source "amazon-ebs" "ubuntu" {
  region        = var.region
  instance_type = var.instance_type
  ami_name      = local.ami_name
  ami_users     = var.ami_users
  ssh_username  = var.ssh_username
  tags          = local.all_tags

  source_ami_filter {
    filters = {
      name                = "ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
    most_recent = true
    owners      = ["099720109477"]
  }

  launch_block_device_mappings {
    device_name           = "/dev/sda1"
    volume_size           = var.disk_size
    volume_type           = "gp3"
    delete_on_termination = true
  }
}

build {
  name    = "web"
  sources = ["source.amazon-ebs.ubuntu"]

  provisioner "shell" {
    environment_vars = [
      "DEBIAN_FRONTEND=noninteractive",
      "PACKAGES=${join(" ", local.packages)}",
      "DEVICES=${join(",", local.devices)}",
    ]
    inline = [
      "sudo apt-get update",
      "sudo apt-get install -y $PACKAGES",
      "echo ${length(local.packages)} packages installed",
    ]
  }

  provisioner "file" {
    source      = "files/nginx.conf"
    destination = "/tmp/nginx.conf"
  }

  post-processor "manifest" {
    output     = "manifest-${lower(var.region)}.json"
    strip_path = true
    custom_data = {
      ami_name = local.ami_name
      tags     = jsonencode(local.all_tags)
    }
  }
}
