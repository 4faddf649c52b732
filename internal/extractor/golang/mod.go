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
	"sort"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"

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
	var sums map[string]sumLine
	sumPath := path.Join(path.Dir(f.Path), "go.sum")
	if f.FS != nil {
		sums = readGoSum(f.FS, sumPath)
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
		if h := sums[p.Name+" "+p.Version].hash; h != "" && p.Version != "" {
			setMeta(&p, metaSum, h)
		}
		p.PURL = purl.For(vouch.EcosystemGo, p.Name, p.Version, nil)
		owners[r.Mod.Path] = len(pkgs)
		pkgs = append(pkgs, p)
	}
	if preGraphPruning(mf) {
		pkgs = append(pkgs, sumOnly(mf, sums, owners, sumPath, f.Layer, len(pkgs))...)
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

// preGraphPruning reports whether go.mod predates Go 1.17, whose go.mod
// files list only direct requirements: the rest of the build list is
// then visible only in go.sum.
func preGraphPruning(mf *modfile.File) bool {
	if mf.Go == nil {
		return true
	}
	return semver.Compare("v"+mf.Go.Version, "v1.17") < 0
}

// sumOnly returns, for a pre-1.17 go.mod, the modules go.sum has content
// hashes for but go.mod does not require: the indirect part of the build
// list. go.sum can hold several versions of one module (versions that
// minimal version selection considered and dropped); the build uses the
// highest, so only that one is reported. They sit at their go.sum line.
func sumOnly(mf *modfile.File, sums map[string]sumLine, owners map[string]int, sumPath, layer string, n int) []vouch.Package {
	best := map[string]string{}
	for key := range sums {
		mod, ver, _ := strings.Cut(key, " ")
		if _, required := owners[mod]; required || (mf.Module != nil && mod == mf.Module.Mod.Path) {
			continue
		}
		if cur, ok := best[mod]; !ok || semver.Compare(ver, cur) > 0 {
			best[mod] = ver
		}
	}
	mods := make([]string, 0, len(best))
	for mod := range best {
		mods = append(mods, mod)
	}
	sort.Strings(mods)
	out := make([]vouch.Package, 0, len(mods))
	for _, mod := range mods {
		ver := best[mod]
		sl := sums[mod+" "+ver]
		p := vouch.Package{
			Ecosystem:    vouch.EcosystemGo,
			Name:         mod,
			Version:      ver,
			Relationship: vouch.RelationshipIndirect,
			Locations:    []vouch.Location{{Path: sumPath, Line: sl.line, Layer: layer}},
			Metadata:     map[string]string{metaSum: sl.hash},
		}
		if rep := findReplace(mf.Replace, mod, ver); rep != nil {
			applyReplace(&p, rep.New.Path, rep.New.Version)
		}
		p.PURL = purl.For(vouch.EcosystemGo, p.Name, p.Version, nil)
		owners[mod] = n + len(out)
		out = append(out, p)
	}
	return out
}

// sumLine is one module content hash of a go.sum and its line.
type sumLine struct {
	hash string
	line int
}

// readGoSum reads the module hashes ("path version" → "h1:…") of a go.sum,
// leaving out the go.mod-only hashes. A missing or unreadable go.sum is
// not an error: it only adds hashes.
func readGoSum(fsys fs.FS, name string) map[string]sumLine {
	fh, err := fsys.Open(name)
	if err != nil {
		return nil
	}
	defer fh.Close()
	sums := make(map[string]sumLine)
	sc := bufio.NewScanner(io.LimitReader(fh, extractor.MaxFileSize))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		mod, rest, ok := bytes.Cut(line, []byte{' '})
		if !ok {
			continue
		}
		ver, hash, ok := bytes.Cut(rest, []byte{' '})
		if !ok || bytes.HasSuffix(ver, []byte("/go.mod")) || !bytes.HasPrefix(hash, []byte("h1:")) {
			continue
		}
		sums[string(mod)+" "+string(ver)] = sumLine{hash: string(bytes.TrimSpace(hash)), line: n}
	}
	return sums
}

func setMeta(p *vouch.Package, k, v string) {
	if p.Metadata == nil {
		p.Metadata = make(map[string]string, 2)
	}
	p.Metadata[k] = v
}
