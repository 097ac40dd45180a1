source "null" "v" {
  communicator = "none"
}

build {
  sources = ["source.null.v"]

  provisioner "shell-local" {
    inline = ["echo {{ packer_version }}"]
  }
}
