source "null" "s" {
  communicator = "none"
}

build {
  sources = ["source.null.s"]

  provisioner "shell-local" {
    script           = "scripts/one.sh"
    environment_vars = ["FOO=x=y", "BAR="]
  }

  provisioner "shell-local" {
    scripts         = ["scripts/one.sh", "scripts/two.sh"]
    execute_command = ["/bin/sh", "-c", "echo running {{.Script}}; {{.Vars}} /bin/sh {{.Script}}"]
  }

  provisioner "shell-local" {
    inline         = ["echo bash here: $BASH_VERSION | cut -c1-15"]
    inline_shebang = "/bin/bash -e"
  }
}
