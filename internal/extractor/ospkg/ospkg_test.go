package ospkg

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got, as indented JSON, with testdata/NAME.golden.json.
func golden(t *testing.T, name string, got any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	file := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", file, b)
	}
}

// extract runs ex on the file at testdata/src as if it were at path p.
func extract(t *testing.T, ex extractor.Extractor, src, p string, withReaderAt bool) ([]vouch.Package, error) {
	t.Helper()
	if !ex.Match(p, 0o644) {
		t.Fatalf("%s does not match %s", ex.Name(), p)
	}
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	file := &extractor.File{Path: p, Mode: fi.Mode(), Size: fi.Size(), Reader: f}
	if withReaderAt {
		file.ReaderAt = f
	}
	return ex.Extract(context.Background(), file)
}

// checkPackages asserts what every extractor owes its caller: a purl that
// parses back to the package, a location at the file.
func checkPackages(t *testing.T, pkgs []vouch.Package, file string) {
	t.Helper()
	for _, p := range pkgs {
		got, err := purl.Parse(p.PURL)
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		if got.Ecosystem != p.Ecosystem || got.Name != p.Name {
			t.Errorf("purl %s reads back as %s %s, want %s %s", p.PURL, got.Ecosystem, got.Name, p.Ecosystem, p.Name)
		}
		if len(p.Locations) != 1 || p.Locations[0].Path != file {
			t.Errorf("%s: locations %v, want one at %s", p.Name, p.Locations, file)
		}
		if p.Metadata[MetaDB] == "" {
			t.Errorf("%s: no %s metadata", p.Name, MetaDB)
		}
	}
}

func names(pkgs []vouch.Package) string {
	var s []string
	for _, p := range pkgs {
		s = append(s, p.Name+"@"+p.Version)
	}
	return strings.Join(s, " ")
}

func TestDpkgStatus(t *testing.T) {
	pkgs, err := extract(t, Dpkg{}, "testdata/dpkg/status", "var/lib/dpkg/status", false)
	if err != nil {
		t.Fatal(err)
	}
	checkPackages(t, pkgs, "var/lib/dpkg/status")
	// vim-tiny (config-files) and libgdbm-compat4 (not-installed) are
	// gone; libsystemd0 (on hold) is installed.
	want := "base-files@12.4+deb12u5 bash@5.2.15-2+b2 libc6@2.36-9+deb12u4 libgcc-s1@12.2.0-14 " +
		"libssl3@3.0.11-1~deb12u2 libsystemd0@252.22-1~deb12u1 tzdata@2024a-0+deb12u1 zlib1g@1:1.2.13.dfsg-1"
	if got := names(pkgs); got != want {
		t.Errorf("packages:\n got %s\nwant %s", got, want)
	}
	golden(t, "dpkg/status", pkgs)
}

func TestDpkgStatusD(t *testing.T) {
	if (Dpkg{}).Match("var/lib/dpkg/status.d/libssl3.md5sums", 0o644) {
		t.Error("matches a .md5sums file")
	}
	var all []vouch.Package
	for _, name := range []string{"libssl3", "tzdata"} {
		p := "var/lib/dpkg/status.d/" + name
		pkgs, err := extract(t, Dpkg{}, "testdata/dpkg/status.d/"+name, p, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(pkgs) != 1 || pkgs[0].Name != name {
			t.Fatalf("%s: got %s", name, names(pkgs))
		}
		checkPackages(t, pkgs, p)
		all = append(all, pkgs...)
	}
	golden(t, "dpkg/status.d", all)
}

func TestDpkgFields(t *testing.T) {
	pkgs, err := extract(t, Dpkg{}, "testdata/dpkg/status", "var/lib/dpkg/status", false)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]vouch.Package{}
	for _, p := range pkgs {
		byName[p.Name] = p
	}
	for _, tc := range []struct {
		name, srcName, srcVersion, purl string
		line                            int
	}{
		{"bash", "bash", "5.2.15-2", "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64", 26},
		{"libc6", "glibc", "", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc", 60},
		{"zlib1g", "zlib", "", "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&upstream=zlib", 179},
		{"tzdata", "tzdata", "", "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all", 137},
	} {
		p := byName[tc.name]
		if p.SourceName != tc.srcName || p.SourceVersion != tc.srcVersion || p.PURL != tc.purl || p.Locations[0].Line != tc.line {
			t.Errorf("%s: source %q %q, purl %s, line %d; want %q %q, %s, %d", tc.name,
				p.SourceName, p.SourceVersion, p.PURL, p.Locations[0].Line, tc.srcName, tc.srcVersion, tc.purl, tc.line)
		}
	}
}

func TestDpkgMalformed(t *testing.T) {
	for _, tc := range []struct {
		name, in, want, errText string
	}{
		{"empty", "", "", ""},
		{"no version", "Package: a\nStatus: install ok installed\n\nPackage: b\nStatus: install ok installed\nVersion: 1\n", "b@1", "no Version"},
		{"not a field", "Package: a\nStatus: install ok installed\nVersion: 1\ngarbage line\n", "a@1", "line 4"},
		{"no package", "Status: install ok installed\nVersion: 1\n", "", "no Package"},
		{"crlf and case", "package: a\r\nstatus: install ok installed\r\nversion: 1\r\n\r\n", "a@1", ""},
		{"missing status", "Package: a\nVersion: 1\n", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkgs, err := parseDpkg(context.Background(), strings.NewReader(tc.in), "var/lib/dpkg/status", true)
			if got := names(pkgs); got != tc.want {
				t.Errorf("packages %q, want %q", got, tc.want)
			}
			if tc.errText == "" && err != nil || tc.errText != "" && (err == nil || !strings.Contains(err.Error(), tc.errText)) {
				t.Errorf("error %v, want one containing %q", err, tc.errText)
			}
		})
	}
}

