source "null" "r" {
  communicator = "none"
}

build {
  sources = ["source.null.r"]

  provisioner "shell-local" {
    inline = ["echo {{ template_dir }}"]
  }
}
