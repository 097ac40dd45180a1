source "null" "b" {
  communicator = "none"
}
build {
  sources = ["source.null.b"]
  provisioner "shell-local" {
    inline = ["echo after"]
  }
}
