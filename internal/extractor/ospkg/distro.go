package ospkg

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// ReleaseFiles are the files that name a root filesystem's OS release,
// best first: os-release (usually etc/os-release, a symlink to
// usr/lib/os-release), then the older files of systems without one.
var ReleaseFiles = []string{
	"etc/os-release",
	"usr/lib/os-release",
	"etc/alpine-release",
	"etc/debian_version",
	"etc/redhat-release",
}

// maxReleaseFile caps how much of a release file is read.
const maxReleaseFile = 64 << 10

// ParseReleaseFile reads the release file at name, one of ReleaseFiles.
func ParseReleaseFile(name string, r io.Reader) (*vouch.Distro, error) {
	switch path.Base(name) {
	case "os-release":
		return ParseOSRelease(r)
	}
	b, err := io.ReadAll(io.LimitReader(r, maxReleaseFile))
	if err != nil {
		return nil, err
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	s := strings.TrimSpace(string(line))
	if s == "" {
		return nil, errors.New("empty release file")
	}
	switch path.Base(name) {
	case "alpine-release":
		return &vouch.Distro{ID: "alpine", VersionID: s, Name: "Alpine Linux v" + majorMinor(s)}, nil
	case "debian_version":
		// "12.5" in a release, "trixie/sid" in testing and unstable.
		if s[0] >= '0' && s[0] <= '9' {
			major, _, _ := strings.Cut(s, ".")
			return &vouch.Distro{ID: "debian", VersionID: major, Name: "Debian GNU/Linux " + major}, nil
		}
		codename, _, _ := strings.Cut(s, "/")
		return &vouch.Distro{ID: "debian", Codename: codename, Name: "Debian GNU/Linux " + codename}, nil
	case "redhat-release":
		return parseRedHatRelease(s)
	}
	return nil, fmt.Errorf("%s: not a release file", name)
}

// parseRedHatRelease reads "CentOS release 6.10 (Final)" and its kin.
func parseRedHatRelease(s string) (*vouch.Distro, error) {
	name, rest, ok := strings.Cut(s, " release ")
	if !ok {
		return nil, fmt.Errorf("redhat-release %q: want \"NAME release VERSION\"", s)
	}
	version, codename, _ := strings.Cut(strings.TrimSpace(rest), " ")
	codename = strings.Trim(strings.TrimSpace(codename), "()")
	d := &vouch.Distro{VersionID: version, Codename: codename, Name: s}
	switch lower := strings.ToLower(name); {
	case strings.Contains(lower, "centos"):
		d.ID = "centos"
		d.VersionID, _, _ = strings.Cut(version, ".") // os-release spells CentOS "7", not "7.9.2009"
	case strings.Contains(lower, "red hat"):
		d.ID = "rhel"
	case strings.Contains(lower, "fedora"):
		d.ID = "fedora"
	case strings.Contains(lower, "rocky"):
		d.ID = "rocky"
	case strings.Contains(lower, "almalinux"):
		d.ID = "almalinux"
	default:
		return nil, fmt.Errorf("redhat-release %q: unknown distribution", s)
	}
	return d, nil
}

// ParseOSRelease reads an os-release file (freedesktop.org's format:
// KEY=value lines, values optionally quoted with shell escapes). It takes
// ID, VERSION_ID, VERSION_CODENAME and PRETTY_NAME; ID defaults to "linux"
// as the format says.
func ParseOSRelease(r io.Reader) (*vouch.Distro, error) {
	d := &vouch.Distro{}
	lr := newLineReader(io.LimitReader(r, maxReleaseFile))
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("os-release: %w", err)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, v, ok := bytes.Cut(line, []byte("="))
		if !ok {
			return nil, fmt.Errorf("os-release line %d: want KEY=value", lr.n)
		}
		var dst *string
		switch string(k) {
		case "ID":
			dst = &d.ID
		case "VERSION_ID":
			dst = &d.VersionID
		case "VERSION_CODENAME":
			dst = &d.Codename
		case "PRETTY_NAME":
			dst = &d.Name
		default:
			continue
		}
		val, err := unquote(v)
		if err != nil {
			return nil, fmt.Errorf("os-release line %d: %s: %w", lr.n, k, err)
		}
		*dst = val
	}
	d.ID = strings.ToLower(d.ID)
	if d.ID == "" {
		d.ID = "linux"
	}
	if d.Name == "" {
		d.Name = strings.TrimSpace("Linux " + d.VersionID)
	}
	return d, nil
}

// unquote reads an os-release value: bare, or in double or single quotes,
// with backslash escapes of `"$\ inside double quotes.
func unquote(v []byte) (string, error) {
	if len(v) == 0 {
		return "", nil
	}
	q := v[0]
	if q != '"' && q != '\'' {
		return string(v), nil
	}
	if len(v) < 2 || v[len(v)-1] != q {
		return "", errors.New("unterminated quote")
	}
	v = v[1 : len(v)-1]
	if q == '\'' || bytes.IndexByte(v, '\\') < 0 {
		return string(v), nil
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
		}
		b.WriteByte(v[i])
	}
	return b.String(), nil
}

