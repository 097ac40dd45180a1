source "null" "a" {
  communicator = "none"
  bogus        = 1
}

source "file" "b" {
}

build {
  sources = ["source.null.a", "source.file.b"]
}
