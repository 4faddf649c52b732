package version

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/osv-scalibr/semantic"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// orderings hold each ecosystem to its own specification. Each chain is
// "v0 OP v1 OP v2 …" with OP "<" or "="; every pair in a chain is checked,
// both ways round, so a chain also asserts transitivity.
var orderings = []struct {
	eco    vouch.Ecosystem
	chains []string
}{
	{vouch.EcosystemNPM, semverChains},
	{vouch.EcosystemCrates, semverChains},
	{vouch.EcosystemNPM, []string{
		"v1.2.3 = 1.2.3 < v1.2.4", // npm's parser drops a leading "v"
	}},
	{vouch.EcosystemGo, append([]string{
		// The "v" prefix Go requires.
		"v1.2.3 = 1.2.3 < v1.2.4",
		// Pseudo-versions (go.dev/ref/mod#pseudo-versions): vX.0.0-time-hash
		// precedes every release; vX.Y.(Z+1)-0.time-hash follows vX.Y.Z;
		// vX.Y.Z-pre.0.time-hash follows vX.Y.Z-pre; time orders them.
		"v0.0.0-20191109021931-daa7c04131f5 < v0.0.0-20210101000000-abcdef123456 < v0.0.0-20210102000000-000000000000 < v0.0.1",
		"v1.2.3 < v1.2.4-0.20210101000000-abcdef123456 < v1.2.4-0.20220101000000-abcdef123456 < v1.2.4-alpha < v1.2.4",
		"v1.2.4-pre < v1.2.4-pre.0.20210101000000-abcdef123456 < v1.2.4-pre.0.20210202000000-abcdef123456 < v1.2.4-pre.1 < v1.2.4",
		// +incompatible is build metadata: it does not change the order.
		"v1.5.0 < v2.0.0+incompatible = v2.0.0 < v2.1.0+incompatible < v3.0.0+incompatible",
		"v4.0.0-20200101000000-abcdef123456+incompatible < v4.0.0+incompatible",
	}, semverChains...)},
	{vouch.EcosystemPyPI, []string{
		// PEP 440, "Summary of permitted suffixes and relative ordering".
		"1.dev0 < 1.0.dev456 < 1.0a1 < 1.0a2.dev456 < 1.0a12.dev456 < 1.0a12 < 1.0b1.dev456 < 1.0b2 < 1.0b2.post345.dev456 < 1.0b2.post345 < 1.0rc1.dev456 < 1.0rc1 < 1.0 < 1.0+abc.5 < 1.0+abc.7 < 1.0+5 < 1.0.post456.dev34 < 1.0.post456 < 1.0.15 < 1.1.dev1",
		"1.0.dev0 < 1.0a1 < 1.0b1 < 1.0rc1 < 1.0 < 1.0.post1",
		// Epochs.
		"2.0 < 2013.10 < 1!1.0 < 1!2.0 < 2!0.1",
		"0!1.0 = 1.0",
		// Normalisation (PEP 440 "Normalization").
		"1.0 = 1.0.0 = 1.0.0.0 = v1.0 = V1.0 = 01.0 = 1.00",
		"1.0a1 = 1.0-alpha1 = 1.0.alpha1 = 1.0_a_1 = 1.0-a.1 = 1.0A1 = 1.0ALPHA1",
		"1.0b2 = 1.0beta2 = 1.0-beta-2",
		"1.0rc1 = 1.0c1 = 1.0pre1 = 1.0preview1 = 1.0-RC1 = 1.0.rc.1",
		"1.0a = 1.0a0 < 1.0a1",
		"1.0.post1 = 1.0-1 = 1.0-post1 = 1.0post1 = 1.0.rev1 = 1.0r1 = 1.0_post_1",
		"1.0.post = 1.0.post0 = 1.0-post0",
		"1.0.dev = 1.0.dev0 = 1.0-dev0 = 1.0dev0",
		"1.0+ubuntu-1 = 1.0+ubuntu.1 = 1.0+ubuntu_1",
		"1.0+1 < 1.0+1.1 < 1.0+2",
		"1.0+abc < 1.0+abc.1 < 1.0+1",
		"1.9 < 1.10 < 1.11",
		"1.0.post1.dev1 < 1.0.post1 < 1.0.post2.dev1",
	}},
	{vouch.EcosystemMaven, []string{
		// maven.apache.org/pom.html#Version_Order_Specification
		"1-alpha < 1-beta < 1-milestone < 1-rc = 1-cr < 1-snapshot < 1 = 1-ga = 1-final < 1-sp < 1.1",
		"1 < 1.1",
		"1-snapshot < 1 < 1-sp",
		"1-foo2 < 1-foo10",
		"1.foo = 1-foo < 1-1 < 1.1",
		"1.ga = 1-ga = 1-0 = 1.0 = 1",
		"1-ga < 1-sp",
		"1-ga.1 < 1-sp.1",
		"1-sp-1 < 1-ga-1 = 1-1",
		"1-a1 = 1-alpha-1 = 1-alpha1",
		"1-b1 = 1-beta-1 < 1-m1 = 1-milestone-1",
		"1.0-RC1 = 1.0-rc1 = 1.0-CR1 = 1.0-cr-1",
		"1.0-ALPHA = 1.0-alpha",
		"1.0.0 < 1.0.0-sp < 1.0.0-xyz < 1.0.1", // unknown qualifiers after known ones
		"1.0-alpha-1 < 1.0-alpha-2 < 1.0-beta-1",
		// Maven 3.9: ".X" before a digit or at the end is "-X"; "release"
		// is "ga".
		"1.0.RC1 = 1.0-RC1 < 1.0.RC2 < 1.0 = 1.0.RELEASE = 1.0-release = 1.0.Final = 1.0.GA",
		"6.1.12rc1 < 6.1.12.rc5 < 6.1.12",
		"2.5.6 < 2.5.6.SEC01 < 2.5.6.SEC02 < 2.5.7",
		"2.0.0-SNAPSHOT < 2.0.0 < 2.0.1-SNAPSHOT < 2.0.1",
		"1.9 < 1.10",
	}},
	{vouch.EcosystemRubyGems, []string{
		"1.0.a < 1.0",
		"0.9 < 1.0.a < 1.0.a.1 < 1.0.b1 < 1.0.rc1 < 1.0 < 1.0.1",
		"1 = 1.0 = 1.0.0",
		"1.0.a9 < 1.0.a10", // "a10" is the segments "a", 10
		"2.0.0.rc1 < 2.0.0.rc2 < 2.0.0",
		"1.0.0-rc1 = 1.0.0.pre.rc1 < 1.0.0", // "-" reads as ".pre."
		"1.9 < 1.10",
	}},
	{vouch.EcosystemNuGet, []string{
		"1.0 = 1.0.0 = 1.0.0.0 < 1.0.0.1 < 1.0.1",
		"1.0.0-ALPHA = 1.0.0-alpha < 1.0.0-beta < 1.0.0-RC.1 = 1.0.0-rc.1 < 1.0.0",
		"1.0.0-alpha.1 < 1.0.0-alpha.2 < 1.0.0-alpha.10 < 1.0.0-alpha.beta",
		"1.0.0+build.5 = 1.0.0 = 1.0.0+other",
		"1.0.0.1-beta < 1.0.0.1",
	}},
	{vouch.EcosystemPackagist, []string{
		// Composer's VersionParser normalisation and version_compare order:
		// dev < alpha < beta < RC < stable < patch.
		"1.0.0-dev < 1.0.0-alpha1 < 1.0.0-beta1 < 1.0.0-RC1 < 1.0.0 < 1.0.0-patch1",
		"v1.0.0 = 1.0.0 = 1.0 = 1.0.0.0",
		"1.0.0-alpha = 1.0.0-a < 1.0.0-beta = 1.0.0-b < 1.0.0-rc = 1.0.0-RC",
		"1.0.0-p1 = 1.0.0-pl1 = 1.0.0-patch1",
		"1.0.0-beta2 < 1.0.0-beta10",
		"2.3.0-RC1 < 2.3.0 < 2.3.1 < 2.10.0",
		"1.0.0-stable = 1.0.0 = v1.0-stable",
		"v3.0.0-beta < v3.0 < v3.0.1",
		"1.0.0-beta.2 = 1.0.0-beta2 < 1.0.0-RC = 1.0.0-rc",
	}},
	{vouch.EcosystemDebian, debianChains},
	{vouch.EcosystemUbuntu, debianChains},
	{"Debian:12", debianChains},
	{vouch.EcosystemAlpine, alpineChains},
	{"Alpine:v3.19", alpineChains},
	{vouch.EcosystemRedHat, rpmChains},
	{vouch.EcosystemRocky, rpmChains},
	{vouch.EcosystemAlma, rpmChains},
	{vouch.EcosystemSUSE, rpmChains},
	{vouch.EcosystemOpenSUSE, rpmChains},
}

