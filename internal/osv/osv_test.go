package osv

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sharedZips are real OSV exports (see /work/shared/osv/README.md); tests
// that need them skip when they are absent.
var sharedZips = []string{"Go.zip", "PyPI.zip", "crates.io.zip"}

func sharedDir() string {
	if d := os.Getenv("VOUCH_OSV_SHARED"); d != "" {
		return d
	}
	return "/work/shared/osv"
}

func TestParseGoldenFields(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "GO-2022-0969.json"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "GO-2022-0969" || !e.Modified.IsZero() {
		t.Errorf("id/modified = %q %v", e.ID, e.Modified)
	}
	if want := time.Date(2022, 9, 12, 20, 23, 6, 0, time.UTC); !e.Published.Equal(want) {
		t.Errorf("published = %v, want %v", e.Published, want)
	}
	if strings.Join(e.Aliases, ",") != "CVE-2022-27664,GHSA-69cg-p879-7622" {
		t.Errorf("aliases = %v", e.Aliases)
	}
	if len(e.Affected) != 2 || e.Affected[0].Package.Name != "stdlib" || e.Affected[1].Package.Name != "golang.org/x/net" {
		t.Fatalf("affected = %+v", e.Affected)
	}
	r := e.Affected[0].Ranges[0]
	var got []string
	for _, ev := range r.Events {
		k, v := ev.Kind()
		got = append(got, k.String()+"="+v)
	}
	if strings.Join(got, " ") != "introduced=0 fixed=1.18.6 introduced=1.19.0-0 fixed=1.19.1" {
		t.Errorf("events = %v", got)
	}
	imps := e.Affected[0].GoImports()
	if len(imps) != 1 || imps[0].Path != "net/http" || len(imps[0].Symbols) != 10 || imps[0].Symbols[4] != "Server.ListenAndServe" {
		t.Errorf("imports = %+v", imps)
	}
	if e.DatabaseSeverity() != "" {
		t.Errorf("database severity = %q, want none", e.DatabaseSeverity())
	}
}

