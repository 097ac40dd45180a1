locals {
  secret = file("../outside.txt")
}

source "file" "out" {
  content = local.secret
  target  = "out.txt"
}

build {
  sources = ["source.file.out"]
}
