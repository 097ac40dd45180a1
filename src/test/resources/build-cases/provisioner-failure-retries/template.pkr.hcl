source "null" "one" {
  communicator = "none"
}

build {
  sources = ["source.null.one"]

  provisioner "shell-local" {
    inline           = ["echo allowed; exit 2"]
    valid_exit_codes = [0, 2]
  }

  provisioner "shell-local" {
    inline      = ["echo try", "exit 3"]
    max_retries = 2
  }

  provisioner "shell-local" {
    inline = ["echo never runs"]
  }

  post-processor "manifest" {
    output = "never.json"
  }
}
