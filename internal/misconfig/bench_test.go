package misconfig

import (
	"context"
	"testing"
)

// BenchmarkNew measures compiling the built-in checks (once per run).
func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := New(context.Background(), Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanDirE2E scans the fixture tree (every file type) with a
// compiled scanner.
func BenchmarkScanDirE2E(b *testing.B) {
	s := testScanner(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.ScanDir(context.Background(), "testdata/e2e"); err != nil {
			b.Fatal(err)
		}
	}
}