func TestApk(t *testing.T) {
	pkgs, err := extract(t, Apk{}, "testdata/apk/installed", "lib/apk/db/installed", false)
	if err != nil {
		t.Fatal(err)
	}
	checkPackages(t, pkgs, "lib/apk/db/installed")
	want := "alpine-baselayout-data@3.4.3-r2 musl@1.2.4_git20230717-r4 busybox@1.36.1-r15 libcrypto3@3.1.4-r5 " +
		"ssl_client@1.36.1-r15 zlib@1.3.1-r0 apk-tools@2.14.0-r5"
	if got := names(pkgs); got != want {
		t.Errorf("packages:\n got %s\nwant %s", got, want)
	}
	c := pkgs[3]
	if c.SourceName != "openssl" || c.Licenses[0] != "Apache-2.0" || c.Commit != "b3a6b6ed7fe0a4e5d0e8c4a0f8b6d2d8f7d9f3a1" ||
		c.Locations[0].Line != 71 || c.PURL != "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&upstream=openssl" {
		t.Errorf("libcrypto3: %+v", c)
	}
	golden(t, "apk/installed", pkgs)
}

func TestApkMalformed(t *testing.T) {
	pkgs, err := parseApk(context.Background(), strings.NewReader("P:a\nV:1\n\nP:b\n\nnonsense\nP:c\nV:2\n"), "lib/apk/db/installed")
	if got := names(pkgs); got != "a@1 c@2" {
		t.Errorf("packages %q", got)
	}
	if err == nil || !strings.Contains(err.Error(), "stanza at line 4") || !strings.Contains(err.Error(), "line 6") {
		t.Errorf("error %v", err)
	}
}

// buildRPMSQLite writes an rpm SQLite database, with rpm's own schema,
// holding the header blobs of testdata/rpm/sqlite-headers.
func buildRPMSQLite(t testing.TB) string {
	t.Helper()
	hdrs, err := filepath.Glob("testdata/rpm/sqlite-headers/*.hdr")
	if err != nil || len(hdrs) == 0 {
		t.Fatal("no headers", err)
	}
	file := filepath.Join(t.TempDir(), "rpmdb.sqlite")
	db, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		"CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL)",
		"CREATE TABLE 'Name' (key 'TEXT' NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL, FOREIGN KEY (hnum) REFERENCES 'Packages'(hnum))",
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range hdrs {
		b, err := os.ReadFile(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("INSERT INTO Packages (blob) VALUES (?)", b); err != nil {
			t.Fatal(err)
		}
	}
	return file
}

func TestRPMSQLite(t *testing.T) {
	file := buildRPMSQLite(t)
	const want = "openssl-libs@1:1.1.1l-2.fc35 publicsuffix-list-dafsa@20210518-2.fc35 alternatives@1.19-1.fc35 bash@5.1.8-2.fc35 zlib@1.2.11-30.fc35"
	for _, tc := range []struct {
		name   string
		path   string
		direct bool
	}{
		{"file in place", "var/lib/rpm/rpmdb.sqlite", true},
		{"spooled", "usr/lib/sysimage/rpm/rpmdb.sqlite", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkgs, err := extract(t, RPM{}, file, tc.path, tc.direct)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(pkgs); got != want {
				t.Errorf("packages:\n got %s\nwant %s", got, want)
			}
			checkPackages(t, pkgs, tc.path)
		})
	}
	pkgs, _ := extract(t, RPM{}, file, "var/lib/rpm/rpmdb.sqlite", true)
	o := pkgs[0]
	if o.SourceName != "openssl" || o.Metadata[MetaEpoch] != "1" || o.Metadata[MetaArch] != "x86_64" ||
		o.PURL != "pkg:rpm/redhat/openssl-libs@1.1.1l-2.fc35?arch=x86_64&epoch=1&upstream=openssl" {
		t.Errorf("openssl-libs: %+v", o)
	}
	golden(t, "rpm/sqlite", pkgs)
	// Nothing may be written beside a database that is read in place.
	if extra, _ := filepath.Glob(file + "-*"); len(extra) > 0 {
		t.Errorf("reading left %v behind", extra)
	}
}

