package ospkg

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// seed adds every file matching glob to f's corpus.
func seed(f *testing.F, globs ...string) {
	for _, g := range globs {
		files, _ := filepath.Glob(g)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

// checkFuzzed asserts what must hold for any input: every package has a
// name, a version and a purl.
func checkFuzzed(t *testing.T, pkgs []vouch.Package) {
	for _, p := range pkgs {
		if p.Name == "" || p.Version == "" || p.PURL == "" {
			t.Fatalf("incomplete package %+v", p)
		}
	}
}

func FuzzDpkg(f *testing.F) {
	seed(f, "testdata/dpkg/status", "testdata/dpkg/status.d/*")
	f.Fuzz(func(t *testing.T, b []byte) {
		pkgs, _ := parseDpkg(context.Background(), bytes.NewReader(b), "var/lib/dpkg/status", false)
		checkFuzzed(t, pkgs)
	})
}

func FuzzApk(f *testing.F) {
	seed(f, "testdata/apk/installed")
	f.Fuzz(func(t *testing.T, b []byte) {
		pkgs, _ := parseApk(context.Background(), bytes.NewReader(b), "lib/apk/db/installed")
		checkFuzzed(t, pkgs)
	})
}

func FuzzRPMHeader(f *testing.F) {
	seed(f, "testdata/rpm/sqlite-headers/*.hdr")
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := parseRPMHeader(b)
		if err == nil && (h.name == "" || h.version == "") {
			t.Fatalf("header without name or version accepted: %+v", h)
		}
	})
}

// FuzzRPMDB feeds the Berkeley DB and NDB readers (SQLite's own reader is
// SQLite's to fuzz).
func FuzzRPMDB(f *testing.F) {
	seed(f, "testdata/rpm/bdb/Packages", "testdata/rpm/ndb/Packages.db")
	f.Fuzz(func(t *testing.T, b []byte) {
		r := bytes.NewReader(b)
		ctx := context.Background()
		noop := func(blob []byte) error {
			_, _ = parseRPMHeader(blob)
			return nil
		}
		switch sniffRPM(b) {
		case rpmBDB:
			_ = readBDB(ctx, r, int64(len(b)), noop)
		case rpmNDB:
			_ = readNDB(ctx, r, int64(len(b)), noop)
		}
	})
}

func FuzzOSRelease(f *testing.F) {
	seed(f, "testdata/os-release/*")
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ParseOSRelease(bytes.NewReader(b))
		if err == nil && d.ID == "" {
			t.Fatal("no ID")
		}
		for _, name := range ReleaseFiles[2:] {
			_, _ = ParseReleaseFile(name, bytes.NewReader(b))
		}
		if err == nil {
			pkgs, _ := parseDpkg(context.Background(), bytes.NewReader([]byte("Package: a\nVersion: 1\nArchitecture: amd64\n")), "s", false)
			ApplyDistro(pkgs, d)
			checkFuzzed(t, pkgs)
		}
	})
}
