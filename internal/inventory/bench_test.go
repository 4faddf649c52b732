package inventory

import (
	"context"
	"os"
	"testing"
)

// BenchmarkDirTree inventories the tree named by VOUCH_BENCH_TREE (for
// example the monorepo bench/genmonorepo writes); it is skipped without it.
func BenchmarkDirTree(b *testing.B) {
	root := os.Getenv("VOUCH_BENCH_TREE")
	if root == "" {
		b.Skip("set VOUCH_BENCH_TREE to a directory to inventory")
	}
	for b.Loop() {
		inv, errs, err := Dir(context.Background(), root, Options{})
		if err != nil || len(errs) > 0 {
			b.Fatal(err, errs)
		}
		b.ReportMetric(float64(len(inv.Packages)), "packages")
	}
}
