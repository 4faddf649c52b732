// Package version orders package versions by each ecosystem's own rules:
// SemVer 2.0 (npm, crates.io, Go with its "v" prefix, pseudo-versions and
// +incompatible), PEP 440 (PyPI), Maven's ComparableVersion, RubyGems,
// NuGet, Packagist, Debian (epoch, "~"), Alpine apk and RPM (rpmvercmp with
// epoch).
//
// It builds on github.com/google/osv-scalibr/semantic, which depends on the
// standard library alone; the tests here hold it to each ecosystem's rules.
package version

import (
	"fmt"
	"strings"

	"github.com/google/osv-scalibr/semantic"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Version is a parsed version that compares against others of its
// ecosystem.
type Version = semantic.Version

// Parse reads v under eco's rules. The ecosystem may carry a release
// suffix ("Debian:12", "Alpine:v3.19"); it does not change the ordering.
func Parse(eco vouch.Ecosystem, v string) (Version, error) {
	e := string(eco)
	if i := strings.IndexByte(e, ':'); i >= 0 {
		e = e[:i]
	}
	if e == string(vouch.EcosystemGo) {
		v = strings.TrimPrefix(v, "v")
	}
	p, err := semantic.Parse(v, e)
	if err != nil {
		return nil, fmt.Errorf("version %q of %s: %w", v, eco, err)
	}
	return p, nil
}

// Compare returns -1, 0 or +1 as a is older than, equal to, or newer than
// b under eco's rules.
func Compare(eco vouch.Ecosystem, a, b string) (int, error) {
	pa, err := Parse(eco, a)
	if err != nil {
		return 0, err
	}
	if string(eco) == string(vouch.EcosystemGo) || strings.HasPrefix(string(eco), "Go:") {
		b = strings.TrimPrefix(b, "v")
	}
	c, err := pa.CompareStr(b)
	if err != nil {
		return 0, fmt.Errorf("version %q of %s: %w", b, eco, err)
	}
	return c, nil
}
