source "null" "t" {
  communicator = "none"
}

build {
  sources = ["source.null.t"]

  provisioner "shell-local" {
    inline  = ["echo start", "sleep 5", "echo never"]
    timeout = "1s"
  }
}
