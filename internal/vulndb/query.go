package vulndb

import (
	"strings"

	"golang.org/x/mod/semver"

	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/version"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// query is one package as the matcher looks it up. resolve fills it
// without allocating, so that the many packages without advisories cost a
// binary search each and nothing else.
type query struct {
	pkg     *vouch.Package
	f       *file
	base    string
	release string    // distribution release, "" when unknown
	names   [2]string // advisory names to look up
	nNames  int
	version string // installed version, normalized; "" when unknown or unusable
	commit  string // lower-case VCS revision, "" when unknown

	parsed [rangeGit + 1]version.Version
	tried  [rangeGit + 1]bool

	symbols map[string]bool // Go: from Metadata["go.symbols"]
	imports map[string]bool // Go: from Metadata["go.imports"]
}

// resolve works out what to look up for p. It reports false when p cannot
// match anything: an ecosystem the database lacks, or neither a version
// nor a commit.
func (db *DB) resolve(p *vouch.Package, q *query) bool {
	eco := string(p.Ecosystem)
	if eco == "" && p.PURL != "" {
		if pp, err := purl.Parse(p.PURL); err == nil {
			eco = string(pp.Ecosystem)
		}
	}
	base, release, _ := strings.Cut(eco, ":")
	f := db.files[base]
	if f == nil {
		return false
	}
	if release == "" {
		if _, r, ok := strings.Cut(p.Distro, ":"); ok {
			release = r
		}
	}
	*q = query{pkg: p, f: f, base: base, release: release, nNames: 1}
	name, ver := p.Name, p.Version
	switch vouch.Ecosystem(base) {
	case vouch.EcosystemDebian, vouch.EcosystemUbuntu, vouch.EcosystemAlpine:
		// Advisories name source packages (Alpine: the origin).
		if p.SourceName != "" {
			name = p.SourceName
		}
		if p.SourceVersion != "" {
			ver = p.SourceVersion
		}
	case vouch.EcosystemGo:
		if name == "stdlib" || name == "toolchain" {
			name = "stdlib"
			q.names[1] = "toolchain"
			q.nNames = 2
			ver = goToolchainVersion(ver)
		}
	default:
		if p.SourceName != "" && p.SourceName != name && isRPM(base) {
			q.names[1] = p.SourceName
			q.nNames = 2
		}
	}
	q.names[0] = name
	if usableVersion(base, ver) {
		q.version = ver
	}
	if p.Commit != "" {
		q.commit = strings.ToLower(strings.TrimSpace(p.Commit))
	}
	// No version: not matched, never assumed vulnerable.
	return q.version != "" || q.commit != ""
}

// analyse reads what reachability needs from the package's metadata; it
// runs only for packages that have advisories.
func (q *query) analyse() {
	p := q.pkg
	if q.base != string(vouch.EcosystemGo) || p.Metadata == nil {
		return
	}
	if s, ok := p.Metadata["go.symbols"]; ok {
		q.symbols = symbolSet(s)
	} else if s, ok := p.Metadata["go.imports"]; ok {
		q.imports = lineSet(s)
	}
}

// parsedVersion parses the installed version as a range of type typ
// orders it, once.
func (q *query) parsedVersion(typ byte) version.Version {
	if q.version == "" || typ > rangeGit {
		return nil
	}
	if !q.tried[typ] {
		q.tried[typ] = true
		if v, err := parseFor(q.base, typ, q.version); err == nil {
			q.parsed[typ] = v
		}
	}
	return q.parsed[typ]
}

func isRPM(base string) bool {
	switch vouch.Ecosystem(base) {
	case vouch.EcosystemRedHat, vouch.EcosystemRocky, vouch.EcosystemAlma, vouch.EcosystemSUSE, vouch.EcosystemOpenSUSE:
		return true
	}
	return base == "Mageia" || base == "openEuler"
}

// usableVersion rejects versions that name no release, which lenient
// parsers would otherwise read as 0 and match against "introduced: 0":
// Go's "(devel)", npm's "latest" or "file:…", an empty string.
func usableVersion(base, v string) bool {
	if v == "" || strings.ContainsAny(v, " \t\n") {
		return false
	}
	switch vouch.Ecosystem(base) {
	case vouch.EcosystemGo:
		return semver.IsValid("v" + strings.TrimPrefix(v, "v"))
	case vouch.EcosystemNPM, vouch.EcosystemCrates:
		s := strings.TrimPrefix(v, "v")
		return s != "" && s[0] >= '0' && s[0] <= '9'
	}
	return true
}

// goToolchainVersion turns Go release names into the semantic versions
// the Go database uses: "go1.22.1" is "v1.22.1", "go1.22" "v1.22.0",
// "go1.22rc1" "v1.22.0-rc.1". Anything else ("devel …") is returned
// unchanged and fails usableVersion.
func goToolchainVersion(v string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(v, "go"), "v")
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, pre := s, ""
	if i >= 0 {
		num, pre = s[:i], s[i:]
	}
	if num == "" || strings.HasPrefix(pre, "-") || strings.HasPrefix(pre, "+") {
		if semver.IsValid("v" + s) {
			return "v" + s
		}
		return v
	}
	parts := strings.Split(num, ".")
	if len(parts) > 3 {
		return v
	}
	for len(parts) < 3 {
		parts = append(parts, "0")
	}
	out := "v" + strings.Join(parts, ".")
	if pre != "" {
		j := strings.IndexFunc(pre, func(r rune) bool { return r >= '0' && r <= '9' })
		if j <= 0 {
			return v
		}
		out += "-" + pre[:j] + "." + pre[j:]
	}
	if !semver.IsValid(out) {
		return v
	}
	return out
}

func lineSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			m[l] = true
		}
	}
	return m
}

// symbolSet reads "importpath.Symbol" lines, accepting the symbol table's
// own spelling of methods ("net/http.(*Server).Serve") and generic
// instantiations ("pkg.F[...]") as well as "net/http.Server.Serve".
func symbolSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if strings.Contains(l, "(") || strings.Contains(l, "[") {
			l = normalizeSymbol(l)
		}
		m[l] = true
	}
	return m
}

func normalizeSymbol(l string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case c == '[':
			depth++
		case c == ']':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case c == '(' || c == ')' || c == '*' && i > 0 && l[i-1] == '(':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// releaseOK reports whether an advisory for ecosystem advEco ("Debian:12",
// "Alpine:v3.19", "Ubuntu:22.04:LTS", "Red Hat:enterprise_linux:9::appstream")
// applies to a package of base ecosystem base on distribution release
// release ("12.5", "3.19.1", "22.04", "9.3"). Advisories without a release
// apply everywhere; so do all advisories when the release is unknown, so
// that a package whose distribution was not detected is not silently
// passed.
func releaseOK(base, advEco, release string) bool {
	_, suffix, ok := strings.Cut(advEco, ":")
	if !ok || suffix == "" || release == "" {
		return true
	}
	switch vouch.Ecosystem(base) {
	case vouch.EcosystemAlpine:
		return majorMinor(suffix) == majorMinor(release)
	case vouch.EcosystemUbuntu:
		return ubuntuRelease(suffix) == ubuntuRelease(release)
	case vouch.EcosystemSUSE, vouch.EcosystemOpenSUSE:
		a, r := suseRelease(suffix), suseRelease(release)
		if a == r {
			return true
		}
		return !strings.Contains(a, ".") && a == major(r)
	}
	return major(firstNumeric(suffix)) == major(firstNumeric(release))
}

// firstNumeric returns the first ':'-separated part that starts with a
// digit (after an optional "v"): "enterprise_linux:9::appstream" gives "9".
func firstNumeric(s string) string {
	for _, p := range strings.Split(s, ":") {
		t := strings.TrimPrefix(p, "v")
		if t != "" && t[0] >= '0' && t[0] <= '9' {
			return t
		}
	}
	return s
}

func major(s string) string {
	s = strings.TrimPrefix(s, "v")
	if i := strings.IndexAny(s, ".-_ "); i >= 0 {
		return s[:i]
	}
	return s
}

func majorMinor(s string) string {
	s = strings.TrimPrefix(s, "v")
	parts := strings.SplitN(s, ".", 3)
	if len(parts) < 2 {
		return s
	}
	minor := parts[1]
	if i := strings.IndexFunc(minor, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		minor = minor[:i]
	}
	return parts[0] + "." + minor
}

// ubuntuRelease finds "22.04" in "22.04", "22.04:LTS", "Pro:18.04:LTS".
func ubuntuRelease(s string) string {
	for _, p := range strings.Split(s, ":") {
		if p != "" && p[0] >= '0' && p[0] <= '9' {
			return majorMinor(p)
		}
	}
	return s
}

// suseRelease reads "Linux Enterprise Server 15 SP5" and "Leap 15.5" as
// "15.5", "Linux Enterprise Server 15" as "15".
func suseRelease(s string) string {
	f := strings.Fields(s)
	for i := len(f) - 1; i >= 0; i-- {
		t := f[i]
		if t == "" || t[0] < '0' || t[0] > '9' {
			continue
		}
		if i+1 < len(f) && strings.HasPrefix(f[i+1], "SP") {
			return t + "." + strings.TrimPrefix(f[i+1], "SP")
		}
		return t
	}
	return s
}