// semverChains are semver.org's §11 examples, and §10's rule that build
// metadata does not count.
var semverChains = []string{
	"1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0",
	"1.0.0 < 2.0.0 < 2.1.0 < 2.1.1",
	"1.9.0 < 1.10.0 < 1.11.0",
	"1.0.0-alpha+001 = 1.0.0-alpha < 1.0.0+20130313144700 = 1.0.0 = 1.0.0+exp.sha.5114f85",
	"1.0.0-1 < 1.0.0-2 < 1.0.0-10 < 1.0.0-a < 1.0.0-a.1",
	"1.0.0-BETA < 1.0.0-Beta < 1.0.0-alpha", // ASCII order
	"0.0.0-foo < 0.0.0 < 0.0.1 < 0.1.0 < 1.0.0",
}

// debianChains follow Debian Policy §5.6.12 and dpkg's verrevcmp.
var debianChains = []string{
	"2.0 < 1:1.0 < 1:2.0 < 2:0.1",
	"1.0 = 0:1.0",
	"1.0~~ < 1.0~~a < 1.0~ < 1.0~rc1 < 1.0 < 1.0a < 1.0+b1",
	"1.0-1 < 1.0-1ubuntu1 < 1.0-1ubuntu2 < 1.0-2",
	"1.0-1~deb12u1 < 1.0-1 < 1.0-1+deb12u1 < 1.0-1.1",
	"1.0a1 < 1.0+1 < 1.0.1", // letters sort before non-letters
	"1.0 = 1.0-0",
	"1.2.3 < 1.2.10 < 1.10",
	"2.36.1-8+deb11u1 < 2.36.1-8+deb11u2 < 2.36.1-9",
}

