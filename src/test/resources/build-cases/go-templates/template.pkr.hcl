source "null" "gt" {
  communicator = "none"
}

build {
  sources = ["source.null.gt"]

  provisioner "shell-local" {
    inline = [
      "echo '{{ upper \"shout\" }} {{ lower \"QUIET\" }} {{ split \"a-b-c\" \"-\" 1 }}'",
      "echo '{{ replace_all \"o\" \"0\" \"foo boo\" }} {{ replace \"o\" \"0\" 1 \"foo boo\" }}'",
      "echo '{{ .ID }} {{ build_name }} {{ build_type }} {{ \"piped\" | printf \"%s!\" }}'",
    ]
  }

  post-processor "manifest" {
    output      = "{{ build_name }}-manifest.json"
    custom_data = { kind = "{{ build_type }}", raw = "{{ \"x\" }}" }
  }
}
