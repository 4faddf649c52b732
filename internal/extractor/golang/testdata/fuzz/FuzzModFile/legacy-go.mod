go test fuzz v1
[]byte("module example.com/legacy\n\ngo 1.21\n\nrequire (\n\tgithub.com/pkg/errors v0.9.1\n\tgopkg.in/yaml.v3 v3.0.1\n)\n\nrequire github.com/kr/text v0.2.0 // indirect\n")