// alpineChains follow apk-tools' version comparison.
var alpineChains = []string{
	"1.2.3_alpha < 1.2.3_alpha2 < 1.2.3_beta < 1.2.3_pre < 1.2.3_rc < 1.2.3_rc1 < 1.2.3 < 1.2.3_p1 < 1.2.3_p2 < 1.2.4",
	"1.2.3 < 1.2.3_cvs < 1.2.3_svn < 1.2.3_git < 1.2.3_hg < 1.2.3_p1",
	"1.2.3-r0 < 1.2.3-r1 < 1.2.3-r2 < 1.2.3-r10 < 1.2.3a-r0",
	"1.2.3 < 1.2.3a < 1.2.3b < 1.2.4",
	"1.2.3 < 1.2.3-r1 < 1.2.3~abc < 1.2.3~abd < 1.2.3~abd-r1", // commit hash
	"1.02 < 1.1 < 1.10",                    // a leading zero compares as a string
	"6.0.2p1-r0 < 6.0.2p1-r1 < 6.0.2p2-r0", // old Alpine releases' letter-then-digits
	"1.2 < 1.2.1 < 1.10",
	"3.0.15-r0 < 3.1.0-r0 < 3.1.7-r0",
}

// rpmChains follow rpmvercmp, with the epoch.
var rpmChains = []string{
	"2.0 < 1:1.0 < 1:2.0",
	"1.0 < 1.0.0 < 1.0.1",
	"1.0~rc1 < 1.0~rc1^git1 < 1.0 < 1.0^git1 < 1.0^git2 < 1.0.1",
	"1.0~~ < 1.0~ < 1.0",
	"1.0a < 1.0.1", // numeric segments are newer than alphabetic ones
	"1.0-1 < 1.0-2 < 1.0-10 < 1.1-1",
	"1.0-1.el8 < 1.0-1.el9 < 1.0-2.el8",
	"5.5p1 < 5.5p2 < 5.5p10 < 5.6p1",
	"xyz.4 < 8",
}

