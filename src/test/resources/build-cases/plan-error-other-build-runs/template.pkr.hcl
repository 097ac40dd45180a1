source "null" "good" {
  communicator = "none"
}

source "file" "bad" {
  content = "x"
}

build {
  sources = ["source.null.good", "source.file.bad"]

  provisioner "shell-local" {
    inline = ["echo good runs"]
  }
}
