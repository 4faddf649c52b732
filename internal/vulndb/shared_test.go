package vulndb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/osv"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// The shared zips are real OSV exports of the Go, PyPI and RustSec
// databases (see /work/shared/osv/README.md). Tests that need them skip
// when they are absent; VOUCH_OSV_SHARED points elsewhere.
func sharedZips(tb testing.TB) []string {
	tb.Helper()
	dir := os.Getenv("VOUCH_OSV_SHARED")
	if dir == "" {
		dir = "/work/shared/osv"
	}
	var out []string
	for _, n := range []string{"Go.zip", "PyPI.zip", "crates.io.zip"} {
		p := filepath.Join(dir, n)
		if _, err := os.Stat(p); err != nil {
			tb.Skipf("shared OSV data not available: %v", err)
		}
		out = append(out, p)
	}
	return out
}

var (
	sharedOnce sync.Once
	sharedDB   string
	sharedErr  error
)

// tempDirs are made once per test binary and removed by TestMain.
var (
	tempMu   sync.Mutex
	tempDirs []string
)

func mkdirShared(pattern string) (string, error) {
	d, err := os.MkdirTemp("", pattern)
	if err == nil {
		tempMu.Lock()
		tempDirs = append(tempDirs, d)
		tempMu.Unlock()
	}
	return d, err
}

// sharedDir imports the shared zips once per test binary.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	zips := sharedZips(tb)
	sharedOnce.Do(func() {
		var tmp string
		tmp, sharedErr = mkdirShared("vulndb-shared-")
		if sharedErr != nil {
			return
		}
		sharedDB = filepath.Join(tmp, "db")
		_, sharedErr = Import(context.Background(), sharedDB, zips)
	})
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return sharedDB
}

func TestMain(m *testing.M) {
	if runChild() {
		return
	}
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// packages50k builds a 50,000-package inventory over the shared data:
// every package the databases name, at a version inside its first range
// (so most of them match), and the rest names the databases do not know,
// as in a real inventory where most packages have no advisory.
func packages50k(tb testing.TB, db *DB) []vouch.Package {
	tb.Helper()
	var pkgs []vouch.Package
	bases := db.Status().Ecosystems()
	for _, base := range bases {
		f := db.files[base]
		for i := range f.nKeys {
			key := string([]byte(f.keyAt(i)))
			l, _ := f.lookup(key)
			b, err := f.block(l.block)
			if err != nil {
				tb.Fatal(err)
			}
			p, _ := slice(b, l)
			d := decoder{b: p}
			d.count()
			d.uvarint()
			a, err := decodeAffected(d.raw())
			if err != nil {
				tb.Fatal(err)
			}
			v := "1.0.0"
			for _, r := range a.ranges {
				for _, e := range r.events {
					if e.kind == osv.EventFixed || e.kind == osv.EventLastAffected {
						v = e.v
						break
					}
				}
			}
			if base == "Go" {
				v = "v" + v
			}
			pkgs = append(pkgs, vouch.Package{Ecosystem: vouch.Ecosystem(base), Name: key, Version: v,
				Locations: []vouch.Location{{Path: "go.mod"}}})
		}
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].Name < pkgs[j].Name })
	for i := 0; len(pkgs) < 50000; i++ {
		base := bases[i%len(bases)]
		v := "1.2.3"
		if base == "Go" {
			v = "v1.2.3"
		}
		pkgs = append(pkgs, vouch.Package{Ecosystem: vouch.Ecosystem(base), Name: fmt.Sprintf("example.com/unknown-%d", i), Version: v,
			Locations: []vouch.Location{{Path: "lock"}}})
	}
	return pkgs
}

func BenchmarkImport(b *testing.B) {
	zips := sharedZips(b)
	cpu := startCPU()
	for b.Loop() {
		dir := b.TempDir()
		if _, err := Import(context.Background(), dir, zips); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

func BenchmarkOpen(b *testing.B) {
	dir := sharedDir(b)
	cpu := startCPU()
	for b.Loop() {
		db, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	cpu.report(b)
}

func BenchmarkMatch50k(b *testing.B) {
	dir := sharedDir(b)
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	pkgs := packages50k(b, db)
	var n int
	cpu := startCPU()
	for b.Loop() {
		fs, err := db.Match(context.Background(), pkgs)
		if err != nil {
			b.Fatal(err)
		}
		n = len(fs)
	}
	cpu.report(b)
	b.ReportMetric(float64(n), "findings")
}

// BenchmarkOpenMatch50k is what a scan pays: open the database and match
// an inventory.
func BenchmarkOpenMatch50k(b *testing.B) {
	dir := sharedDir(b)
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	pkgs := packages50k(b, db)
	db.Close()
	cpu := startCPU()
	for b.Loop() {
		db, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Match(context.Background(), pkgs); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	cpu.report(b)
}

// cpuClock measures the CPU time (user + system) of the process, which
// says more than wall time on a machine shared with other work.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{processCPU()} }

func (c cpuClock) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(processCPU()-c.start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkDecodeZips is the baseline an index saves: reading and decoding
// every document of the shared zips, as a matcher without one must before
// its first match.
func BenchmarkDecodeZips(b *testing.B) {
	zips := sharedZips(b)
	cpu := startCPU()
	for b.Loop() {
		for _, z := range zips {
			err := readZip(z, func(name string, doc []byte) error {
				_, err := osv.Parse(doc)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	cpu.report(b)
}