func TestOrderings(t *testing.T) {
	for _, tc := range orderings {
		for _, chain := range tc.chains {
			f := strings.Fields(chain)
			if len(f)%2 == 0 {
				t.Fatalf("bad chain %q", chain)
			}
			var vs []string
			var rank []int
			r := 0
			for i, tok := range f {
				if i%2 == 1 {
					switch tok {
					case "<":
						r++
					case "=":
					default:
						t.Fatalf("bad chain %q", chain)
					}
					continue
				}
				vs = append(vs, tok)
				rank = append(rank, r)
			}
			for i := range vs {
				for j := range vs {
					want := cmpInt(rank[i], rank[j])
					got, err := Compare(tc.eco, vs[i], vs[j])
					if err != nil {
						t.Errorf("%s: Compare(%q, %q): %v", tc.eco, vs[i], vs[j], err)
						continue
					}
					if got != want {
						t.Errorf("%s: Compare(%q, %q) = %d, want %d", tc.eco, vs[i], vs[j], got, want)
					}
				}
			}
		}
	}
}

// TestFixtures runs osv-scalibr's ordering fixtures (testdata/README.md)
// through Compare, both ways round.
func TestFixtures(t *testing.T) {
	seen := map[string]bool{}
	defer func() {
		for k := range fixtureDeviations {
			if !seen[k] {
				t.Errorf("deviation %q matches no fixture line", k)
			}
		}
	}()
	for _, tc := range []struct {
		eco  vouch.Ecosystem
		file string
	}{
		{vouch.EcosystemNPM, "semver-versions.txt"},
		{vouch.EcosystemCrates, "semver-versions.txt"},
		{vouch.EcosystemGo, "semver-versions.txt"},
		{vouch.EcosystemPyPI, "pypi-versions.txt"},
		{vouch.EcosystemPyPI, "pypi-versions-generated.txt.gz"},
		{vouch.EcosystemMaven, "maven-versions.txt"},
		{vouch.EcosystemMaven, "maven-versions-generated.txt.gz"},
		{vouch.EcosystemRubyGems, "rubygems-versions.txt"},
		{vouch.EcosystemRubyGems, "rubygems-versions-generated.txt.gz"},
		{vouch.EcosystemNuGet, "nuget-versions.txt"},
		{vouch.EcosystemPackagist, "packagist-versions.txt"},
		{vouch.EcosystemPackagist, "packagist-versions-generated.txt.gz"},
		{vouch.EcosystemDebian, "debian-versions.txt"},
		{vouch.EcosystemDebian, "debian-versions-generated.txt.gz"},
		{vouch.EcosystemUbuntu, "debian-versions.txt"},
		{vouch.EcosystemAlpine, "alpine-versions.txt"},
		{vouch.EcosystemAlpine, "alpine-versions-generated.txt.gz"},
		{vouch.EcosystemRedHat, "redhat-versions.txt"},
		{vouch.EcosystemRedHat, "rpmvercmp.txt"},
		{vouch.EcosystemSUSE, "rpmvercmp.txt"},
		{vouch.EcosystemAlpine, "apk-version.txt"},
	} {
		t.Run(string(tc.eco)+"/"+tc.file, func(t *testing.T) {
			n, failed := 0, 0
			forEachLine(t, "testdata/"+tc.file, func(line string) {
				f := strings.Fields(line)
				if len(f) != 3 {
					t.Fatalf("bad line %q", line)
				}
				want := map[string]int{"<": -1, "=": 0, ">": 1}[f[1]]
				n++
				if dev, ok := fixtureDeviations[tc.file+": "+line]; ok {
					f = strings.Fields(dev)
					want = map[string]int{"<": -1, "=": 0, ">": 1}[f[1]]
					seen[tc.file+": "+line] = true
				}
				for _, p := range [][2]string{{f[0], f[2]}, {f[2], f[0]}} {
					got, err := Compare(tc.eco, p[0], p[1])
					if err != nil || got != want {
						failed++
						if failed <= 20 {
							t.Errorf("Compare(%q, %q) = %d, %v; want %d", p[0], p[1], got, err, want)
						}
					}
					want = -want
				}
			})
			if failed > 0 {
				t.Errorf("%d of %d comparisons failed", failed, 2*n)
			}
			if n == 0 {
				t.Fatal("no cases")
			}
		})
	}
}

