package vulndb

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/cvss"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// TestImportSharedStatus checks the import of the real databases: every
// record is there, and the database is smaller than the zips it came from.
func TestImportSharedStatus(t *testing.T) {
	dir := sharedDir(t)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st := db.Status()
	want := map[string]int{"Go": 4291, "PyPI": 2661, "crates.io": 1206}
	for eco, n := range want {
		if st.Records[eco] != n {
			t.Errorf("%s: %d records, want %d", eco, st.Records[eco], n)
		}
	}
	if st.Total() != 8158 || st.Withdrawn != 40 {
		t.Errorf("total %d withdrawn %d, want 8158 and 40", st.Total(), st.Withdrawn)
	}
	var zipSize int64
	for _, z := range sharedZips(t) {
		fi, err := os.Stat(z)
		if err != nil {
			t.Fatal(err)
		}
		zipSize += fi.Size()
	}
	if st.Size <= 0 || st.Size > zipSize {
		t.Errorf("database is %d bytes, zips %d: want no larger", st.Size, zipSize)
	}
	t.Logf("database %d bytes, zips %d bytes (%.0f%%)", st.Size, zipSize, 100*float64(st.Size)/float64(zipSize))
	if len(st.Sources) != 3 || !strings.HasSuffix(st.Sources[0].Location, ".zip") || st.Sources[0].Fetched.IsZero() {
		t.Errorf("sources = %+v", st.Sources)
	}
}

// TestMatchRealAdvisories checks well-known advisories against versions
// read off the advisories by hand.
func TestMatchRealAdvisories(t *testing.T) {
	db, err := Open(sharedDir(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		name    string
		pkg     vouch.Package
		id      string // the finding that must (fixed != "-") or must not (fixed == "-") be there
		fixed   string
		aliases []string // that must be among the finding's aliases
		reach   string
	}{
		// GO-2022-0969: HTTP/2 server hangs; stdlib and golang.org/x/net.
		{"stdlib 1.18.5", vouch.Package{Ecosystem: "Go", Name: "stdlib", Version: "go1.18.5"}, "GO-2022-0969", "1.18.6", []string{"CVE-2022-27664", "GHSA-69cg-p879-7622"}, ""},
		{"stdlib 1.19.0", vouch.Package{Ecosystem: "Go", Name: "stdlib", Version: "v1.19.0"}, "GO-2022-0969", "1.19.1", nil, ""},
		{"stdlib 1.19.0 rc", vouch.Package{Ecosystem: "Go", Name: "stdlib", Version: "go1.19rc1"}, "GO-2022-0969", "1.19.1", nil, ""},
		{"stdlib 1.18.6", vouch.Package{Ecosystem: "Go", Name: "stdlib", Version: "go1.18.6"}, "GO-2022-0969", "-", nil, ""},
		{"stdlib 1.19.1", vouch.Package{Ecosystem: "Go", Name: "stdlib", Version: "1.19.1"}, "GO-2022-0969", "-", nil, ""},
		{"x/net before fix", vouch.Package{Ecosystem: "Go", Name: "golang.org/x/net", Version: "v0.0.0-20220826154423-83b083e8dc8b"}, "GO-2022-0969", "v0.0.0-20220906165146-f3363e06e74c", nil, ""},
		{"x/net at fix", vouch.Package{Ecosystem: "Go", Name: "golang.org/x/net", Version: "v0.0.0-20220906165146-f3363e06e74c"}, "GO-2022-0969", "-", nil, ""},
		{"stdlib symbol reached", vouch.Package{Ecosystem: "Go", Name: "stdlib", Version: "go1.18.5", Metadata: map[string]string{"go.symbols": "net/http.(*Server).ListenAndServe"}}, "GO-2022-0969", "1.18.6", nil, "yes"},
		{"stdlib symbol not reached", vouch.Package{Ecosystem: "Go", Name: "stdlib", Version: "go1.18.5", Metadata: map[string]string{"go.symbols": "net/http.Get"}}, "GO-2022-0969", "1.18.6", nil, "no"},
		// GO-2021-0068 names the "toolchain" package.
		{"toolchain via stdlib", vouch.Package{Ecosystem: "Go", Name: "stdlib", Version: "go1.15.6"}, "GO-2021-0068", "1.15.7", []string{"CVE-2021-3115"}, ""},
		{"toolchain fixed", vouch.Package{Ecosystem: "Go", Name: "stdlib", Version: "go1.15.7"}, "GO-2021-0068", "-", nil, ""},

		// PYSEC-2023-74: requests leaks Proxy-Authorization (2.3.0 ≤ v < 2.31.0).
		{"requests 2.30.0", vouch.Package{Ecosystem: "PyPI", Name: "Requests", Version: "2.30.0"}, "PYSEC-2023-74", "2.31.0", []string{"CVE-2023-32681", "GHSA-j8r2-6x86-q33q"}, ""},
		{"requests 2.31.0", vouch.Package{Ecosystem: "PyPI", Name: "requests", Version: "2.31.0"}, "PYSEC-2023-74", "-", nil, ""},
		{"requests 2.2.1", vouch.Package{Ecosystem: "PyPI", Name: "requests", Version: "2.2.1"}, "PYSEC-2023-74", "-", nil, ""},
		// PYSEC-2023-100: Django EmailValidator ReDoS; its events are not in
		// version order.
		{"django 4.1.9", vouch.Package{Ecosystem: "PyPI", Name: "Django", Version: "4.1.9"}, "PYSEC-2023-100", "4.1.10", []string{"CVE-2023-36053"}, ""},
		{"django 4.2.2", vouch.Package{Ecosystem: "PyPI", Name: "django", Version: "4.2.2"}, "PYSEC-2023-100", "4.2.3", nil, ""},
		{"django 3.2.19", vouch.Package{Ecosystem: "PyPI", Name: "django", Version: "3.2.19"}, "PYSEC-2023-100", "3.2.20", nil, ""},
		{"django 4.1.10", vouch.Package{Ecosystem: "PyPI", Name: "django", Version: "4.1.10"}, "PYSEC-2023-100", "-", nil, ""},
		{"django 3.1.14", vouch.Package{Ecosystem: "PyPI", Name: "django", Version: "3.1.14"}, "PYSEC-2023-100", "-", nil, ""},

		// RUSTSEC-2023-0001: tokio named pipes, three release lines.
		{"tokio 1.18.3", vouch.Package{Ecosystem: "crates.io", Name: "tokio", Version: "1.18.3"}, "RUSTSEC-2023-0001", "1.18.4", []string{"CVE-2023-22466", "GHSA-7rrj-xr53-82p7"}, ""},
		{"tokio 1.20.2", vouch.Package{Ecosystem: "crates.io", Name: "tokio", Version: "1.20.2"}, "RUSTSEC-2023-0001", "1.20.3", nil, ""},
		{"tokio 1.7.0", vouch.Package{Ecosystem: "crates.io", Name: "tokio", Version: "1.7.0"}, "RUSTSEC-2023-0001", "1.18.4", nil, ""},
		{"tokio 1.6.9", vouch.Package{Ecosystem: "crates.io", Name: "tokio", Version: "1.6.9"}, "RUSTSEC-2023-0001", "-", nil, ""},
		{"tokio 1.18.4", vouch.Package{Ecosystem: "crates.io", Name: "tokio", Version: "1.18.4"}, "RUSTSEC-2023-0001", "-", nil, ""},
		{"tokio 1.23.1", vouch.Package{Ecosystem: "crates.io", Name: "tokio", Version: "1.23.1"}, "RUSTSEC-2023-0001", "-", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := db.Match(context.Background(), []vouch.Package{tt.pkg})
			if err != nil {
				t.Fatal(err)
			}
			var f *vouch.Finding
			var ids []string
			for i := range fs {
				ids = append(ids, fs[i].ID)
				if fs[i].ID == tt.id || slices.Contains(fs[i].Aliases, tt.id) {
					f = &fs[i]
				}
			}
			if tt.fixed == "-" {
				if f != nil {
					t.Fatalf("%s matched %s %s", tt.id, tt.pkg.Name, tt.pkg.Version)
				}
				return
			}
			if f == nil {
				t.Fatalf("%s not among %d findings %v", tt.id, len(fs), ids)
			}
			if f.ID != tt.id {
				t.Errorf("finding id %s, want %s (aliases %v)", f.ID, tt.id, f.Aliases)
			}
			if f.FixedIn != tt.fixed {
				t.Errorf("fixed in %q, want %q", f.FixedIn, tt.fixed)
			}
			for _, a := range tt.aliases {
				if !slices.Contains(f.Aliases, a) {
					t.Errorf("aliases %v lack %s", f.Aliases, a)
				}
			}
			if f.Reachable != tt.reach {
				t.Errorf("reachable %q, want %q", f.Reachable, tt.reach)
			}
			if f.Title == "" {
				t.Error("no title")
			}
			if strings.HasPrefix(f.ID, "GO-") && f.Severity != vouch.SeverityUnknown {
				t.Errorf("Go advisory with severity %v: the Go database has none", f.Severity)
			}
		})
	}
}

