go test fuzz v1
[]byte("module github.com/example/app/tools\n\ngo 1.24.0\n\nrequire golang.org/x/tools v0.30.0\n")
