packer {
  required_version = ">= 1.7.0"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "version" {
  type    = string
  default = "1.0.0"
}

variable "db_password" {
  type      = string
  default   = "example"
  sensitive = true
}

locals {
  ami_name = "app-${var.version}-${formatdate("YYYYMMDDhhmmss", timestamp())}"
  tags = {
    app     = "app"
    version = var.version
    built   = timestamp()
  }
  packages = [for p in ["curl", "jq", "unzip"] : upper(p)]
}

source "amazon-ebs" "app" {
  region        = var.region
  instance_type = "t3.micro"
  ami_name      = local.ami_name
  ssh_username  = "ubuntu"
  tags          = local.tags
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
    volume_type           = "gp3"
    delete_on_termination = true
  }
}

source "docker" "app" {
  image  = "debian:12"
  commit = true
}

build {
  sources = ["source.amazon-ebs.app", "source.docker.app"]

  provisioner "file" {
    content     = jsonencode(local.tags)
    destination = "/tmp/tags.json"
  }

  provisioner "shell" {
    environment_vars = ["VERSION=${var.version}"]
    inline           = ["echo building $VERSION", "sudo apt-get install -y ${join(" ", local.packages)}"]
  }

  post-processor "manifest" {
    output = "manifest.json"
  }
}
