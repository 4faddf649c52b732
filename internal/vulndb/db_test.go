package vulndb

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vouch-dev/vouch/internal/osv"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func TestOpenMissing(t *testing.T) {
	for _, dir := range []string{t.TempDir(), filepath.Join(t.TempDir(), "absent")} {
		db, err := Open(dir)
		if !errors.Is(err, ErrNoDatabase) || db != nil {
			t.Errorf("Open(%s) = %v, %v; want ErrNoDatabase", dir, db, err)
		}
	}
}

func TestDefaultDir(t *testing.T) {
	d := DefaultDir()
	if !strings.HasSuffix(d, filepath.Join("vouch", "db")) || !filepath.IsAbs(d) {
		t.Errorf("DefaultDir() = %q", d)
	}
}

// writeDoc writes one OSV document into dir and returns its path.
func writeDoc(t *testing.T, dir, name, doc string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func osvDoc(id, modified, eco, name, fixed string) string {
	return `{"id":"` + id + `","modified":"` + modified + `","summary":"` + id + ` fixed in ` + fixed + `",
	"affected":[{"package":{"ecosystem":"` + eco + `","name":"` + name + `"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"` + fixed + `"}]}]}]}`
}

func matchOne(t *testing.T, dir string, p vouch.Package) []vouch.Finding {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fs, err := db.Match(context.Background(), []vouch.Package{p})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestImportNewestWins(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	src := t.TempDir()
	pkg := vouch.Package{Ecosystem: "npm", Name: "left-pad", Version: "1.0.0"}
	steps := []struct {
		modified, fixed, want string
	}{
		{"2024-02-01T00:00:00Z", "1.2.0", "1.2.0"},
		{"2024-01-01T00:00:00Z", "1.1.0", "1.2.0"}, // older: ignored
		{"2024-03-01T00:00:00Z", "1.3.0", "1.3.0"}, // newer: replaces
		{"2024-03-01T00:00:00Z", "1.4.0", "1.4.0"}, // tie: the incoming record wins
	}
	for i, s := range steps {
		p := writeDoc(t, src, "step.json", osvDoc("GHSA-left-pad0-0001", s.modified, "npm", "left-pad", s.fixed))
		st, err := Import(ctx, dir, []string{p})
		if err != nil {
			t.Fatal(err)
		}
		fs := matchOne(t, dir, pkg)
		if len(fs) != 1 || fs[0].FixedIn != s.want {
			t.Fatalf("step %d: findings %+v, want one fixed in %s", i, fs, s.want)
		}
		if st.Records["npm"] != 1 {
			t.Errorf("step %d: %d npm records", i, st.Records["npm"])
		}
	}
	// Within one import, too, the newest of two copies wins whatever the order.
	a := writeDoc(t, src, "a/x.json", osvDoc("GHSA-left-pad0-0002", "2024-05-01T00:00:00Z", "npm", "left-pad", "2.0.0"))
	b := writeDoc(t, src, "b/x.json", osvDoc("GHSA-left-pad0-0002", "2024-04-01T00:00:00Z", "npm", "left-pad", "1.9.0"))
	if _, err := Import(ctx, dir, []string{a, b}); err != nil {
		t.Fatal(err)
	}
	var fixes []string
	for _, f := range matchOne(t, dir, pkg) {
		fixes = append(fixes, f.ID+"@"+f.FixedIn)
	}
	if strings.Join(fixes, " ") != "GHSA-left-pad0-0001@1.4.0 GHSA-left-pad0-0002@2.0.0" {
		t.Errorf("findings %v", fixes)
	}
}

// TestImportMovesRecord checks that a newer record that no longer names an
// ecosystem leaves that ecosystem's file.
func TestImportMovesRecord(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	src := t.TempDir()
	p := writeDoc(t, src, "v1.json", osvDoc("GHSA-move-0000-0001", "2024-01-01T00:00:00Z", "npm", "mover", "1.0.0"))
	if _, err := Import(ctx, dir, []string{p, filepath.Join("testdata", "advisories", "rubygems")}); err != nil {
		t.Fatal(err)
	}
	p = writeDoc(t, src, "v2.json", osvDoc("GHSA-move-0000-0001", "2024-02-01T00:00:00Z", "Maven", "org.example:mover", "1.0.0"))
	st, err := Import(ctx, dir, []string{p})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.Records["npm"]; ok {
		t.Errorf("npm still listed: %v", st.Records)
	}
	if st.Records["Maven"] != 1 || st.Records["RubyGems"] != 2 {
		t.Errorf("records %v", st.Records)
	}
	if strings.Join(st.Rebuilt, ",") != "Maven,npm" {
		t.Errorf("rebuilt %v, want Maven and npm (RubyGems carried over)", st.Rebuilt)
	}
	if fs := matchOne(t, dir, vouch.Package{Ecosystem: "npm", Name: "mover", Version: "0.1.0"}); len(fs) != 0 {
		t.Errorf("old ecosystem still matches: %+v", fs)
	}
	if fs := matchOne(t, dir, vouch.Package{Ecosystem: "Maven", Name: "org.example:mover", Version: "0.1.0"}); len(fs) != 1 {
		t.Errorf("new ecosystem does not match: %+v", fs)
	}
	if fs := matchOne(t, dir, vouch.Package{Ecosystem: "RubyGems", Name: "nokogiri", Version: "1.0.0"}); len(fs) != 1 {
		t.Errorf("carried-over ecosystem does not match: %+v", fs)
	}
}

func TestImportRejectsBadInput(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	good, err := Import(ctx, dir, []string{filepath.Join("testdata", "advisories", "npm")})
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	corrupt := filepath.Join(src, "npm.zip")
	valid := zipDir(t, "npm", nil)
	if err := os.WriteFile(corrupt, valid[:len(valid)-100], 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		want string
	}{
		{"corrupt zip", corrupt, "not a readable zip archive"},
		{"invalid document", writeDoc(t, src, "bad/x.json", `{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"x"},"ranges":[{"type":"SEMVER","events":[{"fixed":"1"}]}]}]}`), "no introduced event"},
		{"not json", writeDoc(t, src, "nojson/x.json", `id: X-1`), "invalid osv record"},
		{"missing path", filepath.Join(src, "absent"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import(ctx, dir, []string{filepath.Join("testdata", "advisories", "pypi"), tt.path})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Import: %v, want error containing %q", err, tt.want)
			}
			db, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			st := db.Status()
			if st.Generation != good.Generation || st.Records["PyPI"] != 0 {
				t.Errorf("a failed import changed the database: %+v", st)
			}
		})
	}
}

func TestImportInputKinds(t *testing.T) {
	src := t.TempDir()
	writeDoc(t, src, "tree/a/GHSA-a.json", osvDoc("GHSA-a", "2024-01-01T00:00:00Z", "npm", "a", "1.0.0"))
	writeDoc(t, src, "tree/b/c/GHSA-b.json", osvDoc("GHSA-b", "2024-01-01T00:00:00Z", "npm", "b", "1.0.0"))
	writeDoc(t, src, "tree/.git/GHSA-hidden.json", osvDoc("GHSA-hidden", "2024-01-01T00:00:00Z", "npm", "hidden", "1.0.0"))
	writeDoc(t, src, "tree/notes.txt", "not an advisory")
	outside := writeDoc(t, src, "outside/GHSA-out.json", osvDoc("GHSA-out", "2024-01-01T00:00:00Z", "npm", "out", "1.0.0"))
	if err := os.Symlink(outside, filepath.Join(src, "tree", "link.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(outside), filepath.Join(src, "tree", "linkdir")); err != nil {
		t.Fatal(err)
	}
	// A zip whose name does not say so, with a directory entry and a
	// README beside the documents.
	zpath := filepath.Join(src, "export.bin")
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	zw.Create("dir/")
	w, _ := zw.Create("dir/GHSA-z.json")
	w.Write([]byte(osvDoc("GHSA-z", "2024-01-01T00:00:00Z", "PyPI", "Zed", "1.0.0")))
	w, _ = zw.Create("README.md")
	w.Write([]byte("# export"))
	zw.Close()
	f.Close()
	single := writeDoc(t, src, "single.json", osvDoc("GHSA-s", "2024-01-01T00:00:00Z", "crates.io", "s", "1.0.0"))

	dir := filepath.Join(t.TempDir(), "db")
	st, err := Import(context.Background(), dir, []string{filepath.Join(src, "tree"), zpath, single})
	if err != nil {
		t.Fatal(err)
	}
	if st.Records["npm"] != 2 || st.Records["PyPI"] != 1 || st.Records["crates.io"] != 1 || st.Total() != 4 {
		t.Errorf("records %v: want a, b (not the hidden or linked ones), z and s", st.Records)
	}
	var counts []int
	for _, s := range st.Sources {
		counts = append(counts, s.Records)
	}
	slices.Sort(counts)
	if !slices.Equal(counts, []int{1, 1, 2}) {
		t.Errorf("per-source counts %v", counts)
	}
}

// TestReadersKeepTheirGeneration checks that a scan that opened the
// database keeps working while imports replace it, and that its
// generation is removed only after it closes.
func TestReadersKeepTheirGeneration(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	src := t.TempDir()
	imp := func(fixed string) *Status {
		t.Helper()
		p := writeDoc(t, src, "x.json", osvDoc("GHSA-gen0-0000-0001", "2024-01-01T00:00:00Z", "npm", "gen", fixed))
		st, err := Import(ctx, dir, []string{p})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	first := imp("1.0.0")
	old, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	pkg := []vouch.Package{{Ecosystem: "npm", Name: "gen", Version: "0.5.0"}}
	for _, fixed := range []string{"2.0.0", "3.0.0", "4.0.0"} {
		imp(fixed)
		fs, err := old.Match(ctx, pkg)
		if err != nil || len(fs) != 1 || fs[0].FixedIn != "1.0.0" {
			t.Fatalf("old reader after import of %s: %+v %v", fixed, fs, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, first.Generation)); err != nil {
		t.Errorf("generation of an open reader removed: %v", err)
	}
	if fs := matchOne(t, dir, pkg[0]); len(fs) != 1 || fs[0].FixedIn != "4.0.0" {
		t.Errorf("new reader: %+v", fs)
	}
	old.Close()
	if _, err := old.Match(ctx, pkg); err == nil {
		t.Error("Match on a closed database succeeded")
	}
	last := imp("5.0.0")
	gens, _ := filepath.Glob(filepath.Join(dir, genPrefix+"*"))
	var names []string
	for _, g := range gens {
		names = append(names, filepath.Base(g))
	}
	slices.Sort(names)
	want := []string{last.Previous, last.Generation}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("generations left %v, want current and previous %v", names, want)
	}
}

func TestConcurrentImports(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	src := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i, name := range []string{"p0", "p1", "p2", "p3"} {
		p := writeDoc(t, src, name+".json", osvDoc("GHSA-conc-0000-000"+string(rune('0'+i)), "2024-01-01T00:00:00Z", "npm", name, "1.0.0"))
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := Import(context.Background(), dir, []string{p})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := db.Status().Records["npm"]; n != 4 {
		t.Errorf("%d records after four concurrent imports, want 4", n)
	}
}

// TestCorruptFiles checks that damaged database files give errors, never
// panics.
func TestCorruptFiles(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	st, err := Import(ctx, dir, []string{filepath.Join("testdata", "advisories", "npm")})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, st.Generation, fileName("npm"))
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pkgs := []vouch.Package{{Ecosystem: "npm", Name: "lodash", Version: "1.0.0"}, {Ecosystem: "npm", Name: "twin-b", Version: "1.0.0"}}
	damage := map[string]func([]byte) []byte{
		"truncated header": func(b []byte) []byte { return b[:40] },
		"bad magic":        func(b []byte) []byte { c := slices.Clone(b); c[0] = 'X'; return c },
		"other format":     func(b []byte) []byte { c := slices.Clone(b); c[8] = 9; return c },
		"truncated data":   func(b []byte) []byte { return b[:len(b)-200] },
		"flipped data":     func(b []byte) []byte { c := slices.Clone(b); c[len(c)-300] ^= 0xff; return c },
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			os.Remove(path) // hard-linked files: never write through them
			if err := os.WriteFile(path, f(orig), 0o644); err != nil {
				t.Fatal(err)
			}
			db, err := Open(dir)
			if err != nil {
				return // refused at open: fine
			}
			defer db.Close()
			if _, err := db.Match(ctx, pkgs); err == nil && name != "flipped data" {
				t.Errorf("Match on a %s file succeeded", name)
			}
		})
	}
}

func FuzzParseFile(f *testing.F) {
	recs := []*advisory{}
	for _, d := range []string{
		osvDoc("GHSA-f-1", "2024-01-01T00:00:00Z", "npm", "a", "1.0.0"),
		osvDoc("GHSA-f-2", "2024-01-01T00:00:00Z", "npm", "b", "2.0.0"),
	} {
		advs, _, err := parseDocs([]byte(d))
		if err != nil {
			f.Fatal(err)
		}
		recs = append(recs, advs...)
	}
	b, err := encodeFile("npm", recs)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:headerSize])
	f.Fuzz(func(t *testing.T, b []byte) {
		fl, err := parseFile(b)
		if err != nil {
			return
		}
		fl.base = "npm"
		db := &DB{files: map[string]*file{"npm": fl}, status: &Status{}}
		db.Match(context.Background(), []vouch.Package{
			{Ecosystem: "npm", Name: "a", Version: "0.1.0"},
			{Ecosystem: "npm", Name: "b", Version: "0.1.0"},
		})
		if _, err := loadRecords(fl, nil); err != nil {
			return
		}
	})
}

