source "file" "a" {
  content = "hello compress\n"
  target  = "a.txt"
}
build {
  sources = ["source.file.a"]
  post-processor "compress" {
    output = "out/{{.BuildName}}.tar.gz"
    keep_input_artifact = true
  }
  post-processor "compress" {
    output = "out/plain.gz"
    keep_input_artifact = true
  }
  post-processor "compress" {
    output = "out/z.zip"
    keep_input_artifact = true
  }
  post-processor "compress" {
    output = "out/x.xz"
    keep_input_artifact = true
  }
  post-processor "compress" {
    output = "out/x.lz4"
    keep_input_artifact = true
  }
  post-processor "compress" {
    output = "out/x.bgzf"
    keep_input_artifact = true
  }
  post-processor "compress" {
    output = "out/t.tar"
    keep_input_artifact = true
  }
  post-processor "compress" {
    output = "out/fmt"
    format = "zip"
    keep_input_artifact = true
  }
  post-processor "compress" {
    compression_level = 9
  }
}

source "file" "b" {
  content = "second file\n"
  target  = "b.txt"
}

build {
  name    = "chain"
  sources = ["source.file.b"]

  post-processors {
    post-processor "compress" {
      output = "chain/{{.BuildName}}-{{.BuilderType}}.tar.xz"
    }
    post-processor "artifice" {
      files = ["b.txt"]
    }
  }
}
