// Package version orders package versions by each ecosystem's own rules:
// SemVer 2.0 (npm, crates.io, Go with its "v" prefix, pseudo-versions and
// +incompatible), PEP 440 (PyPI), Maven's ComparableVersion, RubyGems,
// NuGet, Packagist (Composer), Debian and Ubuntu (dpkg: epoch, "~"),
// Alpine apk, and RPM (rpmvercmp with epoch) for Red Hat, Rocky, Alma,
// SUSE and openSUSE.
//
// It builds on github.com/google/osv-scalibr/semantic, which depends on
// the standard library alone. The tests here hold it to each ecosystem's
// specification, its own test suite where it has one, and osv-scalibr's
// fixtures; where semantic departs from the ecosystem, Parse corrects it:
//
//   - Go: a leading "v" is dropped (v1.2.3 = 1.2.3).
//   - Maven: ".qualifier" reads as "-qualifier" where Maven 3.9 treats it
//     so, before a digit or at the end ("1.foo" = "1-foo", "1.0.RC1" =
//     "1.0-RC1"; MNG-7559, MNG-7644), and "release" ranks as "ga" and
//     "final" do (no qualifier). semantic, like osv.dev's reference
//     implementation, keeps the pre-3.9 rule ".qualifier" < "-qualifier",
//     so that "6.1.12.rc5" < "6.1.12rc1", and reads "release" as an
//     unknown qualifier.
//   - RubyGems: "-" reads as ".pre.", as Gem::Version does ("1.0.0-rc1" =
//     "1.0.0.pre.rc1").
//   - Packagist: a version's numeric part is padded to four numbers and a
//     "-stable" modifier dropped, as Composer's VersionParser normalises
//     them ("1.0" = "1.0.0" = "1.0.0.0" = "1.0.0-stable"); semantic, like
//     osv.dev, compares them as PHP's bare version_compare does, which
//     ranks "1.0" < "1.0.0" and so "v3.0" < "v3.0.0-beta".
//   - Alpine (and the other apk ecosystems: Wolfi, Chainguard, …): compared
//     by APKVersion, a port of apk-tools' algorithm, because semantic ranks
//     a missing suffix equal to "_cvs" and ignores commit hashes (see
//     APKVersion).
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

// maxLen bounds a version string: real versions are far shorter, and
// some comparators use arbitrary-precision numbers.
const maxLen = 512

// Parse reads v under eco's rules. The ecosystem may carry a release
// suffix ("Debian:12", "Alpine:v3.19"); it does not change the ordering.
func Parse(eco vouch.Ecosystem, v string) (Version, error) {
	e := string(eco)
	if i := strings.IndexByte(e, ':'); i >= 0 {
		e = e[:i]
	}
	if len(v) > maxLen {
		return nil, fmt.Errorf("version %.40q… of %s: longer than %d bytes", v, eco, maxLen)
	}
	switch e {
	case "Alpine", "Alpaquita", "BellSoft Hardened Containers", "Chainguard", "MinimOS", "Wolfi":
		return ParseAPK(v), nil
	}
	p, err := semantic.Parse(normalize(e, v), e)
	if err != nil {
		return nil, fmt.Errorf("version %q of %s: %w", v, eco, err)
	}
	return p, nil
}

// normalize rewrites v so that semantic orders it as ecosystem e does (see
// the package documentation).
func normalize(e, v string) string {
	switch e {
	case string(vouch.EcosystemGo):
		return strings.TrimPrefix(v, "v")
	case string(vouch.EcosystemMaven):
		return mavenDotQualifier(v)
	case string(vouch.EcosystemRubyGems):
		return strings.ReplaceAll(strings.TrimSpace(v), "-", ".pre.")
	case string(vouch.EcosystemPackagist):
		return composerPad(v)
	}
	return v
}

// mavenDotQualifier rewrites ".X" as "-X" for a qualifier X (a run of
// characters other than digits, "." and "-") that a digit follows or that
// ends the version, which is where Maven 3.9's ComparableVersion
// (MNG-7644) nests it as it nests "-X"; and it turns the qualifier
// "release" (any case) into "ga", which Maven 3.9 ranks with "ga" and
// "final" as no qualifier at all.
func mavenDotQualifier(v string) string {
	b := []byte(v)
	for i := 0; i < len(b); i++ {
		if b[i] != '.' {
			continue
		}
		j := i + 1
		for j < len(b) && !isDigit(b[j]) && b[j] != '.' && b[j] != '-' {
			j++
		}
		if j > i+1 && (j == len(b) || isDigit(b[j])) {
			b[i] = '-'
		}
	}
	out := string(b)
	if !strings.Contains(strings.ToLower(out), "release") {
		return out
	}
	// Replace whole letter runs equal to "release".
	var sb strings.Builder
	for i := 0; i < len(out); {
		j := i
		for j < len(out) && isLetter(out[j]) {
			j++
		}
		if j == i {
			sb.WriteByte(out[i])
			i++
			continue
		}
		if strings.EqualFold(out[i:j], "release") {
			sb.WriteString("ga")
		} else {
			sb.WriteString(out[i:j])
		}
		i = j
	}
	return sb.String()
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// composerPad pads the leading numbers of a Composer version to four, as
// VersionParser::normalize does for a classic version ("v1.2-beta" →
// "v1.2.0.0-beta"). A leading number of more than five digits makes a
// date version, which Composer does not pad.
func composerPad(v string) string {
	i := 0
	if i < len(v) && (v[i] == 'v' || v[i] == 'V') {
		i++
	}
	start, n := i, 0
	for {
		j := i
		for j < len(v) && isDigit(v[j]) {
			j++
		}
		if j == i {
			if n == 0 {
				return v
			}
			i-- // give back the dot
			break
		}
		if n == 0 && j-start > 5 {
			return v
		}
		n++
		i = j
		if i < len(v) && v[i] == '.' && n < 4 {
			i++
			continue
		}
		break
	}
	if rest := v[i:]; len(rest) >= 6 && strings.EqualFold(rest[len(rest)-6:], "stable") &&
		len(strings.TrimLeft(rest[:len(rest)-6], "._-")) == 0 && len(rest) <= 7 {
		v = v[:i] // "-stable" is the release itself
	}
	if n >= 4 {
		return v
	}
	// Pad only a version Composer would read as classic: the numbers,
	// then nothing or a stability modifier ("-beta1", ".RC2", "_p1").
	if rest := strings.TrimLeft(v[i:], "._-"); rest != "" && (len(v[i:])-len(rest) > 1 || !isLetter(rest[0])) {
		return v
	}
	return v[:i] + strings.Repeat(".0", 4-n) + v[i:]
}

// Compare returns -1, 0 or +1 as a is older than, equal to, or newer than
// b under eco's rules.
func Compare(eco vouch.Ecosystem, a, b string) (int, error) {
	pa, err := Parse(eco, a)
	if err != nil {
		return 0, err
	}
	pb, err := Parse(eco, b)
	if err != nil {
		return 0, err
	}
	c, err := pa.Compare(pb)
	if err != nil {
		return 0, fmt.Errorf("compare versions %q and %q of %s: %w", a, b, eco, err)
	}
	return c, nil
}
