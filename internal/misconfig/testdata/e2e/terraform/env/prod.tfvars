bucket_acl = "authenticated-read"
