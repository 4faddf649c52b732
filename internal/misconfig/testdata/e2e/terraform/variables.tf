variable "environment" {
  type    = string
  default = "dev"
}

variable "bucket_acl" {
  description = "canned ACL of the assets bucket"
  type        = string
  default     = "private"
}

variable "instance_count" {
  type    = number
  default = 1
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}

variable "db_password" {
  type      = string
  sensitive = true
}
