source "file" "m" {
  source = "does-not-exist.txt"
  target = "out.txt"
}

build {
  sources = ["source.file.m"]
}
