package golang

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"

	"github.com/vouch-dev/vouch/internal/extractor"
)

// BenchmarkModTree parses a go.mod with 200 requirements and scans the
// imports of a 500-file module tree beside it.
func BenchmarkModTree(b *testing.B) {
	var mod bytes.Buffer
	mod.WriteString("module example.com/big\n\ngo 1.24.0\n\ntoolchain go1.24.4\n\nrequire (\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&mod, "\tgithub.com/org%d/lib%d v1.%d.0\n", i, i, i)
	}
	mod.WriteString(")\n")
	fsys := fstest.MapFS{"go.mod": {Data: mod.Bytes()}}
	for i := 0; i < 500; i++ {
		var src bytes.Buffer
		fmt.Fprintf(&src, "// Copyright notice.\n\npackage p%d\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\t\"github.com/org%d/lib%d/sub\"\n)\n\n", i%50, i%200, i%200)
		for j := 0; j < 200; j++ {
			fmt.Fprintf(&src, "func F%d() { fmt.Println(http.StatusOK, sub.X) }\n", j)
		}
		fsys[fmt.Sprintf("pkg%d/f%d.go", i%50, i)] = &fstest.MapFile{Data: src.Bytes()}
	}
	b.ReportAllocs()
	for b.Loop() {
		pkgs, err := modExtractor{}.Extract(context.Background(), &extractor.File{Path: "go.mod", Reader: bytes.NewReader(mod.Bytes()), FS: fsys})
		if err != nil || len(pkgs) != 201 {
			b.Fatal(err, len(pkgs))
		}
	}
}

// BenchmarkBinary reads build information and symbols from a Go binary
// named by VOUCH_BENCH_GOBINARY (the go command itself by default).
func BenchmarkBinary(b *testing.B) {
	file := os.Getenv("VOUCH_BENCH_GOBINARY")
	if file == "" {
		file = goCommandPath()
	}
	fh, err := os.Open(file)
	if err != nil {
		b.Skip(err)
	}
	defer fh.Close()
	fi, _ := fh.Stat()
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		pkgs, err := binaryExtractor{}.Extract(context.Background(), &extractor.File{Path: "bin/go", Mode: 0o755, Size: fi.Size(), Reader: fh, ReaderAt: fh})
		if err != nil || len(pkgs) == 0 {
			b.Fatal(err, len(pkgs))
		}
	}
}

func goCommandPath() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}