// fixtureDeviations are the osv-scalibr fixture lines that vouch orders
// differently on purpose, each with the ordering that holds instead (see
// the package documentation and testdata/README.md):
//
//   - Maven: the generated fixture follows Maven before 3.9, where
//     ".qualifier" < "-qualifier"; Maven 3.9 nests ".X1" and a final ".X"
//     as "-X" (MNG-7559, MNG-7644), so "6.1.12.rc5" > "6.1.12rc1".
//   - Packagist: the fixtures follow PHP's bare version_compare; Composer
//     normalises "1.0" to "1.0.0.0" and "5.1.0-stable" to "5.1.0.0"
//     first, so a stable "v3.0" is newer than "v3.0.0-beta".
//   - Alpine: alpine-versions.txt predates apk-tools 3, which calls "1-r"
//     (a revision without digits) invalid; and vouch orders two versions
//     that turn malformed at the same point by the rest of their text
//     rather than calling them equal.
var fixtureDeviations = map[string]string{
	"maven-versions-generated.txt.gz: 1.0.0-RC16 < 1.0.0.RC8-beta":                   "1.0.0-RC16 > 1.0.0.RC8-beta",
	"maven-versions-generated.txt.gz: 1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3":       "1.0.0-gradle-rework-beta3 > 1.0.0.RC7-3",
	"maven-versions-generated.txt.gz: 2.9.0-1 < 2.9.0.RC1":                           "2.9.0-1 > 2.9.0.RC1",
	"maven-versions-generated.txt.gz: 6.1.12.rc5 < 6.1.12rc1":                        "6.1.12.rc5 > 6.1.12rc1",
	"maven-versions-generated.txt.gz: 1.1.31.sec10 < 1.1.31_noneautotype":            "1.1.31.sec10 > 1.1.31_noneautotype",
	"maven-versions-generated.txt.gz: 1.1.34.sec10 < 1.1.34_noneautotype":            "1.1.34.sec10 > 1.1.34_noneautotype",
	"maven-versions-generated.txt.gz: 1.1.46.sec10 < 1.1.46_noneautotype":            "1.1.46.sec10 > 1.1.46_noneautotype",
	"maven-versions-generated.txt.gz: 1.2.8.sec10_noneautotype < 1.2.8_noneautotype": "1.2.8.sec10_noneautotype > 1.2.8_noneautotype",
	"maven-versions-generated.txt.gz: 1.2.31.sec10 < 1.2.31_noneautotype":            "1.2.31.sec10 > 1.2.31_noneautotype",
	"maven-versions-generated.txt.gz: 1.2.48.sec10 < 1.2.48_noneautotype":            "1.2.48.sec10 > 1.2.48_noneautotype",
	"maven-versions-generated.txt.gz: 1.2.50.sec10 < 1.2.50_noneautotype":            "1.2.50.sec10 > 1.2.50_noneautotype",
	"maven-versions-generated.txt.gz: 1.2.54.sec10 < 1.2.54_noneautotype":            "1.2.54.sec10 > 1.2.54_noneautotype",
	"maven-versions-generated.txt.gz: 1.2.57.sec10 < 1.2.57_noneautotype":            "1.2.57.sec10 > 1.2.57_noneautotype",
	"maven-versions-generated.txt.gz: 1.2.60.sec10 < 1.2.60_noneautotype":            "1.2.60.sec10 > 1.2.60_noneautotype",
	"maven-versions-generated.txt.gz: 1.2.67.sec10 < 1.2.67_noneautotype":            "1.2.67.sec10 > 1.2.67_noneautotype",
	"maven-versions-generated.txt.gz: 1.0.0rc0 < 1.0.beta8":                          "1.0.0rc0 > 1.0.beta8",
	"maven-versions-generated.txt.gz: 1.5.9.RC1 < 1.5.9-RC0":                         "1.5.9.RC1 > 1.5.9-RC0",
	"maven-versions-generated.txt.gz: 1.1.0-01-glassfish < 1.1.0.Beta1":              "1.1.0-01-glassfish > 1.1.0.Beta1",
	"packagist-versions.txt: 1.0.0 > 1.0":                                            "1.0.0 = 1.0",
	"packagist-versions-generated.txt.gz: v3.0 < v3.0.0-beta":                        "v3.0 > v3.0.0-beta",
	"packagist-versions-generated.txt.gz: v3.4 < v3.4.0-alpha":                       "v3.4 > v3.4.0-alpha",
	"packagist-versions-generated.txt.gz: v4-beta4 < v4.0-alpha":                     "v4-beta4 > v4.0-alpha",
	"packagist-versions-generated.txt.gz: v4.4 < v4.4.0-beta":                        "v4.4 > v4.4.0-beta",
	"packagist-versions-generated.txt.gz: v6.5 < v6.5.0-beta-0":                      "v6.5 > v6.5.0-beta-0",
	"packagist-versions-generated.txt.gz: v6.6 < v6.6.0-beta":                        "v6.6 > v6.6.0-beta",
	"packagist-versions-generated.txt.gz: 5.1.0-stable < 5.1.0-beta2":                "5.1.0-stable > 5.1.0-beta2",
	"alpine-versions.txt: 1-r = 1-r0":                                                "1-r < 1-r0",
	"alpine-versions.txt: 1-r0-1 = 1-r-2":                                            "1-r0-1 > 1-r-2",
	"alpine-versions.txt: 1-r0-1 = 1-r0-2":                                           "1-r0-1 < 1-r0-2",
	"alpine-versions.txt: 1-ruff2 = 1-ruff1":                                         "1-ruff2 > 1-ruff1",
	"alpine-versions.txt: 1-ruff2 = 1--ruff1":                                        "1-ruff2 > 1--ruff1",
	"alpine-versions.txt: 1-r0-ruff2 = 1-r0-ruff1":                                   "1-r0-ruff2 > 1-r0-ruff1",
}

