package main

import (
	"log"

	"github.com/pkg/errors"
	yaml "gopkg.in/yaml.v3"
)

func main() {
	var v any
	if err := yaml.Unmarshal([]byte("a: 1"), &v); err != nil {
		log.Fatal(errors.Wrap(err, "parse"))
	}
}
