package vulndb

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vouch-dev/vouch/internal/cvss"
	"github.com/vouch-dev/vouch/internal/vouch"
)

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixtureErr  error
)

// fixtureDB imports testdata/advisories into a database shared by the
// tests of this file.
func fixtureDB(t *testing.T) *DB {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = mkdirShared("vulndb-fixture-")
		if fixtureErr != nil {
			return
		}
		fixtureDir = filepath.Join(fixtureDir, "db")
		_, fixtureErr = Import(context.Background(), fixtureDir, []string{filepath.Join("testdata", "advisories")})
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	db, err := Open(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// want is the part of a finding a case checks; every field is compared.
type want struct {
	id      string
	aliases string // comma-separated
	fixed   string
	sev     vouch.Severity
	reach   string
}

func got(f vouch.Finding) want {
	return want{f.ID, strings.Join(f.Aliases, ","), f.FixedIn, f.Severity, f.Reachable}
}

func TestMatchSemantics(t *testing.T) {
	db := fixtureDB(t)
	const (
		lodash  = "GHSA-35jh-r3h4-6jhm"
		merge   = "GHSA-scop-ed00-0001"
		log4j   = "GHSA-jfh8-c2jp-5v3q"
		dsaOSSL = "DEBIAN-CVE-2023-5678"
	)
	npm := func(name, v string) vouch.Package {
		return vouch.Package{Ecosystem: vouch.EcosystemNPM, Name: name, Version: v}
	}
	maven := func(v string) vouch.Package {
		return vouch.Package{Ecosystem: vouch.EcosystemMaven, Name: "org.apache.logging.log4j:log4j-core", Version: v}
	}
	deb := func(distro, v string) vouch.Package {
		return vouch.Package{Ecosystem: vouch.EcosystemDebian, Name: "libssl3", SourceName: "openssl", Version: v, Distro: distro}
	}
	apk := func(distro, v string) vouch.Package {
		return vouch.Package{Ecosystem: vouch.EcosystemAlpine, Name: "libcrypto3", SourceName: "openssl", Version: v, Distro: distro}
	}
	gomod := func(name, v string, meta map[string]string) vouch.Package {
		return vouch.Package{Ecosystem: vouch.EcosystemGo, Name: name, Version: v, Metadata: meta}
	}
	git := func(commit, v string) vouch.Package {
		return vouch.Package{Ecosystem: vouch.EcosystemNPM, Name: "gitdep", Version: v, Commit: commit}
	}
	goAliases := "CVE-9999-1001,GHSA-gogo-0000-0001"
	unknown := vouch.SeverityUnknown

	tests := []struct {
		name string
		pkg  vouch.Package
		want []want
	}{
		// npm: GitHub advisories, SEMVER and ECOSYSTEM ranges.
		{"npm below fix", npm("lodash", "4.17.20"), []want{{lodash, "CVE-2021-23337", "4.17.21", vouch.SeverityHigh, ""}}},
		{"npm at fix", npm("lodash", "4.17.21"), nil},
		{"npm names are case-sensitive", npm("Lodash", "4.17.20"), nil},
		{"no version is not vulnerable", npm("lodash", ""), nil},
		{"a tag is no version", npm("lodash", "latest"), nil},
		{"unsorted events, first range", npm("@acme/merge", "1.5.0"), []want{{merge, "", "2.0.0", vouch.SeverityMedium, ""}}},
		{"unsorted events, at fix", npm("@acme/merge", "2.0.0"), nil},
		{"below introduced", npm("@acme/merge", "0.9.0"), nil},
		{"introduced itself", npm("@acme/merge", "3.0.0"), []want{{merge, "", "", vouch.SeverityMedium, ""}}},
		{"last_affected itself", npm("@acme/merge", "3.1.0"), []want{{merge, "", "", vouch.SeverityMedium, ""}}},
		{"after last_affected", npm("@acme/merge", "3.1.1"), nil},
		{"below limit", npm("limited", "1.9.9"), []want{{"GHSA-lmit-0000-0001", "", "", unknown, ""}}},
		{"at limit", npm("limited", "2.0.0"), nil},
		{"no severity stays unknown", npm("unscored", "1.0.0"), []want{{"GHSA-nsev-0000-0001", "", "1.0.1", unknown, ""}}},
		{"affected severity outranks top level", npm("twin-b", "1.0.0"), []want{{"GHSA-aff0-0000-0001", "", "2.5.0", vouch.SeverityCritical, ""}}},
		{"top level severity", npm("twin-a", "1.0.0"), []want{{"GHSA-aff0-0000-0001", "", "1.5.0", vouch.SeverityHigh, ""}}},
		{"purl only", vouch.Package{PURL: "pkg:npm/lodash@4.17.20", Name: "lodash", Version: "4.17.20"}, []want{{lodash, "CVE-2021-23337", "4.17.21", vouch.SeverityHigh, ""}}},

		// GIT ranges: only commits the range names.
		{"git introduced commit", git("1111111111111111111111111111111111111111", ""), []want{{"GHSA-git0-0000-0001", "", "2222222222222222222222222222222222222222", unknown, ""}}},
		{"git short commit", git("1111111", ""), []want{{"GHSA-git0-0000-0001", "", "2222222222222222222222222222222222222222", unknown, ""}}},
		{"git last_affected commit", git("4444444444444444444444444444444444444444", ""), []want{{"GHSA-git0-0000-0001", "", "", unknown, ""}}},
		{"git fixed commit", git("2222222222222222222222222222222222222222", ""), nil},
		{"git commit not listed", git("5555555555555555555555555555555555555555", ""), nil},
		{"git without commit, listed version", git("", "1.0.1"), []want{{"GHSA-git0-0000-0001", "", "", unknown, ""}}},
		{"git without commit, other version", git("", "1.0.2"), nil},

		// Maven: several affected entries, lowest fix above the version.
		{"maven two matching ranges", maven("2.14.1"), []want{{log4j, "CVE-2021-44228", "2.15.0", vouch.SeverityCritical, ""}}},
		{"maven older line", maven("2.12.1"), []want{{log4j, "CVE-2021-44228", "2.12.2", vouch.SeverityCritical, ""}}},
		{"maven older line fixed", maven("2.12.2"), nil},
		{"maven pre-release order", maven("2.0-beta8"), nil},
		{"maven introduced pre-release", maven("2.0-beta9"), []want{{log4j, "CVE-2021-44228", "2.12.2", vouch.SeverityCritical, ""}}},
		{"maven third range", maven("2.15.0"), []want{{log4j, "CVE-2021-44228", "2.16.0", vouch.SeverityCritical, ""}}},
		{"maven fixed", maven("2.16.0"), nil},
		{"maven other artifact", vouch.Package{Ecosystem: vouch.EcosystemMaven, Name: "org.apache.logging.log4j:log4j-api", Version: "2.14.1"}, nil},

		// RubyGems, NuGet, Packagist.
		{"rubygems", vouch.Package{Ecosystem: vouch.EcosystemRubyGems, Name: "nokogiri", Version: "1.13.3"}, []want{{"GHSA-crjr-9rc5-ghw8", "CVE-2022-24836", "1.13.4", vouch.SeverityHigh, ""}}},
		{"rubygems prerelease below fix", vouch.Package{Ecosystem: vouch.EcosystemRubyGems, Name: "nokogiri", Version: "1.13.4.rc1"}, []want{{"GHSA-crjr-9rc5-ghw8", "CVE-2022-24836", "1.13.4", vouch.SeverityHigh, ""}}},
		{"rubygems fixed", vouch.Package{Ecosystem: vouch.EcosystemRubyGems, Name: "nokogiri", Version: "1.13.4"}, nil},
		{"versions list only", vouch.Package{Ecosystem: vouch.EcosystemRubyGems, Name: "listed", Version: "1.0.1"}, []want{{"RUBY-LIST-0001", "", "", unknown, ""}}},
		{"versions list only, not listed", vouch.Package{Ecosystem: vouch.EcosystemRubyGems, Name: "listed", Version: "1.0.2"}, nil},
		{"nuget ignores case", vouch.Package{Ecosystem: vouch.EcosystemNuGet, Name: "newtonsoft.json", Version: "12.0.3"}, []want{{"GHSA-5crp-9r3c-p9vr", "CVE-2024-21907", "13.0.1", vouch.SeverityHigh, ""}}},
		{"nuget fixed", vouch.Package{Ecosystem: vouch.EcosystemNuGet, Name: "Newtonsoft.Json", Version: "13.0.1"}, nil},
		{"packagist second line", vouch.Package{Ecosystem: vouch.EcosystemPackagist, Name: "Symfony/Http-Kernel", Version: "5.4.19"}, []want{{"GHSA-pkgs-0000-0001", "", "5.4.20", vouch.SeverityLow, ""}}},
		{"packagist first line", vouch.Package{Ecosystem: vouch.EcosystemPackagist, Name: "symfony/http-kernel", Version: "4.4.49"}, []want{{"GHSA-pkgs-0000-0001", "", "4.4.50", vouch.SeverityLow, ""}}},
		{"packagist fixed", vouch.Package{Ecosystem: vouch.EcosystemPackagist, Name: "symfony/http-kernel", Version: "5.4.20"}, nil},
		{"packagist before", vouch.Package{Ecosystem: vouch.EcosystemPackagist, Name: "symfony/http-kernel", Version: "4.3.0"}, nil},

		// Debian: source packages, per-release ecosystems.
		{"debian 12 by source name", deb("debian:12.5", "3.0.11-1~deb12u2"), []want{{dsaOSSL, "", "3.0.13-1~deb12u1", unknown, ""}}},
		{"debian 12 fixed", deb("debian:12", "3.0.13-1~deb12u1"), nil},
		{"debian 11", deb("debian:11", "1.1.1n-0+deb11u5"), []want{{dsaOSSL, "", "1.1.1w-0+deb11u1", unknown, ""}}},
		{"debian 11 record only", deb("debian:11", "3.0.11-1~deb12u2"), nil},
		{"debian unknown release matches every release", deb("", "1.1.1n-0+deb11u5"), []want{{dsaOSSL, "", "1.1.1w-0+deb11u1", unknown, ""}}},
		{"debian release in the ecosystem", vouch.Package{Ecosystem: "Debian:12", Name: "openssl", Version: "3.0.11-1~deb12u2"}, []want{{dsaOSSL, "", "3.0.13-1~deb12u1", unknown, ""}}},
		{"debian source version", vouch.Package{Ecosystem: vouch.EcosystemDebian, Name: "libssl3", SourceName: "openssl", Version: "3.0.13-1~deb12u1+b1", SourceVersion: "3.0.11-1~deb12u2", Distro: "debian:12"}, []want{{dsaOSSL, "", "3.0.13-1~deb12u1", unknown, ""}}},
		{"debian binary name alone", vouch.Package{Ecosystem: vouch.EcosystemDebian, Name: "libssl3", Version: "3.0.11-1~deb12u2", Distro: "debian:12"}, nil},
		{"debian release-less advisory", vouch.Package{Ecosystem: vouch.EcosystemDebian, Name: "tar", Version: "1.34+dfsg-1.1", Distro: "debian:12"}, []want{{"DSA-9999-1", "", "1.34+dfsg-1.2", unknown, ""}}},

		// Alpine: origin packages, "Alpine:v3.19".
		{"alpine 3.19", apk("alpine:3.19.1", "3.1.4-r3"), []want{{"ALPINE-CVE-2024-0727", "", "3.1.4-r5", unknown, ""}}},
		{"alpine 3.18", apk("alpine:3.18.4", "3.1.4-r3"), []want{{"ALPINE-CVE-2024-0727", "", "3.1.4-r4", unknown, ""}}},
		{"alpine 3.19 fixed", apk("alpine:3.19.1", "3.1.4-r5"), nil},
		{"alpine release without advisory", apk("alpine:3.20.0", "3.1.4-r3"), nil},

		// Ubuntu: "Ubuntu:22.04:LTS", "Ubuntu:Pro:18.04:LTS", Ubuntu priorities.
		{"ubuntu 22.04", vouch.Package{Ecosystem: vouch.EcosystemUbuntu, Name: "libcurl4", SourceName: "curl", Version: "7.81.0-1ubuntu1.13", Distro: "ubuntu:22.04"}, []want{{"UBUNTU-CVE-2023-38545", "", "7.81.0-1ubuntu1.14", vouch.SeverityHigh, ""}}},
		{"ubuntu 18.04 pro", vouch.Package{Ecosystem: vouch.EcosystemUbuntu, Name: "curl", Version: "7.58.0-2ubuntu3.24", Distro: "ubuntu:18.04"}, []want{{"UBUNTU-CVE-2023-38545", "", "7.58.0-2ubuntu3.24+esm2", vouch.SeverityHigh, ""}}},
		{"ubuntu other release", vouch.Package{Ecosystem: vouch.EcosystemUbuntu, Name: "curl", Version: "7.68.0-1ubuntu2.1", Distro: "ubuntu:20.04"}, nil},

		// RPM distributions, epochs.
		{"almalinux 9", vouch.Package{Ecosystem: vouch.EcosystemAlma, Name: "openssl", Version: "1:3.0.7-18.el9_2", Distro: "almalinux:9.3"}, []want{{"ALSA-2024:0310", "CVE-2023-5678", "1:3.0.7-25.el9_3", vouch.SeverityMedium, ""}}},
		{"almalinux 9 fixed", vouch.Package{Ecosystem: vouch.EcosystemAlma, Name: "openssl", Version: "1:3.0.7-25.el9_3", Distro: "almalinux:9.3"}, nil},
		{"almalinux 8", vouch.Package{Ecosystem: vouch.EcosystemAlma, Name: "openssl", Version: "1:1.1.1k-9.el8_7", Distro: "almalinux:8.9"}, nil},
		{"rocky 8", vouch.Package{Ecosystem: vouch.EcosystemRocky, Name: "openssl", Version: "1:1.1.1k-9.el8_7", Distro: "rocky:8.9"}, []want{{"RLSA-2024:0310", "CVE-2023-5678", "1:1.1.1k-12.el8_9", unknown, ""}}},
		{"red hat 9", vouch.Package{Ecosystem: vouch.EcosystemRedHat, Name: "openssl-libs", Version: "1:3.0.7-24.el9", Distro: "rhel:9.3"}, []want{{"RHSA-2024:0310", "", "1:3.0.7-25.el9_3", vouch.SeverityMedium, ""}}},
		{"red hat 8", vouch.Package{Ecosystem: vouch.EcosystemRedHat, Name: "openssl-libs", Version: "1:1.1.1k-9.el8_7", Distro: "rhel:8.9"}, []want{{"RHSA-2024:0310", "", "1:1.1.1k-12.el8_9", vouch.SeverityMedium, ""}}},
		{"red hat epoch 0 is older", vouch.Package{Ecosystem: vouch.EcosystemRedHat, Name: "openssl-libs", Version: "3.0.7-26.el9", Distro: "rhel:9"}, []want{{"RHSA-2024:0310", "", "1:3.0.7-25.el9_3", vouch.SeverityMedium, ""}}},

		// PyPI: PEP 503 names, aliases merged transitively.
		{"pypi merged", vouch.Package{Ecosystem: vouch.EcosystemPyPI, Name: "some.package", Version: "1.0"},
			[]want{{"PYSEC-9999-1", "CVE-9999-0001,GHSA-pypi-0000-0001,PYSEC-9999-2", "1.2.3", vouch.SeverityHigh, ""}}},
		{"pypi merged and separate", vouch.Package{Ecosystem: vouch.EcosystemPyPI, Name: "Some_Package", Version: "1.2.2.post1"},
			[]want{
				{"PYSEC-9999-1", "CVE-9999-0001,GHSA-pypi-0000-0001,PYSEC-9999-2", "1.2.3", vouch.SeverityHigh, ""},
				{"PYSEC-9999-3", "CVE-9999-0003", "", unknown, ""},
			}},
		{"pypi partial group", vouch.Package{Ecosystem: vouch.EcosystemPyPI, Name: "SOME-package", Version: "1.2.4"},
			[]want{
				{"PYSEC-9999-2", "CVE-9999-0001,GHSA-pypi-0000-0001", "1.2.5", vouch.SeverityHigh, ""},
				{"PYSEC-9999-3", "CVE-9999-0003", "", unknown, ""},
			}},
		{"pypi before second record", vouch.Package{Ecosystem: vouch.EcosystemPyPI, Name: "some-package", Version: "0.9"},
			[]want{{"PYSEC-9999-1", "CVE-9999-0001,GHSA-pypi-0000-0001", "1.2.3", vouch.SeverityHigh, ""}}},

		// Go: SEMVER without "v", pseudo-versions, reachability.
		{"go", gomod("example.com/mod", "v1.2.3", nil), []want{{"GO-9999-0001", goAliases, "v1.2.4", unknown, ""}}},
		{"go second interval", gomod("example.com/mod", "v1.3.0", nil), []want{{"GO-9999-0001", goAliases, "v1.3.1", unknown, ""}}},
		{"go fixed", gomod("example.com/mod", "v1.2.4", nil), nil},
		{"go fixed second interval", gomod("example.com/mod", "v1.3.1", nil), nil},
		{"go pseudo-version", gomod("example.com/mod", "v0.0.0-20220101000000-abcdefabcdef", nil), []want{{"GO-9999-0001", goAliases, "v1.2.4", unknown, ""}}},
		{"go devel", gomod("example.com/mod", "(devel)", nil), nil},
		{"go symbol used", gomod("example.com/mod", "v1.2.3", map[string]string{"go.symbols": "main.main\nexample.com/mod/pkg.(*Decoder).Decode\n"}), []want{{"GO-9999-0001", goAliases, "v1.2.4", unknown, "yes"}}},
		{"go symbol used, normalized", gomod("example.com/mod", "v1.2.3", map[string]string{"go.symbols": "example.com/mod/pkg.Parse"}), []want{{"GO-9999-0001", goAliases, "v1.2.4", unknown, "yes"}}},
		{"go symbol not used", gomod("example.com/mod", "v1.2.3", map[string]string{"go.symbols": "example.com/mod/pkg.Other\nexample.com/mod/pkg/sub.Parse"}), []want{{"GO-9999-0001", goAliases, "v1.2.4", unknown, "no"}}},
		{"go whole package used", gomod("example.com/mod", "v1.2.3", map[string]string{"go.symbols": "example.com/mod/whole.Anything"}), []want{{"GO-9999-0001", goAliases, "v1.2.4", unknown, "yes"}}},
		{"go import used", gomod("example.com/mod", "v1.2.3", map[string]string{"go.imports": "example.com/mod/pkg"}), []want{{"GO-9999-0001", goAliases, "v1.2.4", unknown, "yes"}}},
		{"go import not used", gomod("example.com/mod", "v1.2.3", map[string]string{"go.imports": "example.com/mod/other\nfmt"}), []want{{"GO-9999-0001", goAliases, "v1.2.4", unknown, ""}}},
		{"go whole module, imported", gomod("example.com/whole", "v1.0.0", map[string]string{"go.imports": "example.com/whole/x"}), []want{{"GO-9999-0002", "", "", unknown, "yes"}}},
		{"go whole module, not imported by the tree", gomod("example.com/whole", "v1.0.0", map[string]string{"go.imports": ""}), []want{{"GO-9999-0002", "", "", unknown, ""}}},
		{"go whole module, linked", gomod("example.com/whole", "v1.0.0", map[string]string{"go.symbols": "example.com/whole/x.F"}), []want{{"GO-9999-0002", "", "", unknown, "yes"}}},
		{"go whole module, not analysed", gomod("example.com/whole", "v1.0.0", nil), []want{{"GO-9999-0002", "", "", unknown, ""}}},

		{"ecosystem the database lacks", vouch.Package{Ecosystem: "Hex", Name: "plug", Version: "1.0.0"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := db.Match(context.Background(), []vouch.Package{tt.pkg})
			if err != nil {
				t.Fatal(err)
			}
			var g []want
			for _, f := range fs {
				g = append(g, got(f))
				if f.Kind != vouch.KindVulnerability || f.Package == nil || f.Package.Name != tt.pkg.Name {
					t.Errorf("finding %s: kind %q, package %+v", f.ID, f.Kind, f.Package)
				}
			}
			if !slices.Equal(g, tt.want) {
				t.Errorf("findings\n got %+v\nwant %+v", g, tt.want)
			}
		})
	}
}

// TestMatchFindingFields checks what the table does not: titles, details,
// scores, vectors, references, locations and the package copy.
func TestMatchFindingFields(t *testing.T) {
	db := fixtureDB(t)
	pkgs := []vouch.Package{
		{Ecosystem: vouch.EcosystemNPM, Name: "lodash", Version: "4.17.20", Locations: []vouch.Location{{Path: "a/package-lock.json", Line: 7}, {Path: "b/package-lock.json"}}},
		{Ecosystem: vouch.EcosystemPyPI, Name: "some.package", Version: "1.0"},
		{Ecosystem: vouch.EcosystemNPM, Name: "@acme/merge", Version: "1.5.0"},
		{Ecosystem: vouch.EcosystemNPM, Name: "scored", Version: "1.0.0"},
	}
	fs, err := db.Match(context.Background(), pkgs)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 4 {
		t.Fatalf("got %d findings, want 4: %+v", len(fs), fs)
	}

	l := fs[0]
	if l.Title != "Command Injection in lodash" || !strings.HasPrefix(l.Detail, "`lodash` versions prior") || strings.HasSuffix(l.Detail, "\n") {
		t.Errorf("lodash title/detail = %q / %q", l.Title, l.Detail)
	}
	if l.Score != 7.2 || l.Vector != "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H" {
		t.Errorf("lodash score %v vector %q, want 7.2 and the advisory's vector", l.Score, l.Vector)
	}
	if l.Location != (vouch.Location{Path: "a/package-lock.json", Line: 7}) {
		t.Errorf("location = %+v, want the package's first", l.Location)
	}
	if len(l.References) != 3 || l.References[0] != "https://nvd.nist.gov/vuln/detail/CVE-2021-23337" {
		t.Errorf("references = %v", l.References)
	}
	l.Package.Name = "changed"
	if pkgs[0].Name != "lodash" {
		t.Error("finding's package is not a copy")
	}

	p := fs[1]
	if p.Title != "Path traversal in some-package" {
		t.Errorf("merged title = %q, want the GHSA summary (PYSEC records have none)", p.Title)
	}
	if p.Detail != "Some-Package before 1.2.3 lets a remote attacker read files. A second sentence." {
		t.Errorf("merged detail = %q, want the primary record's", p.Detail)
	}
	if want := []string{"https://example.com/some-package/1", "https://github.com/advisories/GHSA-pypi-0000-0001"}; !slices.Equal(p.References, want) {
		t.Errorf("merged references = %v, want %v", p.References, want)
	}
	if p.Score != 7.5 || p.Severity != vouch.SeverityHigh {
		t.Errorf("merged score = %v %v, want GHSA's 7.5 HIGH", p.Score, p.Severity)
	}

	m := fs[2]
	if m.Detail != "Two affected release lines; the 3.x line has no fix yet." {
		t.Errorf("detail not trimmed: %q", m.Detail)
	}
	if m.Score != 0 || m.Vector != "" {
		t.Errorf("database severity gave score %v vector %q", m.Score, m.Vector)
	}

	// CVSS v4.0 wins over v3.1 when it can be scored.
	s := fs[3]
	const v3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"
	const v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
	wantVector := v4
	wantScore, wantSev, err := cvss.Score(v4)
	if err != nil {
		t.Logf("cvss cannot score v4.0 yet (%v): expecting the v3.1 vector", err)
		wantVector = v3
		wantScore, wantSev, _ = cvss.Score(v3)
	}
	if s.Vector != wantVector || s.Score != wantScore || s.Severity != wantSev {
		t.Errorf("scored: %q %v %v, want %q %v %v", s.Vector, s.Score, s.Severity, wantVector, wantScore, wantSev)
	}
}

func TestMatchWithdrawnIgnored(t *testing.T) {
	db := fixtureDB(t)
	fs, err := db.Match(context.Background(), []vouch.Package{{Ecosystem: vouch.EcosystemNPM, Name: "lodash", Version: "4.17.21"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 0 {
		t.Fatalf("withdrawn GHSA-wdrw-wdrw-wdrw matched: %+v", fs)
	}
	st := db.Status()
	if st.Withdrawn != 1 || st.Records["npm"] != 8 {
		t.Errorf("status: withdrawn %d, npm records %d; want 1 and 8", st.Withdrawn, st.Records["npm"])
	}
}

// TestVersionsListPruned checks the import-time reduction: listed versions
// the ranges already cover are not stored.
func TestVersionsListPruned(t *testing.T) {
	db := fixtureDB(t)
	f := db.files["PyPI"]
	l, ok := f.lookup("some-package")
	if !ok {
		t.Fatal("some-package not indexed under its PEP 503 name")
	}
	b, err := f.block(l.block)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := slice(b, l)
	d := decoder{b: p}
	n := d.count()
	for range n {
		d.uvarint()
		a, err := decodeAffected(d.raw())
		if err != nil {
			t.Fatal(err)
		}
		if len(a.versions) != 0 {
			t.Errorf("versions %v kept although the range covers them", a.versions)
		}
	}
	if n != 4 {
		t.Errorf("%d entries under some-package, want 4", n)
	}
}

func TestMatchOrderAndCancel(t *testing.T) {
	db := fixtureDB(t)
	var pkgs []vouch.Package
	for range 600 {
		pkgs = append(pkgs,
			vouch.Package{Ecosystem: vouch.EcosystemNPM, Name: "lodash", Version: "4.17.20"},
			vouch.Package{Ecosystem: vouch.EcosystemNPM, Name: "left-pad", Version: "1.0.0"},
			vouch.Package{Ecosystem: vouch.EcosystemPyPI, Name: "some-package", Version: "1.2.4"})
	}
	fs, err := db.Match(context.Background(), pkgs)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1800 {
		t.Fatalf("%d findings, want 1800", len(fs))
	}
	for i := 0; i < len(fs); i += 3 {
		if fs[i].ID != "GHSA-35jh-r3h4-6jhm" || fs[i+1].ID != "PYSEC-9999-2" || fs[i+2].ID != "PYSEC-9999-3" {
			t.Fatalf("findings %d..%d out of order: %s %s %s", i, i+2, fs[i].ID, fs[i+1].ID, fs[i+2].ID)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.Match(ctx, pkgs); err == nil {
		t.Error("Match with a cancelled context succeeded")
	}
}

func TestGoToolchainVersion(t *testing.T) {
	for in, want := range map[string]string{
		"go1.22.1":   "v1.22.1",
		"go1.22":     "v1.22.0",
		"go1.22rc1":  "v1.22.0-rc.1",
		"1.21.0":     "v1.21.0",
		"v1.20.3":    "v1.20.3",
		"devel +abc": "devel +abc",
	} {
		if g := goToolchainVersion(in); g != want {
			t.Errorf("goToolchainVersion(%q) = %q, want %q", in, g, want)
		}
	}
}

func TestReleaseOK(t *testing.T) {
	tests := []struct {
		base, adv, release string
		want               bool
	}{
		{"Debian", "Debian:12", "12", true},
		{"Debian", "Debian:12", "12.5", true},
		{"Debian", "Debian:11", "12", false},
		{"Debian", "Debian", "12", true},
		{"Debian", "Debian:12", "", true},
		{"Alpine", "Alpine:v3.19", "3.19.1", true},
		{"Alpine", "Alpine:v3.19", "v3.19", true},
		{"Alpine", "Alpine:v3.1", "3.19.1", false},
		{"Ubuntu", "Ubuntu:22.04:LTS", "22.04", true},
		{"Ubuntu", "Ubuntu:Pro:18.04:LTS", "18.04", true},
		{"Ubuntu", "Ubuntu:20.04:LTS", "22.04", false},
		{"Red Hat", "Red Hat:enterprise_linux:9::appstream", "9.3", true},
		{"Red Hat", "Red Hat:enterprise_linux:8::appstream", "9.3", false},
		{"AlmaLinux", "AlmaLinux:9", "9.3", true},
		{"Rocky Linux", "Rocky Linux:8", "9.3", false},
		{"SUSE", "SUSE:Linux Enterprise Server 15 SP5", "15.5", true},
		{"SUSE", "SUSE:Linux Enterprise Server 15 SP4", "15.5", false},
		{"SUSE", "SUSE:Linux Enterprise Server 15", "15.5", true},
		{"openSUSE", "openSUSE:Leap 15.5", "15.5", true},
		{"openSUSE", "openSUSE:Leap 15.4", "15.5", false},
	}
	for _, tt := range tests {
		if g := releaseOK(tt.base, tt.adv, tt.release); g != tt.want {
			t.Errorf("releaseOK(%q, %q, %q) = %v, want %v", tt.base, tt.adv, tt.release, g, tt.want)
		}
	}
}