// TestMatchRealNoDuplicates checks that one package never gets two
// findings that share an id: aliases are merged.
func TestMatchRealNoDuplicates(t *testing.T) {
	db, err := Open(sharedDir(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pkgs := []vouch.Package{
		{Ecosystem: "Go", Name: "stdlib", Version: "go1.16.0"},
		{Ecosystem: "Go", Name: "golang.org/x/net", Version: "v0.0.0-20200101000000-000000000000"},
		{Ecosystem: "PyPI", Name: "django", Version: "2.2.0"},
		{Ecosystem: "crates.io", Name: "openssl", Version: "0.10.0"},
	}
	for _, p := range pkgs {
		fs, err := db.Match(context.Background(), []vouch.Package{p})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) < 5 {
			t.Errorf("%s %s: only %d findings", p.Name, p.Version, len(fs))
		}
		seen := map[string]string{}
		for _, f := range fs {
			for _, id := range append([]string{f.ID}, f.Aliases...) {
				if prev, ok := seen[id]; ok {
					t.Errorf("%s %s: %s in findings %s and %s", p.Name, p.Version, id, prev, f.ID)
				}
				seen[id] = f.ID
			}
		}
	}
}

// TestMatchRealSeverity checks a RustSec record scored only in CVSS v4.0.
func TestMatchRealSeverity(t *testing.T) {
	db, err := Open(sharedDir(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fs, err := db.Match(context.Background(), []vouch.Package{{Ecosystem: "crates.io", Name: "cap-primitives", Version: "3.4.0"}})
	if err != nil {
		t.Fatal(err)
	}
	const vector = "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N"
	score, sev, err := cvss.Score(vector)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.ID != "RUSTSEC-2024-0445" {
			continue
		}
		if f.Vector != vector || f.Score != score || f.Severity != sev || sev == vouch.SeverityUnknown || f.FixedIn != "3.4.1" {
			t.Errorf("RUSTSEC-2024-0445: %q %v %v fixed %q; want %q %v %v fixed 3.4.1", f.Vector, f.Score, f.Severity, f.FixedIn, vector, score, sev)
		}
		return
	}
	t.Errorf("RUSTSEC-2024-0445 not among %d findings", len(fs))
}
