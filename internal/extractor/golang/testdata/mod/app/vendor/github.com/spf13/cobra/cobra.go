package cobra

import "github.com/vendored/should-not-count"
