package golang

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Metadata keys the Go extractors set.
const (
	metaReplaces   = "go.replaces"    // original module path of a replaced module
	metaReplaceDir = "go.replace.dir" // local directory a module is replaced by
	metaSum        = "go.sum"         // "h1:" hash of the module's content
	metaToolchain  = "go.toolchain"   // "toolchain" or "go": the directive stdlib came from
	metaImports    = "go.imports"     // import paths of the module the tree imports
	metaSymbols    = "go.symbols"     // functions of the module a binary contains
	metaMain       = "go.main"        // "true" on a binary's main module
)

// stdlib is the name Go advisories give the standard library and toolchain.
const stdlib = "stdlib"

type modExtractor struct{}

func (modExtractor) Name() string { return "go/mod" }

func (modExtractor) Match(p string, _ fs.FileMode) bool {
	return p == "go.mod" || strings.HasSuffix(p, "/go.mod")
}

func (modExtractor) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := io.ReadAll(f.Reader)
	if err != nil {
		return nil, fmt.Errorf("read go.mod: %w", err)
	}
	mf, err := parseModFile(data)
	if err != nil {
		return nil, err
	}
	var sums map[string]string
	if f.FS != nil {
		sums = readGoSum(f.FS, path.Join(path.Dir(f.Path), "go.sum"))
	}

	pkgs := make([]vouch.Package, 0, len(mf.Require)+1)
	// owners maps the module paths that import paths start with to the
	// package that reports them (a replaced module keeps its import paths
	// but is reported under its replacement's name).
	owners := make(map[string]int, len(mf.Require)+1)
	for _, r := range mf.Require {
		p := vouch.Package{
			Ecosystem:    vouch.EcosystemGo,
			Name:         r.Mod.Path,
			Version:      r.Mod.Version,
			Relationship: vouch.RelationshipDirect,
			Locations:    []vouch.Location{{Path: f.Path, Line: r.Syntax.Start.Line, Layer: f.Layer}},
		}
		if r.Indirect {
			p.Relationship = vouch.RelationshipIndirect
		}
		if rep := findReplace(mf.Replace, r.Mod.Path, r.Mod.Version); rep != nil {
			applyReplace(&p, rep.New.Path, rep.New.Version)
		}
		if h := sums[p.Name+" "+p.Version]; h != "" && p.Version != "" {
			setMeta(&p, metaSum, h)
		}
		p.PURL = purl.For(vouch.EcosystemGo, p.Name, p.Version, nil)
		owners[r.Mod.Path] = len(pkgs)
		pkgs = append(pkgs, p)
	}
	std := -1
	if tc, line, from := toolchain(mf); tc != "" {
		std = len(pkgs)
		pkgs = append(pkgs, vouch.Package{
			Ecosystem: vouch.EcosystemGo,
			Name:      stdlib,
			Version:   tc,
			PURL:      purl.For(vouch.EcosystemGo, stdlib, tc, nil),
			Locations: []vouch.Location{{Path: f.Path, Line: line, Layer: f.Layer}},
			Metadata:  map[string]string{metaToolchain: from},
		})
	}

	if f.FS != nil {
		mainPath := ""
		if mf.Module != nil {
			mainPath = mf.Module.Mod.Path
		}
		imports, err := treeImports(ctx, f.FS, path.Dir(f.Path))
		if err != nil {
			return nil, err
		}
		if imports != nil {
			attributeImports(pkgs, owners, mainPath, std, imports)
		}
	}
	return pkgs, nil
}

// parseModFile parses go.mod strictly and turns modfile's errors, which
// lead with a file name we do not have, into "line N: what".
func parseModFile(data []byte) (*modfile.File, error) {
	mf, err := modfile.Parse("go.mod", data, nil)
	if err == nil {
		return mf, nil
	}
	var list modfile.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		e := list[0]
		msg := e.Err.Error()
		switch {
		case e.ModPath != "":
			msg = e.Verb + " " + e.ModPath + ": " + msg
		case e.Verb != "":
			msg = e.Verb + ": " + msg
		}
		if len(list) > 1 {
			msg += fmt.Sprintf(" (and %d more errors)", len(list)-1)
		}
		if e.Pos.Line > 0 {
			return nil, fmt.Errorf("parse go.mod: line %d: %s", e.Pos.Line, msg)
		}
		return nil, fmt.Errorf("parse go.mod: %s", msg)
	}
	// Syntax errors come as a plain error "go.mod:L:C: msg".
	return nil, fmt.Errorf("parse go.mod: %s", strings.TrimPrefix(err.Error(), "go.mod:"))
}

// findReplace returns the replace directive that applies to path at
// version: one naming that version wins over one naming the path alone.
func findReplace(reps []*modfile.Replace, path, version string) *modfile.Replace {
	var any *modfile.Replace
	for _, r := range reps {
		if r.Old.Path != path {
			continue
		}
		if r.Old.Version == version {
			return r
		}
		if r.Old.Version == "" {
			any = r
		}
	}
	return any
}

// applyReplace points p at what replaces it: another module at a version,
// or a local directory (which go.mod writes without a version and a
// binary's build information with "(devel)").
func applyReplace(p *vouch.Package, newPath, newVersion string) {
	if newVersion == "" || newVersion == "(devel)" || modfile.IsDirectoryPath(newPath) {
		setMeta(p, metaReplaceDir, newPath)
		p.Version = ""
		return
	}
	setMeta(p, metaReplaces, p.Name)
	p.Name, p.Version = newPath, newVersion
}

// toolchain returns the Go version the module is built with, the line of
// the directive that says so and which directive that was.
func toolchain(mf *modfile.File) (version string, line int, from string) {
	if mf.Toolchain != nil {
		if v := strings.TrimPrefix(mf.Toolchain.Name, "go"); v != mf.Toolchain.Name && v != "" {
			return v, mf.Toolchain.Syntax.Start.Line, "toolchain"
		}
	}
	if mf.Go != nil && mf.Go.Version != "" {
		return mf.Go.Version, mf.Go.Syntax.Start.Line, "go"
	}
	return "", 0, ""
}

// readGoSum reads the module hashes ("path version" → "h1:…") of a go.sum,
// leaving out the go.mod-only hashes. A missing or unreadable go.sum is
// not an error: it only adds hashes.
func readGoSum(fsys fs.FS, name string) map[string]string {
	fh, err := fsys.Open(name)
	if err != nil {
		return nil
	}
	defer fh.Close()
	sums := make(map[string]string)
	sc := bufio.NewScanner(io.LimitReader(fh, extractor.MaxFileSize))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		mod, rest, ok := bytes.Cut(line, []byte{' '})
		if !ok {
			continue
		}
		ver, hash, ok := bytes.Cut(rest, []byte{' '})
		if !ok || bytes.HasSuffix(ver, []byte("/go.mod")) || !bytes.HasPrefix(hash, []byte("h1:")) {
			continue
		}
		sums[string(mod)+" "+string(ver)] = string(bytes.TrimSpace(hash))
	}
	return sums
}

func setMeta(p *vouch.Package, k, v string) {
	if p.Metadata == nil {
		p.Metadata = make(map[string]string, 2)
	}
	p.Metadata[k] = v
}