func TestRPMBerkeleyDB(t *testing.T) {
	pkgs, err := extract(t, RPM{}, "testdata/rpm/bdb/Packages", "var/lib/rpm/Packages", true)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(pkgs); got != "libuuid@2.32.1-42.el8_8" {
		t.Errorf("packages %s", got)
	}
	checkPackages(t, pkgs, "var/lib/rpm/Packages")
	golden(t, "rpm/bdb", pkgs)
	// Without random access the extractor buffers the file itself.
	again, err := extract(t, RPM{}, "testdata/rpm/bdb/Packages", "var/lib/rpm/Packages", false)
	if err != nil || names(again) != names(pkgs) {
		t.Errorf("from a plain reader: %s, %v", names(again), err)
	}
}

func TestRPMNDB(t *testing.T) {
	pkgs, err := extract(t, RPM{}, "testdata/rpm/ndb/Packages.db", "usr/lib/sysimage/rpm/Packages.db", true)
	if err != nil {
		t.Fatal(err)
	}
	checkPackages(t, pkgs, "usr/lib/sysimage/rpm/Packages.db")
	golden(t, "rpm/ndb", pkgs)
	if len(pkgs) != 2 {
		t.Errorf("packages %s, want the 2 the trimmed database holds", names(pkgs))
	}
}

