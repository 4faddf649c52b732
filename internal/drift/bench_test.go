package drift

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/signing"
)

// benchFiles is the size of the tree BenchmarkDrift checks.
const benchFiles = 100_000

var (
	benchOnce sync.Once
	benchRoot string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

// benchTree generates, once, a tree of benchFiles files of 64 B to 4 KiB
// in 1,000 directories two levels deep: the shape of a large /etc or a
// deployed application.
func benchTree(b *testing.B) string {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vouch-drift-bench-")
		if err != nil {
			b.Fatal(err)
		}
		r := rand.New(rand.NewPCG(1, 2))
		buf := make([]byte, 4096)
		for i := range benchFiles {
			sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%10), fmt.Sprintf("s%03d", i%1000/10))
			if i < 1000 {
				if err := os.MkdirAll(sub, 0o755); err != nil {
					b.Fatal(err)
				}
			}
			n := 64 + r.IntN(4032)
			for j := range n {
				buf[j] = byte('a' + r.IntN(26))
			}
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%06d.conf", i)), buf[:n], 0o644); err != nil {
				b.Fatal(err)
			}
		}
		benchRoot = dir
	})
	return benchRoot
}

// BenchmarkDrift is one 'vouch drift' of a 100,000-file tree against its
// signed manifest, with a warm page cache: verify the bundle, decode the
// manifest, scan and hash the tree, compare.
func BenchmarkDrift(b *testing.B) {
	root := benchTree(b)
	s, v := keys(b)
	ctx := context.Background()
	m, err := Make(ctx, root, nil, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	bundle, err := Sign(ctx, s, m)
	if err != nil {
		b.Fatal(err)
	}
	raw, _ := bundle.Marshal()
	if _, err := Compare(ctx, root, m); err != nil { // warm the cache
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		m2, _, err := Open(bytes.NewReader(raw), []signing.Verifier{v})
		if err != nil {
			b.Fatal(err)
		}
		r, err := Compare(ctx, root, m2)
		if err != nil {
			b.Fatal(err)
		}
		if r.Drifted() || r.Checked != benchFiles+1010 {
			b.Fatalf("drift %d, checked %d", len(r.Changes), r.Checked)
		}
	}
	b.ReportMetric(float64(len(raw))/(1<<20), "MiB-manifest")
}

// BenchmarkScan hashes the whole tree (what 'vouch manifest' does).
func BenchmarkScan(b *testing.B) {
	root := benchTree(b)
	ctx := context.Background()
	for range b.N {
		if _, err := Scan(ctx, root, ScanOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