// TestAgainstSemantic states the reason for replacing osv-scalibr's apk
// comparator: it ranks a post-release suffix equal to no suffix.
func TestAgainstSemantic(t *testing.T) {
	s, err := semantic.Parse("1.2.3", "Alpine")
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := s.CompareStr("1.2.3_cvs"); c != 0 {
		t.Skipf("semantic now ranks 1.2.3 %d against 1.2.3_cvs; APKVersion may be unnecessary", c)
	}
	if c, _ := Compare(vouch.EcosystemAlpine, "1.2.3", "1.2.3_cvs"); c != -1 {
		t.Errorf("Compare(1.2.3, 1.2.3_cvs) = %d, want -1", c)
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := Parse(vouch.EcosystemNPM, strings.Repeat("1", 600)); err == nil {
		t.Error("Parse accepted a 600-byte version")
	}
	if _, err := Parse("NoSuchEcosystem", "1.0"); err == nil {
		t.Error("Parse accepted an unknown ecosystem")
	}
	if _, err := Compare(vouch.EcosystemDebian, "1.0", "1.0-not:a-debian:version!@#"); err == nil {
		t.Error("Compare accepted an invalid Debian version")
	}
}

// FuzzCompare holds Compare to its contract on any input: no panic, and
// Compare(a, b) == -Compare(b, a) whenever both parse.
func FuzzCompare(f *testing.F) {
	ecos := []vouch.Ecosystem{
		vouch.EcosystemNPM, vouch.EcosystemGo, vouch.EcosystemPyPI, vouch.EcosystemCrates,
		vouch.EcosystemRubyGems, vouch.EcosystemPackagist, vouch.EcosystemNuGet, vouch.EcosystemMaven,
		vouch.EcosystemDebian, vouch.EcosystemAlpine, vouch.EcosystemRedHat,
	}
	for _, tc := range orderings {
		for _, chain := range tc.chains {
			fs := strings.Fields(chain)
			if len(fs) >= 3 {
				f.Add(uint8(0), fs[0], fs[2])
			}
		}
	}
	f.Add(uint8(9), "1.2.3_p1~ab-r1", "1.2.3a_rc1")
	f.Add(uint8(8), "1:2.3~rc1-1ubuntu1", "2.3-1")
	f.Fuzz(func(t *testing.T, e uint8, a, b string) {
		eco := ecos[int(e)%len(ecos)]
		ab, err1 := Compare(eco, a, b)
		ba, err2 := Compare(eco, b, a)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("%s: Compare(%q, %q) err %v, reversed err %v", eco, a, b, err1, err2)
		}
		if err1 != nil {
			return
		}
		if ab != -ba || ab < -1 || ab > 1 {
			t.Fatalf("%s: Compare(%q, %q) = %d, reversed %d", eco, a, b, ab, ba)
		}
		if aa, err := Compare(eco, a, a); err != nil || aa != 0 {
			t.Fatalf("%s: Compare(%q, itself) = %d, %v", eco, a, aa, err)
		}
	})
}

func BenchmarkCompare(b *testing.B) {
	for _, tc := range []struct {
		eco  vouch.Ecosystem
		a, b string
	}{
		{vouch.EcosystemNPM, "1.2.3-beta.11", "1.2.3"},
		{vouch.EcosystemGo, "v0.0.0-20210101000000-abcdef123456", "v0.1.0"},
		{vouch.EcosystemPyPI, "1.0rc1.post2.dev3", "1.0"},
		{vouch.EcosystemMaven, "1.2.3.RELEASE", "1.2.4-SNAPSHOT"},
		{vouch.EcosystemDebian, "1:2.36.1-8+deb11u1", "1:2.36.1-9"},
		{vouch.EcosystemAlpine, "1.2.3_rc1-r2", "1.2.3-r0"},
		{vouch.EcosystemRedHat, "1:1.0.2k-21.el7_9", "1:1.0.2k-22.el7_9"},
	} {
		b.Run(string(tc.eco), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Compare(tc.eco, tc.a, tc.b); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func forEachLine(t *testing.T, file string, fn func(string)) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(file, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "// ") {
			continue
		}
		fn(line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
