source "null" "o" {
  communicator = "none"
}

build {
  sources = ["source.null.o"]

  provisioner "shell-local" {
    inline = ["printf 'first\\n\\n  indented  \\nprogress 10%%\\rprogress 100%%\\nno newline at end'"]
  }

  provisioner "shell-local" {
    inline = ["echo to stderr >&2"]
  }
}