func TestRPMMalformed(t *testing.T) {
	blob, err := os.ReadFile("testdata/rpm/sqlite-headers/05-bash.hdr")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseRPMHeader(blob); err != nil {
		t.Fatalf("real header: %v", err)
	}
	for _, tc := range []struct {
		name string
		blob []byte
		want string
	}{
		{"short", blob[:5], "shorter than 8"},
		{"truncated", blob[:len(blob)/2], "truncated"},
		{"no entries", []byte{0, 0, 0, 0, 0, 0, 0, 0}, "index count 0"},
		{"huge index", []byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0}, "out of range"},
		{"huge data", []byte{0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff}, "out of range"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseRPMHeader(tc.blob)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	for _, tc := range []struct{ name, data, want string }{
		{"garbage", "this is not a database at all, not even close to one", "not an rpm database"},
		{"truncated ndb", "RpmP\x00\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00", "ndb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &extractor.File{Path: "var/lib/rpm/Packages", Size: int64(len(tc.data)), Reader: strings.NewReader(tc.data)}
			_, err := RPM{}.Extract(context.Background(), f)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	// A corrupt SQLite file is an error, not a panic.
	file := filepath.Join(t.TempDir(), "rpmdb.sqlite")
	if err := os.WriteFile(file, append([]byte(sqliteMagic), bytes.Repeat([]byte{0xA5}, 4096)...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := extract(t, RPM{}, file, "var/lib/rpm/rpmdb.sqlite", true); err == nil {
		t.Error("corrupt sqlite: no error")
	}
}

func TestSourceNV(t *testing.T) {
	for _, tc := range []struct{ in, name, version string }{
		{"openssl-3.0.7-25.el9_3.src.rpm", "openssl", "3.0.7-25.el9_3"},
		{"util-linux-2.32.1-42.el8_8.src.rpm", "util-linux", "2.32.1-42.el8_8"},
		{"kernel-6.1-1.nosrc.rpm", "kernel", "6.1-1"},
		{"weird", "weird", ""},
		{"a-1.src.rpm", "a-1", ""},
	} {
		if n, v := sourceNV(tc.in); n != tc.name || v != tc.version {
			t.Errorf("sourceNV(%q) = %q %q, want %q %q", tc.in, n, v, tc.name, tc.version)
		}
	}
}

func TestParseOSRelease(t *testing.T) {
	for _, tc := range []struct {
		file string
		want vouch.Distro
	}{
		{"debian-12", vouch.Distro{ID: "debian", VersionID: "12", Codename: "bookworm", Name: "Debian GNU/Linux 12 (bookworm)"}},
		{"debian-sid", vouch.Distro{ID: "debian", Codename: "trixie", Name: "Debian GNU/Linux trixie/sid"}},
		{"alpine-3.19", vouch.Distro{ID: "alpine", VersionID: "3.19.1", Name: "Alpine Linux v3.19"}},
		{"ubuntu-22.04", vouch.Distro{ID: "ubuntu", VersionID: "22.04", Codename: "jammy", Name: "Ubuntu 22.04.4 LTS"}},
		{"rhel-9.3", vouch.Distro{ID: "rhel", VersionID: "9.3", Name: "Red Hat Enterprise Linux 9.3 (Plow)"}},
		{"opensuse-leap-15.5", vouch.Distro{ID: "opensuse-leap", VersionID: "15.5", Name: "openSUSE Leap 15.5"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open("testdata/os-release/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			d, err := ParseOSRelease(f)
			if err != nil {
				t.Fatal(err)
			}
			if *d != tc.want {
				t.Errorf("got %+v, want %+v", *d, tc.want)
			}
		})
	}
	for _, tc := range []struct{ in, id, version, errText string }{
		{`ID="a\"b\\c"` + "\nVERSION_ID='1 2'", `a"b\c`, "1 2", ""},
		{"# comment only\n", "linux", "", ""},
		{`ID="open`, "", "", "unterminated"},
		{"NOT A LINE", "", "", "want KEY=value"},
	} {
		d, err := ParseOSRelease(strings.NewReader(tc.in))
		if tc.errText != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errText) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.errText)
			}
			continue
		}
		if err != nil || d.ID != tc.id || d.VersionID != tc.version {
			t.Errorf("%q: got %+v, %v", tc.in, d, err)
		}
	}
}

func TestParseReleaseFile(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		want          vouch.Distro
	}{
		{"etc/debian_version", "12.5\n", vouch.Distro{ID: "debian", VersionID: "12", Name: "Debian GNU/Linux 12"}},
		{"etc/debian_version", "trixie/sid\n", vouch.Distro{ID: "debian", Codename: "trixie", Name: "Debian GNU/Linux trixie"}},
		{"etc/alpine-release", "3.19.1\n", vouch.Distro{ID: "alpine", VersionID: "3.19.1", Name: "Alpine Linux v3.19"}},
		{"etc/redhat-release", "CentOS release 6.10 (Final)\n", vouch.Distro{ID: "centos", VersionID: "6", Codename: "Final", Name: "CentOS release 6.10 (Final)"}},
		{"etc/redhat-release", "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n", vouch.Distro{ID: "rhel", VersionID: "7.9", Codename: "Maipo", Name: "Red Hat Enterprise Linux Server release 7.9 (Maipo)"}},
	} {
		d, err := ParseReleaseFile(tc.name, strings.NewReader(tc.content))
		if err != nil || *d != tc.want {
			t.Errorf("%s %q: got %+v, %v; want %+v", tc.name, tc.content, d, err, tc.want)
		}
	}
	for _, bad := range []string{"", "\n", "Gentoo Base System release 2.14"} {
		if _, err := ParseReleaseFile("etc/redhat-release", strings.NewReader(bad)); err == nil {
			t.Errorf("redhat-release %q: no error", bad)
		}
	}
}

func TestDetectDistro(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if d, err := DetectDistro(root.FS()); d != nil || err != nil {
		t.Errorf("empty root: %v, %v", d, err)
	}
	write("etc/debian_version", "12.5\n")
	if d, err := DetectDistro(root.FS()); err != nil || d.ID != "debian" || d.VersionID != "12" {
		t.Errorf("debian_version only: %+v, %v", d, err)
	}
	write("usr/lib/os-release", "ID=ubuntu\nVERSION_ID=\"24.04\"\n")
	if d, err := DetectDistro(root.FS()); err != nil || d.ID != "ubuntu" || d.VersionID != "24.04" {
		t.Errorf("os-release wins: %+v, %v", d, err)
	}
}

func TestApplyDistro(t *testing.T) {
	deb, _ := parseDpkg(context.Background(), strings.NewReader(
		"Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u4\n"), "var/lib/dpkg/status", true)
	apk, _ := parseApk(context.Background(), strings.NewReader("P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\n"), "lib/apk/db/installed")
	rpm, err := extract(t, RPM{}, buildRPMSQLite(t), "var/lib/rpm/rpmdb.sqlite", true)
	if err != nil {
		t.Fatal(err)
	}
	npm := vouch.Package{Ecosystem: vouch.EcosystemNPM, Name: "left-pad", Version: "1.3.0", PURL: "pkg:npm/left-pad@1.3.0"}
	all := []vouch.Package{deb[0], apk[0], rpm[0], npm}
	for _, tc := range []struct {
		name   string
		distro *vouch.Distro
		want   [4]string // ecosystem distro purl, for deb, apk, rpm, npm
	}{
		{"none", nil, [4]string{
			"Debian  pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc",
			"Alpine  pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64",
			"Red Hat  pkg:rpm/redhat/openssl-libs@1.1.1l-2.fc35?arch=x86_64&epoch=1&upstream=openssl",
			"npm  pkg:npm/left-pad@1.3.0",
		}},
		{"debian", &vouch.Distro{ID: "debian", VersionID: "12"}, [4]string{
			"Debian debian:12 pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc",
			"Alpine  pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64",
			"Red Hat  pkg:rpm/redhat/openssl-libs@1.1.1l-2.fc35?arch=x86_64&epoch=1&upstream=openssl",
			"npm  pkg:npm/left-pad@1.3.0",
		}},
		{"ubuntu", &vouch.Distro{ID: "ubuntu", VersionID: "22.04"}, [4]string{
			"Ubuntu ubuntu:22.04 pkg:deb/ubuntu/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=ubuntu-22.04&upstream=glibc",
			"Alpine  pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64",
			"Red Hat  pkg:rpm/redhat/openssl-libs@1.1.1l-2.fc35?arch=x86_64&epoch=1&upstream=openssl",
			"npm  pkg:npm/left-pad@1.3.0",
		}},
		{"alpine", &vouch.Distro{ID: "alpine", VersionID: "3.19.1"}, [4]string{
			"Debian  pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc",
			"Alpine alpine:3.19 pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1",
			"Red Hat  pkg:rpm/redhat/openssl-libs@1.1.1l-2.fc35?arch=x86_64&epoch=1&upstream=openssl",
			"npm  pkg:npm/left-pad@1.3.0",
		}},
		{"rocky", &vouch.Distro{ID: "rocky", VersionID: "9.3"}, [4]string{
			"Debian  pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc",
			"Alpine  pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64",
			"Rocky Linux rocky:9.3 pkg:rpm/rocky/openssl-libs@1.1.1l-2.fc35?arch=x86_64&distro=rocky-9.3&epoch=1&upstream=openssl",
			"npm  pkg:npm/left-pad@1.3.0",
		}},
		{"opensuse", &vouch.Distro{ID: "opensuse-leap", VersionID: "15.5"}, [4]string{
			"Debian  pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc",
			"Alpine  pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64",
			"openSUSE opensuse-leap:15.5 pkg:rpm/opensuse/openssl-libs@1.1.1l-2.fc35?arch=x86_64&distro=opensuse-leap-15.5&epoch=1&upstream=openssl",
			"npm  pkg:npm/left-pad@1.3.0",
		}},
		{"derivative keeps the default ecosystem", &vouch.Distro{ID: "linuxmint", VersionID: "21.3"}, [4]string{
			"Debian linuxmint:21.3 pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=linuxmint-21.3&upstream=glibc",
			"Alpine linuxmint:21.3 pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=linuxmint-21.3",
			"Red Hat linuxmint:21.3 pkg:rpm/redhat/openssl-libs@1.1.1l-2.fc35?arch=x86_64&distro=linuxmint-21.3&epoch=1&upstream=openssl",
			"npm  pkg:npm/left-pad@1.3.0",
		}},
		{"debian testing by codename", &vouch.Distro{ID: "debian", Codename: "trixie"}, [4]string{
			"Debian debian:trixie pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-trixie&upstream=glibc",
			"Alpine  pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64",
			"Red Hat  pkg:rpm/redhat/openssl-libs@1.1.1l-2.fc35?arch=x86_64&epoch=1&upstream=openssl",
			"npm  pkg:npm/left-pad@1.3.0",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkgs := make([]vouch.Package, len(all))
			copy(pkgs, all)
			ApplyDistro(pkgs, tc.distro)
			for i, p := range pkgs {
				if got := string(p.Ecosystem) + " " + p.Distro + " " + p.PURL; got != tc.want[i] {
					t.Errorf("%s:\n got %s\nwant %s", p.Name, got, tc.want[i])
				}
			}
		})
	}
}
