package golang

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

type binaryExtractor struct{}

func (binaryExtractor) Name() string { return "go/binary" }

// Match picks candidates by path and mode alone: executables, .exe files
// and anything directly in a bin/ directory. Extract checks the magic.
func (binaryExtractor) Match(p string, mode fs.FileMode) bool {
	if mode&fs.ModeType != 0 {
		return false
	}
	return mode&0o111 != 0 || strings.HasSuffix(p, ".exe") || path.Base(path.Dir(p)) == "bin"
}

// exeMagic reports whether head starts like an ELF, PE or (fat) Mach-O file.
func exeMagic(head []byte) bool {
	if len(head) < 4 {
		return false
	}
	switch {
	case bytes.HasPrefix(head, []byte("\x7FELF")),
		bytes.HasPrefix(head, []byte("MZ")),
		bytes.HasPrefix(head, []byte("\xFE\xED\xFA")),
		bytes.HasPrefix(head[1:], []byte("\xFA\xED\xFE")),
		bytes.HasPrefix(head, []byte("\xCA\xFE\xBA\xBE")):
		return true
	}
	return false
}

func (binaryExtractor) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	head := make([]byte, 4)
	var n int
	var err error
	if f.ReaderAt != nil && f.Size > 0 {
		n, err = f.ReaderAt.ReadAt(head, 0)
	} else {
		n, err = io.ReadFull(f.Reader, head)
	}
	if n < len(head) || !exeMagic(head) {
		return nil, nil // too short or not an executable format: not ours
	}
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("read executable header: %w", err)
	}
	r, size, cleanup, err := extractor.RandomAccess(f, head, memSpoolLimit)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	return readBinary(ctx, r, size, f)
}

// readBinary turns a Go executable's build information and function table
// into packages. Executables that are not Go yield nothing.
func readBinary(ctx context.Context, r io.ReaderAt, size int64, f *extractor.File) ([]vouch.Package, error) {
	r = io.NewSectionReader(r, 0, size)
	bi, err := buildinfo.Read(r)
	if err != nil {
		switch err.Error() {
		case "not a Go executable", "unrecognized file format":
			return nil, nil
		}
		return nil, fmt.Errorf("read go build info: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	loc := []vouch.Location{{Path: f.Path, Layer: f.Layer}}
	pkgs := make([]vouch.Package, 0, len(bi.Deps)+2)
	owners := make(map[string]int, len(bi.Deps)+1)

	mainIdx := -1
	if v := bi.Main.Version; bi.Main.Path != "" && v != "" && v != "(devel)" {
		p := modulePackage(&bi.Main, loc)
		setMeta(&p, metaMain, "true")
		p.Commit = buildSetting(bi, "vcs.revision")
		mainIdx = len(pkgs)
		pkgs = append(pkgs, p)
	}
	for _, d := range bi.Deps {
		if d == nil || d.Path == "" {
			continue
		}
		owners[d.Path] = len(pkgs)
		pkgs = append(pkgs, modulePackage(d, loc))
	}
	std := -1
	if v := goVersion(bi.GoVersion); v != "" {
		std = len(pkgs)
		pkgs = append(pkgs, vouch.Package{
			Ecosystem: vouch.EcosystemGo,
			Name:      stdlib,
			Version:   v,
			PURL:      purl.For(vouch.EcosystemGo, stdlib, v, nil),
			Locations: loc,
		})
	}

	funcs, err := funcNames(r, size)
	if err == nil && funcs != nil {
		attributeSymbols(pkgs, owners, bi.Main.Path, mainIdx, std, funcs)
	}
	return pkgs, nil
}

// modulePackage is the package of one module of a binary, its replacement
// applied as go.mod's would be.
func modulePackage(m *debug.Module, loc []vouch.Location) vouch.Package {
	p := vouch.Package{
		Ecosystem: vouch.EcosystemGo,
		Name:      m.Path,
		Version:   m.Version,
		Locations: loc,
	}
	sum := m.Sum
	if m.Replace != nil {
		applyReplace(&p, m.Replace.Path, m.Replace.Version)
		sum = m.Replace.Sum
	}
	if sum != "" && p.Version != "" {
		setMeta(&p, metaSum, sum)
	}
	p.PURL = purl.For(vouch.EcosystemGo, p.Name, p.Version, nil)
	return p
}

// goVersion turns a binary's "go1.22.5 X:rangefunc" into "1.22.5".
func goVersion(v string) string {
	v, _, _ = strings.Cut(strings.TrimSpace(v), " ")
	if rest, ok := strings.CutPrefix(v, "go"); ok {
		return rest
	}
	return ""
}

func buildSetting(bi *buildinfo.BuildInfo, key string) string {
	for _, s := range bi.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// attributeSymbols gives each function of the binary to the module its
// package belongs to and records the sorted lists as go.symbols.
func attributeSymbols(pkgs []vouch.Package, owners map[string]int, mainPath string, mainIdx, std int, funcs []string) {
	sets := make([]map[string]struct{}, len(pkgs))
	for _, name := range funcs {
		pkg, sym, ok := splitSymbol(name)
		if !ok {
			continue
		}
		i := ownerMain // package main belongs to the main module
		if pkg != "main" {
			i = ownerOf(pkg, owners, mainPath)
		}
		switch {
		case i == ownerMain:
			i = mainIdx
		case i == ownerNone && isStdlibPath(pkg):
			i = std
		}
		if i < 0 {
			continue
		}
		if sets[i] == nil {
			sets[i] = make(map[string]struct{})
		}
		sets[i][pkg+"."+sym] = struct{}{}
	}
	for i := range pkgs {
		list := make([]string, 0, len(sets[i]))
		for s := range sets[i] {
			list = append(list, s)
		}
		sort.Strings(list)
		setMeta(&pkgs[i], metaSymbols, strings.Join(list, "\n"))
	}
}
