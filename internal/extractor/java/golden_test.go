package java

import (
	"encoding/json"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// summary is "name@version scope line" for every package, for tests that
// state their expectations in one line each.
func summary(pkgs []vouch.Package) map[string]string {
	m := map[string]string{}
	for _, p := range pkgs {
		line := 0
		if len(p.Locations) > 0 {
			line = p.Locations[0].Line
		}
		m[p.Name] = p.Version + " " + string(p.Scope) + " " + itoa(line)
	}
	return m
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
