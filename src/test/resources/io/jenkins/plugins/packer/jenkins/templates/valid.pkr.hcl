variable "greeting" {
  type    = string
  default = "hello"
}

source "file" "greeting" {
  content = var.greeting
  target  = "greeting.txt"
}

build {
  sources = ["source.file.greeting"]
}
