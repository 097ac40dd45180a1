variable "greeting" {
  type    = string
  default = "hello"
}

source "null" "one" {
  communicator = "none"
}

source "null" "two" {
  communicator = "none"
}

build {
  name    = "demo"
  sources = ["source.null.one", "source.null.two"]

  provisioner "shell-local" {
    inline = ["echo ${var.greeting} ${source.name} $PACKER_BUILD_NAME $PACKER_BUILDER_TYPE"]
  }

  provisioner "shell-local" {
    command          = "echo id=${build.ID} name={{build_name}} type={{build_type}} quoted=$QUOTED plain=$PLAIN"
    environment_vars = ["QUOTED=it's", "PLAIN=a b"]
  }

  post-processor "manifest" {
    output      = "manifest.json"
    custom_data = { greeting = var.greeting, source = source.name }
  }

  post-processor "shell-local" {
    inline = ["echo pp sees id=${build.ID} source=${source.name}"]
  }
}
