source "amazon-ebs" "training" {
  region                     = "us-east-1"
  custom_endpoint_ec2        = "@EC2@"
  insecure_skip_tls_verify   = true
  skip_region_validation     = true
  skip_credential_validation = true
  instance_type              = "t3.micro"
  source_ami_filter {
    filters = {
      name = "training-*"
    }
    owners      = ["self"]
    most_recent = true
  }
  ami_name                   = "startup-training"
  tags                       = { Name = "training", Base = "{{ .SourceAMI }}" }
  snapshot_tags              = { Kind = "training" }
  ssh_username               = "training"
  ssh_host                   = "127.0.0.1"
  ssh_port                   = @SSH@
  ssh_timeout                = "5s"
  aws_polling {
    delay_seconds = 1
    max_attempts  = 5
  }
}

build {
  sources = ["source.amazon-ebs.training"]
  provisioner "shell" {
    inline = ["true"]
  }
}
