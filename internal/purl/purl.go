// Package purl builds and reads package URLs (https://github.com/package-url/purl-spec)
// the same way everywhere in vouch, so that one package found by two
// readers — a lockfile and an SBOM, say — gets one identity.
package purl

import (
	"fmt"
	"sort"
	"strings"

	"github.com/package-url/packageurl-go"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Type is the purl type for an ecosystem ("npm", "golang", "pypi" …), or
// "generic" for one purl does not name.
func Type(eco vouch.Ecosystem) string {
	switch eco {
	case vouch.EcosystemNPM:
		return packageurl.TypeNPM
	case vouch.EcosystemGo:
		return packageurl.TypeGolang
	case vouch.EcosystemPyPI:
		return packageurl.TypePyPi
	case vouch.EcosystemCrates:
		return packageurl.TypeCargo
	case vouch.EcosystemRubyGems:
		return packageurl.TypeGem
	case vouch.EcosystemPackagist:
		return packageurl.TypeComposer
	case vouch.EcosystemNuGet:
		return packageurl.TypeNuget
	case vouch.EcosystemMaven:
		return packageurl.TypeMaven
	case vouch.EcosystemDebian, vouch.EcosystemUbuntu:
		return packageurl.TypeDebian
	case vouch.EcosystemAlpine:
		return packageurl.TypeApk
	case vouch.EcosystemRedHat, vouch.EcosystemRocky, vouch.EcosystemAlma, vouch.EcosystemSUSE, vouch.EcosystemOpenSUSE:
		return packageurl.TypeRPM
	}
	return packageurl.TypeGeneric
}

// For returns the purl of a package from its ecosystem, name and version.
// Names are split into namespace and name by each ecosystem's rule: npm
// "@scope/name", Go module paths at the last "/", Maven "group:artifact",
// Packagist "vendor/name". PyPI names are normalised per PEP 503. OS
// packages take the distro ("debian:12") as namespace and qualifier;
// extra qualifiers (arch, epoch, upstream) come from quals.
func For(eco vouch.Ecosystem, name, version string, quals map[string]string) string {
	typ := Type(eco)
	ns, n := "", name
	switch eco {
	case vouch.EcosystemNPM:
		if strings.HasPrefix(name, "@") {
			if i := strings.IndexByte(name, '/'); i > 0 {
				ns, n = name[:i], name[i+1:]
			}
		}
	case vouch.EcosystemGo:
		if i := strings.LastIndexByte(name, '/'); i > 0 {
			ns, n = name[:i], name[i+1:]
		}
	case vouch.EcosystemPyPI:
		n = vouch.NormalizePyPIName(name)
	case vouch.EcosystemMaven:
		if i := strings.IndexByte(name, ':'); i > 0 {
			ns, n = name[:i], name[i+1:]
		}
	case vouch.EcosystemPackagist:
		if i := strings.IndexByte(name, '/'); i > 0 {
			ns, n = name[:i], name[i+1:]
		}
	case vouch.EcosystemDebian, vouch.EcosystemUbuntu, vouch.EcosystemAlpine,
		vouch.EcosystemRedHat, vouch.EcosystemRocky, vouch.EcosystemAlma, vouch.EcosystemSUSE, vouch.EcosystemOpenSUSE:
		ns = osNamespace(eco)
	case "":
		typ = packageurl.TypeGeneric
	}
	if typ == packageurl.TypeGeneric && eco != "" {
		if quals == nil {
			quals = map[string]string{}
		}
		quals["ecosystem"] = string(eco)
	}
	keys := make([]string, 0, len(quals))
	for k, v := range quals {
		if v != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	q := make(packageurl.Qualifiers, 0, len(keys))
	for _, k := range keys {
		q = append(q, packageurl.Qualifier{Key: k, Value: quals[k]})
	}
	return packageurl.NewPackageURL(typ, ns, n, version, q, "").ToString()
}

func osNamespace(eco vouch.Ecosystem) string {
	switch eco {
	case vouch.EcosystemDebian:
		return "debian"
	case vouch.EcosystemUbuntu:
		return "ubuntu"
	case vouch.EcosystemAlpine:
		return "alpine"
	case vouch.EcosystemRedHat:
		return "redhat"
	case vouch.EcosystemRocky:
		return "rocky"
	case vouch.EcosystemAlma:
		return "almalinux"
	case vouch.EcosystemSUSE:
		return "suse"
	case vouch.EcosystemOpenSUSE:
		return "opensuse"
	}
	return ""
}

// Parsed is what a purl says about a package.
type Parsed struct {
	Ecosystem  vouch.Ecosystem
	Name       string // in the ecosystem's own spelling ("@scope/x", "group:artifact")
	Version    string
	Qualifiers map[string]string
}

// Parse reads a purl back into an ecosystem, name and version, the inverse
// of For. OS package purls yield the ecosystem from their namespace.
func Parse(s string) (Parsed, error) {
	u, err := packageurl.FromString(s)
	if err != nil {
		return Parsed{}, fmt.Errorf("purl %q: %w", s, err)
	}
	p := Parsed{Name: u.Name, Version: u.Version, Qualifiers: u.Qualifiers.Map()}
	join := func(sep string) {
		if u.Namespace != "" {
			p.Name = u.Namespace + sep + u.Name
		}
	}
	switch u.Type {
	case packageurl.TypeNPM:
		p.Ecosystem = vouch.EcosystemNPM
		join("/")
	case packageurl.TypeGolang:
		p.Ecosystem = vouch.EcosystemGo
		join("/")
	case packageurl.TypePyPi:
		p.Ecosystem = vouch.EcosystemPyPI
		p.Name = vouch.NormalizePyPIName(u.Name)
	case packageurl.TypeCargo:
		p.Ecosystem = vouch.EcosystemCrates
	case packageurl.TypeGem:
		p.Ecosystem = vouch.EcosystemRubyGems
	case packageurl.TypeComposer:
		p.Ecosystem = vouch.EcosystemPackagist
		join("/")
	case packageurl.TypeNuget:
		p.Ecosystem = vouch.EcosystemNuGet
	case packageurl.TypeMaven:
		p.Ecosystem = vouch.EcosystemMaven
		join(":")
	case packageurl.TypeDebian:
		p.Ecosystem = vouch.EcosystemDebian
		if strings.EqualFold(u.Namespace, "ubuntu") {
			p.Ecosystem = vouch.EcosystemUbuntu
		}
	case packageurl.TypeApk:
		p.Ecosystem = vouch.EcosystemAlpine
	case packageurl.TypeRPM:
		switch strings.ToLower(u.Namespace) {
		case "rocky":
			p.Ecosystem = vouch.EcosystemRocky
		case "almalinux":
			p.Ecosystem = vouch.EcosystemAlma
		case "suse", "sles":
			p.Ecosystem = vouch.EcosystemSUSE
		case "opensuse":
			p.Ecosystem = vouch.EcosystemOpenSUSE
		default:
			p.Ecosystem = vouch.EcosystemRedHat
		}
	default:
		if e := p.Qualifiers["ecosystem"]; e != "" {
			p.Ecosystem = vouch.Ecosystem(e)
		}
		join("/")
	}
	return p, nil
}
