// Command pipeline-app is the sample project that the release pipelines in
// examples/github-actions and examples/gitlab-ci build, scan, sign, gate
// and deploy. It uses the standard library only.
package main

import (
	"fmt"
	"os"
)

// greeting is what the program prints for name.
func greeting(name string) string {
	if name == "" {
		name = "world"
	}
	return "hello, " + name
}

func main() {
	fmt.Println(greeting(os.Getenv("GREETING_NAME")))
}
