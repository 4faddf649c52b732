package golang

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
)

// fuzzTree is the module tree FuzzModFile parses go.mod against, so that
// import attribution runs too.
var fuzzTree = fstest.MapFS{
	"main.go":       {Data: []byte("package main\nimport (\n\t\"fmt\"\n\t\"github.com/a/b/c\"\n\t\"m/internal/x\"\n)\n")},
	"internal/x.go": {Data: []byte("package x\nimport \"golang.org/x/text/language\"\n")},
}

func FuzzModFile(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"go.mod": {Data: data}}
		for k, v := range fuzzTree {
			fsys[k] = v
		}
		pkgs, err := modExtractor{}.Extract(context.Background(), &extractor.File{Path: "go.mod", Reader: bytes.NewReader(data), FS: fsys})
		if err != nil && len(pkgs) > 0 {
			t.Fatalf("packages and an error: %v", err)
		}
		for _, p := range pkgs {
			if p.Name == "" || p.PURL == "" || len(p.Locations) != 1 || p.Locations[0].Line < 1 {
				t.Fatalf("incomplete package %+v", p)
			}
		}
	})
}

func FuzzBinary(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := binaryExtractor{}.Extract(context.Background(), &extractor.File{
			Path: "bin/x", Mode: 0o755, Size: int64(len(data)), Reader: bytes.NewReader(data), ReaderAt: bytes.NewReader(data),
		})
		if err != nil && len(pkgs) > 0 {
			t.Fatalf("packages and an error: %v", err)
		}
		for _, p := range pkgs {
			if p.Name == "" || p.PURL == "" {
				t.Fatalf("incomplete package %+v", p)
			}
		}
	})
}

// TestWriteFuzzSeeds regenerates the binary seeds under -update: they are
// built by the synthetic ELF writer, not checked in by hand.
func TestWriteFuzzSeeds(t *testing.T) {
	if !extractortest.Update() {
		t.Skip("run with -update to rewrite testdata/fuzz/FuzzBinary")
	}
	seeds := map[string][]byte{
		"synthetic-go-elf": synthGoBinary(),
		"buildinfo-only":   synthELF(map[string][]byte{".go.buildinfo": synthBuildInfo("go1.22.5", "path\tx\nmod\tx\t(devel)\t\n")}, []string{".go.buildinfo"}),
		"pclntab-only":     synthELF(map[string][]byte{".gopclntab": synthPclntab([]string{"main.main", "fmt.Println"}, nil)}, []string{".gopclntab"}),
		"pe-header":        append([]byte("MZ"), make([]byte, 126)...),
		"macho-header":     append([]byte("\xcf\xfa\xed\xfe\x07\x00\x00\x01"), make([]byte, 56)...),
		"shell-script":     []byte("#!/bin/sh\nexec true\n"),
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzBinary")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	funcs, inlined := []string{"main.main", "github.com/a/b.F"}, []string{"fmt.Println", "github.com/a/b.(*T).M"}
	body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n[]byte(%q)\n", synthPclntab(funcs, inlined), synthInlTree(funcs, inlined))
	if err := os.WriteFile(filepath.Join("testdata", "fuzz", "FuzzFuncTable", "inline-tree"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// FuzzFuncTable drives the hand-written table readers (function names,
// inline trees, pcvalue tables) directly, without an executable around
// them, so that the fuzzer spends its time there and not in debug/elf.
func FuzzFuncTable(f *testing.F) {
	const tableAddr, blobAddr = 0x10000, 0x900000
	f.Fuzz(func(t *testing.T, table, blob []byte) {
		md := synthModuledata(tableAddr, tableAddr+8+8*8, blobAddr, blobAddr)
		tab := &exeTable{data: table, addr: tableAddr, regions: []region{
			{name: ".go.module", addr: 0x800000, size: uint64(len(md)), r: bytes.NewReader(md)},
			{name: ".rodata", addr: blobAddr, size: uint64(len(blob)), r: bytes.NewReader(blob)},
		}}
		if checkPclntab(table) != nil {
			return
		}
		funcNames118(table)
		inlinedNames(tab, 1<<30)
	})
}
