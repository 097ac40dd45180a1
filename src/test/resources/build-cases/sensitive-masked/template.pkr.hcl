variable "token" {
  type      = string
  default   = "s3cr3t-value"
  sensitive = true
}

source "null" "m" {
  communicator = "none"
}

build {
  sources = ["source.null.m"]

  provisioner "shell-local" {
    inline = ["echo token is ${var.token}", "echo again s3cr3t-value and done"]
  }
}
