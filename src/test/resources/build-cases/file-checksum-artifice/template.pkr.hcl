source "file" "f" {
  source = "src.txt"
  target = "out/target.txt"
}
source "file" "c" {
  content = "inline content"
  target  = "c.txt"
}
build {
  sources = ["source.file.f", "source.file.c"]
  provisioner "shell-local" {
    inline = ["echo prov"]
  }
  post-processor "checksum" {
    checksum_types = ["md5", "sha256"]
  }
  post-processor "artifice" {
    files = ["c.txt", "extra.txt"]
  }
  post-processor "shell-local" {
    inline = ["echo pp-local $PACKER_BUILD_NAME"]
  }
}