func TestParseGitHubSeverity(t *testing.T) {
	e, err := Parse([]byte(`{"id":"GHSA-xxxx-yyyy-zzzz","modified":"2024-01-02T03:04:05Z",
		"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
		"affected":[{"package":{"ecosystem":"npm","name":"left-pad"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"last_affected":"1.3.0"}]}],
		"database_specific":{"x":1}}],
		"database_specific":{"severity":"MODERATE","cwe_ids":["CWE-79"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if e.DatabaseSeverity() != "MODERATE" {
		t.Errorf("database severity = %q", e.DatabaseSeverity())
	}
	if e.Affected[0].GoImports() != nil {
		t.Errorf("imports on an npm record")
	}
	if e.Severity[0].Type != SeverityCVSSv3 {
		t.Errorf("severity = %+v", e.Severity)
	}
}

func TestParseInvalid(t *testing.T) {
	const aff = `"affected":[{"package":{"ecosystem":"npm","name":"x"},"ranges":[%s]}]`
	tests := []struct {
		name, doc, want string
	}{
		{"not json", `{"id":`, "unexpected end"},
		{"array", `[]`, "cannot unmarshal"},
		{"no id", `{"modified":"2024-01-01T00:00:00Z"}`, "id is required"},
		{"empty id", `{"id":"","modified":"2024-01-01T00:00:00Z"}`, "id is required"},
		{"space in id", `{"id":"GO 1","modified":"2024-01-01T00:00:00Z"}`, "contains"},
		{"no modified", `{"id":"X-1"}`, "modified is required"},
		{"bad modified", `{"id":"X-1","modified":"yesterday"}`, "cannot parse"},
		{"bad withdrawn", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","withdrawn":"2024-13-01T00:00:00Z"}`, "month out of range"},
		{"wrong type", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","aliases":"CVE-1"}`, "field aliases"},
		{"name without ecosystem", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"name":"x"}}]}`, "both ecosystem and name"},
		{"no range type", `{"id":"X-1","modified":"2024-01-01T00:00:00Z",` + fmtAff(aff, `{"events":[{"introduced":"0"}]}`) + `}`, "type is required"},
		{"unknown range type", `{"id":"X-1","modified":"2024-01-01T00:00:00Z",` + fmtAff(aff, `{"type":"RANGE","events":[{"introduced":"0"}]}`) + `}`, "unknown type"},
		{"git without repo", `{"id":"X-1","modified":"2024-01-01T00:00:00Z",` + fmtAff(aff, `{"type":"GIT","events":[{"introduced":"0"}]}`) + `}`, "needs repo"},
		{"no events", `{"id":"X-1","modified":"2024-01-01T00:00:00Z",` + fmtAff(aff, `{"type":"SEMVER","events":[]}`) + `}`, "no events"},
		{"empty event", `{"id":"X-1","modified":"2024-01-01T00:00:00Z",` + fmtAff(aff, `{"type":"SEMVER","events":[{"introduced":"0"},{}]}`) + `}`, "events[1]: want exactly one"},
		{"two fields", `{"id":"X-1","modified":"2024-01-01T00:00:00Z",` + fmtAff(aff, `{"type":"SEMVER","events":[{"introduced":"0","fixed":"1.0.0"}]}`) + `}`, "events[0]: want exactly one"},
		{"fixed zero", `{"id":"X-1","modified":"2024-01-01T00:00:00Z",` + fmtAff(aff, `{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"0"}]}`) + `}`, `fixed cannot be "0"`},
		{"no introduced", `{"id":"X-1","modified":"2024-01-01T00:00:00Z",` + fmtAff(aff, `{"type":"ECOSYSTEM","events":[{"fixed":"1.0"}]}`) + `}`, "no introduced event"},
		{"event not object", `{"id":"X-1","modified":"2024-01-01T00:00:00Z",` + fmtAff(aff, `{"type":"ECOSYSTEM","events":["1.0"]}`) + `}`, "field affected.ranges.events"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil {
				t.Fatalf("Parse succeeded, want error containing %q", tt.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func fmtAff(format, rng string) string { return strings.Replace(format, "%s", rng, 1) }

func TestParseTooLarge(t *testing.T) {
	b := make([]byte, MaxSize+1)
	if _, err := Parse(b); err == nil || !strings.Contains(err.Error(), "exceeds") {
		t.Fatalf("Parse of %d bytes: %v", len(b), err)
	}
}

// TestParseSharedData parses every record of the real exports: a reader
// that rejects real data is wrong, whatever the schema says.
func TestParseSharedData(t *testing.T) {
	for _, name := range sharedZips {
		path := filepath.Join(sharedDir(), name)
		r, err := zip.OpenReader(path)
		if err != nil {
			t.Skipf("shared data not available: %v", err)
		}
		n := 0
		for _, f := range r.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			e, err := Parse(b)
			if err != nil {
				t.Errorf("%s/%s: %v", name, f.Name, err)
				continue
			}
			if e.ID+".json" != filepath.Base(f.Name) {
				t.Errorf("%s/%s: id %q", name, f.Name, e.ID)
			}
			n++
		}
		r.Close()
		if n == 0 {
			t.Errorf("%s: no records", name)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"GO-2022-0969.json", "PYSEC-2023-74.json", "RUSTSEC-2023-0001.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"x"},"ranges":[{"type":"GIT","repo":"r","events":[{"introduced":"0"},{"limit":"abc"}]}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := Parse(b)
		if err != nil {
			if e != nil {
				t.Fatal("entry returned with error")
			}
			return
		}
		if e.ID == "" {
			t.Fatal("parsed entry without id")
		}
		for _, a := range e.Affected {
			for _, r := range a.Ranges {
				for _, ev := range r.Events {
					if k, _ := ev.Kind(); k == EventNone {
						t.Fatal("parsed entry with a malformed event")
					}
				}
			}
			a.GoImports()
		}
		e.DatabaseSeverity()
	})
}

func BenchmarkParse(b *testing.B) {
	doc, err := os.ReadFile(filepath.Join("testdata", "PYSEC-2023-74.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Parse(doc); err != nil {
			b.Fatal(err)
		}
	}
}
