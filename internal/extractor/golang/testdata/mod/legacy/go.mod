module example.com/legacy

go 1.21

require (
	github.com/pkg/errors v0.9.1
	gopkg.in/yaml.v3 v3.0.1
)

require github.com/kr/text v0.2.0 // indirect
