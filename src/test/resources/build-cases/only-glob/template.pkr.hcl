source "null" "alpha" {
  communicator = "none"
}

source "null" "beta" {
  communicator = "none"
}

build {
  name    = "b"
  sources = ["source.null.alpha", "source.null.beta"]

  provisioner "shell-local" {
    inline = ["echo ${source.name}"]
  }

  post-processor "manifest" {
    name   = "skipme"
    output = "skipped.json"
  }

  post-processor "manifest" {
    output = "kept.json"
  }
}
