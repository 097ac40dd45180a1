source "null" "one" {
  communicator = "none"
}

build {
  sources = ["source.null.one"]

  post-processor "manifest" {
    name   = "first"
    output = "first.json"
  }

  post-processors {
    post-processor "manifest" {
      output = "second.json"
    }
    post-processor "manifest" {
      name                = "manifest"
      output              = "third.json"
      keep_input_artifact = false
    }
  }

  post-processors {
    post-processor "manifest" {
      name       = "stripped"
      output     = "fourth.json"
      strip_time = true
      strip_path = true
    }
  }
}
