module github.com/example/app/tools

go 1.24.0

require golang.org/x/tools v0.30.0
