variable "name" {
  type = string
}

variable "size" {
  type = number
}

source "file" "out" {
  content = "${var.name}:${var.size}"
  target  = "out.txt"
}

build {
  sources = ["source.file.out"]
}
