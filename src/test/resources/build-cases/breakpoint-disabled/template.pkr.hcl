source "null" "b" {
  communicator = "none"
}

build {
  sources = ["source.null.b"]

  provisioner "breakpoint" {
    disable = true
    note    = "skipped"
  }

  provisioner "breakpoint" {
    disable = true
  }

  provisioner "shell-local" {
    inline = ["echo after"]
  }
}
