package golang

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Caps on the import scan of one module tree. Past maxGoFiles or maxDirs
// the scan gives up and reports nothing rather than a partial list.
// Variables so that tests can lower them.
var (
	maxGoFiles = 20000
	maxDirs    = 100000
)

const (
	maxGoFileSize = 1 << 20
	// importsHead is how much of a file is read first: imports sit at the
	// top, and ImportsOnly parsing stops after them.
	importsHead = 32 << 10
)

// treeImports returns the set of import paths the non-test .go files under
// dir import, without descending into nested modules, vendor/, testdata/
// or directories named ".*" or "_*"; files over maxGoFileSize are
// skipped. It returns nil when the tree is over
// the caps. Files that cannot be read or parsed are skipped: they are not
// the file this extractor was asked about.
func treeImports(ctx context.Context, fsys fs.FS, dir string) (map[string]struct{}, error) {
	imports := make(map[string]struct{})
	buf := make([]byte, importsHead)
	fset := token.NewFileSet()
	files, dirs := 0, 0
	stack := []string{dir}
	for len(stack) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if dirs++; dirs > maxDirs {
			return nil, nil
		}
		entries, err := fs.ReadDir(fsys, d)
		if err != nil {
			continue
		}
		if d != dir && hasGoMod(entries) {
			continue // another module
		}
		for _, e := range entries {
			name := e.Name()
			switch {
			case e.IsDir():
				if name == "vendor" || name == "testdata" || name[0] == '.' || name[0] == '_' {
					continue
				}
				stack = append(stack, path.Join(d, name))
			case e.Type().IsRegular() && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") &&
				name[0] != '.' && name[0] != '_':
				if files++; files > maxGoFiles {
					return nil, nil
				}
				fileImports(fsys, path.Join(d, name), buf, fset, imports)
			}
		}
	}
	return imports, nil
}

func hasGoMod(entries []fs.DirEntry) bool {
	for _, e := range entries {
		if e.Name() == "go.mod" && !e.IsDir() {
			return true
		}
	}
	return false
}

// fileImports adds the imports of one Go file to set. It parses the head
// of the file first and reads the rest only when the import block does not
// end inside it.
func fileImports(fsys fs.FS, name string, buf []byte, fset *token.FileSet, set map[string]struct{}) {
	fh, err := fsys.Open(name)
	if err != nil {
		return
	}
	defer fh.Close()
	if fi, err := fh.Stat(); err != nil || fi.Size() > maxGoFileSize {
		return
	}
	n, err := io.ReadFull(fh, buf)
	src := buf[:n]
	if err == nil { // the head is full: the file may be longer
		af, perr := parser.ParseFile(fset, "", src, parser.ImportsOnly|parser.SkipObjectResolution)
		if perr == nil {
			addImports(af.Imports, set)
			return
		}
		rest, err := io.ReadAll(io.LimitReader(fh, maxGoFileSize-int64(n)))
		if err != nil {
			return
		}
		src = append(append(make([]byte, 0, n+len(rest)), src...), rest...)
	} else if err != io.ErrUnexpectedEOF && err != io.EOF {
		return
	}
	af, err := parser.ParseFile(fset, "", src, parser.ImportsOnly|parser.SkipObjectResolution)
	if af == nil || err != nil && len(af.Imports) == 0 {
		return
	}
	addImports(af.Imports, set)
}

func addImports(specs []*ast.ImportSpec, set map[string]struct{}) {
	for _, s := range specs {
		p, err := strconv.Unquote(s.Path.Value)
		if err != nil || p == "" || p == "C" {
			continue
		}
		set[p] = struct{}{}
	}
}

// attributeImports gives each import path to the package of the module it
// belongs to (longest module path prefix; the main module's own packages
// go to nobody; a path whose first element has no dot and that no module
// claims goes to stdlib) and records the sorted lists as go.imports on
// every package.
func attributeImports(pkgs []vouch.Package, owners map[string]int, mainPath string, std int, imports map[string]struct{}) {
	lists := make([][]string, len(pkgs))
	for imp := range imports {
		i := ownerOf(imp, owners, mainPath)
		switch {
		case i >= 0:
			lists[i] = append(lists[i], imp)
		case i == ownerMain:
		case std >= 0 && isStdlibPath(imp):
			lists[std] = append(lists[std], imp)
		}
	}
	for i := range pkgs {
		sort.Strings(lists[i])
		setMeta(&pkgs[i], metaImports, strings.Join(lists[i], "\n"))
	}
}

const (
	ownerNone = -1
	ownerMain = -2
)

// ownerOf returns the index in owners of the module whose path is the
// longest prefix of pkgPath, ownerMain for the main module, or ownerNone.
func ownerOf(pkgPath string, owners map[string]int, mainPath string) int {
	p := pkgPath
	for {
		if p == mainPath && mainPath != "" {
			return ownerMain
		}
		if i, ok := owners[p]; ok {
			return i
		}
		j := strings.LastIndexByte(p, '/')
		if j < 0 {
			return ownerNone
		}
		p = p[:j]
	}
}

// isStdlibPath reports whether an import path is the standard library's:
// its first element has no dot.
func isStdlibPath(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}