// parseDocs turns one OSV document into what Import stores.
func parseDocs(b []byte) ([]*advisory, []Source, error) {
	e, err := osv.Parse(b)
	if err != nil {
		return nil, nil, err
	}
	a, err := newAdvisory(e, b, nil)
	if err != nil {
		return nil, nil, err
	}
	return []*advisory{a}, nil, nil
}

// FuzzDecode feeds arbitrary bytes to the decoders of match entries and
// cards, and evaluates what decodes against a package.
func FuzzDecode(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "advisories", "go", "GO-9999-0001.json"))
	if err != nil {
		f.Fatal(err)
	}
	advs, _, err := parseDocs(b)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(advs[0].entries[0].body)
	f.Add(advs[0].card)
	f.Fuzz(func(t *testing.T, b []byte) {
		if c, err := decodeCard(b); err == nil {
			(&query{pkg: &vouch.Package{}}).finding([]*hit{{card: c}})
		}
		a, err := decodeAffected(b)
		if err != nil {
			return
		}
		for _, v := range []string{"v1.2.3", "1.0.0"} {
			q := &query{base: "Go", version: v, commit: "1111111", pkg: &vouch.Package{}}
			q.symbols = map[string]bool{"example.com/mod/pkg.Parse": true}
			q.affects(a)
			q.reachable(a)
		}
	})
}
