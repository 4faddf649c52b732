module github.com/example/app

go 1.24.0

toolchain go1.24.4

require (
	github.com/google/uuid v1.6.0
	github.com/spf13/cobra v1.10.2
	golang.org/x/sync v0.24.0
	golang.org/x/text v0.42.0
)

require (
	example.com/legacy/metrics v0.3.1 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.10 // indirect
)

// The fork carries a fix that is not released yet.
replace github.com/google/uuid => ../forks/uuid

replace golang.org/x/text v0.42.0 => golang.org/x/text v0.43.0

// Only the listed version is replaced; v0.3.1 is what is required.
replace example.com/legacy/metrics v0.2.0 => example.com/legacy/metrics v0.2.1

exclude golang.org/x/sync v0.23.0