// DetectDistro reads the first release file of ReleaseFiles that fsys
// has. It returns nil and no error when there is none. fsys must not follow
// symlinks out of the root it represents (use os.Root's FS, not
// os.DirFS, for a directory).
func DetectDistro(fsys fs.FS) (*vouch.Distro, error) {
	for _, name := range ReleaseFiles {
		f, err := fsys.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		d, err := ParseReleaseFile(name, f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		return d, nil
	}
	return nil, nil
}

// distroFamilies maps os-release IDs to their ecosystem and the database
// their packages live in.
var distroFamilies = map[string]struct {
	eco vouch.Ecosystem
	db  string
}{
	"debian":    {vouch.EcosystemDebian, DBDpkg},
	"ubuntu":    {vouch.EcosystemUbuntu, DBDpkg},
	"alpine":    {vouch.EcosystemAlpine, DBApk},
	"rhel":      {vouch.EcosystemRedHat, DBRpm},
	"centos":    {vouch.EcosystemRedHat, DBRpm},
	"fedora":    {vouch.EcosystemRedHat, DBRpm},
	"rocky":     {vouch.EcosystemRocky, DBRpm},
	"almalinux": {vouch.EcosystemAlma, DBRpm},
	"sles":      {vouch.EcosystemSUSE, DBRpm},
	"sles_sap":  {vouch.EcosystemSUSE, DBRpm},
	"sled":      {vouch.EcosystemSUSE, DBRpm},
}

// defaultEcosystem is where a database's packages belong before (or
// without) a known release.
func defaultEcosystem(db string) vouch.Ecosystem {
	switch db {
	case DBDpkg:
		return vouch.EcosystemDebian
	case DBApk:
		return vouch.EcosystemAlpine
	case DBRpm:
		return vouch.EcosystemRedHat
	}
	return ""
}

// ApplyDistro ties the OS packages of pkgs (those with Metadata[MetaDB]) to
// release d: Ecosystem by d.ID (debian→Debian, ubuntu→Ubuntu,
// alpine→Alpine, rhel/centos/fedora→Red Hat, rocky→Rocky Linux,
// almalinux→AlmaLinux, sles→SUSE, opensuse-*→openSUSE), Distro as
// "debian:12" (Alpine as major.minor, "alpine:3.19") and the purl rebuilt
// with the distro qualifier ("distro=debian-12"). A release of an unknown
// ID (a derivative) sets Distro and the qualifier but keeps the database's
// default ecosystem; a release of a known ID whose packages live in
// another database (dpkg packages under an Alpine os-release) is not
// applied to them. A nil d resets packages to their database's defaults.
// Other packages are left alone.
func ApplyDistro(pkgs []vouch.Package, d *vouch.Distro) {
	for i := range pkgs {
		p := &pkgs[i]
		db := p.Metadata[MetaDB]
		eco := defaultEcosystem(db)
		if eco == "" {
			continue
		}
		p.Ecosystem, p.Distro = eco, ""
		qual := ""
		if d != nil && d.ID != "" {
			fam, known := distroFamilies[d.ID]
			if !known && strings.HasPrefix(d.ID, "opensuse") {
				fam.eco, fam.db, known = vouch.EcosystemOpenSUSE, DBRpm, true
			}
			if !known || fam.db == db {
				if known {
					p.Ecosystem = fam.eco
				}
				p.Distro, qual = distroNames(d)
			}
		}
		setPURL(p, qual)
	}
}

// distroNames returns a release as Package.Distro spells it ("debian:12",
// "alpine:3.19") and as the purl distro qualifier does ("debian-12",
// "alpine-3.19.1").
func distroNames(d *vouch.Distro) (distro, qualifier string) {
	v := d.VersionID
	if v == "" {
		v = d.Codename
	}
	if v == "" {
		return "", ""
	}
	short := v
	if d.ID == "alpine" {
		short = majorMinor(v)
	}
	return d.ID + ":" + short, d.ID + "-" + v
}

// majorMinor cuts "3.19.1" (or "3.20.0_alpha20240329") to "3.19".
func majorMinor(v string) string {
	major, rest, ok := strings.Cut(v, ".")
	if !ok {
		return v
	}
	minor, _, _ := strings.Cut(rest, ".")
	if i := strings.IndexAny(minor, "_-"); i >= 0 {
		minor = minor[:i]
	}
	return major + "." + minor
}

// setPURL builds an OS package's purl from its fields and metadata: arch,
// the distro qualifier, rpm's epoch as a qualifier (and out of the
// version), and upstream when the source package has another name.
func setPURL(p *vouch.Package, distro string) {
	version := p.Version
	quals := map[string]string{"arch": p.Metadata[MetaArch], "distro": distro}
	if p.Metadata[MetaDB] == DBRpm {
		if e := p.Metadata[MetaEpoch]; e != "" {
			quals["epoch"] = e
			version = strings.TrimPrefix(version, e+":")
		}
	}
	if p.SourceName != "" && p.SourceName != p.Name {
		quals["upstream"] = p.SourceName
	}
	p.PURL = purl.For(p.Ecosystem, p.Name, version, quals)
}
