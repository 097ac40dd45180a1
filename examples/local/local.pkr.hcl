packer {
  required_version = ">= 1.7.0"
}

variable "app_name" {
  type        = string
  default     = "hello"
  description = "Name stamped into the image metadata."
}

variable "version" {
  type    = string
  default = "1.0.0"
}

locals {
  image_name = "${var.app_name}-${var.version}"
  labels = {
    app     = var.app_name
    version = var.version
  }
}

source "null" "local" {
  communicator = "none"
}

build {
  name    = "example"
  sources = ["source.null.local"]

  provisioner "shell-local" {
    inline = ["echo building ${local.image_name}"]
  }

  post-processor "manifest" {
    output     = "packer-manifest.json"
    strip_path = true
    custom_data = {
      image = local.image_name
    }
  }
}
