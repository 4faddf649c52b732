locals {
  prefix = "acme-${var.environment}"
  # A local built from another local: resolved in dependency order.
  logs_name = "${local.prefix}-logs"
  queues = {
    orders   = true
    invoices = false
  }
}

resource "aws_s3_bucket" "assets" {
  bucket = "${local.prefix}-assets"
  acl    = var.bucket_acl
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket                  = aws_s3_bucket.assets.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}

resource "aws_instance" "web" {
  count                       = var.instance_count
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true

  metadata_options {
    http_tokens = count.index == 0 ? "required" : "optional"
  }

  root_block_device {
    encrypted = true
  }
}

resource "aws_sqs_queue" "q" {
  for_each          = local.queues
  name              = "${local.prefix}-${each.key}"
  kms_master_key_id = each.value ? "alias/aws/sqs" : null
}

resource "aws_security_group" "admin" {
  name        = "admin"
  description = "administration"

  dynamic "ingress" {
    for_each = concat(var.admin_cidrs, ["0.0.0.0/0"])
    content {
      description = "ssh from ${ingress.value}"
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }
}

resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PassRole", "ec2:RunInstances"]
      Resource = "*"
    }]
  })
}

# vouch:ignore VCH-AWS-0048 rotated by the platform team, tracked in SEC-142
resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  username            = "app"
  password            = "Sup3rS3cret!"
  storage_encrypted   = true
  publicly_accessible = false
}

module "logs" {
  source = "./modules/bucket"
  name   = local.logs_name
  acl    = "log-delivery-write"
}

module "remote" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.1.0"
}
