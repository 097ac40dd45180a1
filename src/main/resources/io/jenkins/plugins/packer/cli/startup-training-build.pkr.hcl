source "amazon-ebs" "training" {
  region                     = "us-east-1"
  custom_endpoint_ec2        = "http://127.0.0.1:1"
  skip_region_validation     = true
  skip_credential_validation = true
  instance_type              = "t3.micro"
  source_ami                 = "ami-00000000000000000"
  ami_name                   = "startup-training"
  ssh_username               = "training"
}

source "null" "ssh" {
  ssh_host     = "127.0.0.1"
  ssh_port     = 1
  ssh_username = "training"
  ssh_password = "training"
  ssh_timeout  = "1s"
}

build {
  sources = ["source.amazon-ebs.training", "source.null.ssh"]
  provisioner "shell" {
    inline = ["true"]
  }
}
