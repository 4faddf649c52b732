package inventory

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/ospkg"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// testHookDescend, when set by a test, is told every directory the walk
// goes into, relative to the root ("." for the root).
var testHookDescend func(rel string)

// skipDirs are never descended into: version-control metadata holds no
// shipped packages, and walking it costs time on large repositories.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

// Dir inventories the tree under root. Symbolic links are not followed:
// a link may point out of the tree, and what it points at inside the tree
// is reached by the walk anyway. Sibling reads by extractors (go.sum, a
// parent pom) go through an os.Root, so they cannot leave the tree either.
//
// Options.ExcludePaths prune the walk: an excluded directory is not read.
//
// Files an extractor could not parse come back as *extractor.ParseError in
// the error slice; the inventory still holds everything else. The final
// error is for failures of the walk itself (root unreadable, ctx done).
func Dir(ctx context.Context, root string, opts Options) (*vouch.Inventory, []error, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, nil, vouch.Input(fmt.Errorf("open %s: %w", root, cause(err)), "")
	}
	if !info.IsDir() {
		return File(ctx, root, opts)
	}
	exclude, err := opts.exclusion()
	if err != nil {
		return nil, nil, err
	}
	rt, err := os.OpenRoot(root)
	if err != nil {
		return nil, nil, vouch.Input(fmt.Errorf("open %s: %w", root, err), "")
	}
	defer rt.Close()

	exts := opts.extractors()
	w := newWorkers(ctx, opts.Workers)
	var sources []string
	walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			// An unreadable subdirectory is reported, not fatal.
			w.fail(&extractor.ParseError{Path: relPath(root, p), Extractor: "walk", Err: cause(err)})
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (skipDirs[name] || (name == "node_modules" && !opts.NodeModules)) {
				return fs.SkipDir
			}
			if p != root && !exclude.Empty() {
				if rel := relPath(root, p); exclude.Match(rel, true) {
					if opts.OnExclude != nil {
						opts.OnExclude(rel)
					}
					return fs.SkipDir
				}
			}
			if testHookDescend != nil {
				testHookDescend(relPath(root, p))
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // symlinks, devices, sockets
		}
		rel := relPath(root, p)
		if !exclude.Empty() && exclude.Match(rel, false) {
			if opts.OnExclude != nil {
				opts.OnExclude(rel)
			}
			return nil
		}
		mode := d.Type()
		if needsMode(name) {
			if fi, err := d.Info(); err == nil {
				mode = fi.Mode()
			}
		}
		for _, ex := range exts {
			if ex.Match(rel, mode) {
				sources = append(sources, rel)
				w.submit(job{ex: ex, abs: p, rel: rel, mode: mode, fsys: rt.FS()})
			}
		}
		return nil
	})
	pkgs, errs := w.wait()
	if walkErr != nil {
		return nil, nil, vouch.Input(fmt.Errorf("walk %s: %w", root, walkErr), "")
	}
	inv := &vouch.Inventory{
		Target:  vouch.Target{Kind: vouch.TargetDirectory, Name: root},
		Sources: dedupe(sources),
	}
	// A tree may be a root filesystem; its release names the OS packages'
	// distribution. A tree without one is not an error.
	distro, _ := ospkg.DetectDistro(rt.FS())
	finish(inv, pkgs, distro)
	return inv, errs, ctx.Err()
}

// File inventories one file, named as a target on its own.
func File(ctx context.Context, file string, opts Options) (*vouch.Inventory, []error, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, vouch.Input(fmt.Errorf("open %s: %w", file, cause(err)), "")
	}
	digest, err := vouch.SHA256(f)
	f.Close()
	if err != nil {
		return nil, nil, vouch.Input(fmt.Errorf("read %s: %w", file, err), "")
	}
	dir, base := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	rt, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, vouch.Input(fmt.Errorf("open %s: %w", dir, err), "")
	}
	defer rt.Close()
	fi, err := os.Lstat(file)
	if err != nil {
		return nil, nil, vouch.Input(fmt.Errorf("open %s: %w", file, err), "")
	}
	inv := &vouch.Inventory{Target: vouch.Target{Kind: vouch.TargetFile, Name: file, Digest: digest}}
	w := newWorkers(ctx, 1)
	matched := false
	for _, ex := range opts.extractors() {
		if ex.Match(base, fi.Mode()) {
			matched = true
			inv.Sources = append(inv.Sources, base)
			w.submit(job{ex: ex, abs: file, rel: base, mode: fi.Mode(), fsys: rt.FS()})
		}
	}
	pkgs, errs := w.wait()
	if !matched {
		return nil, nil, vouch.Input(fmt.Errorf("%s: not a format vouch reads", file),
			"give a lockfile, a Go binary, an SBOM, an image or a directory; 'vouch help sbom' lists the formats")
	}
	finish(inv, pkgs, nil)
	return inv, errs, ctx.Err()
}

// needsMode reports whether a file's permission bits are worth a stat:
// executables (Go binaries) rarely carry an extension.
func needsMode(name string) bool {
	ext := path.Ext(name)
	return ext == "" || ext == ".exe" || ext == ".bin"
}

func relPath(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

type job struct {
	ex   extractor.Extractor
	abs  string
	rel  string
	mode fs.FileMode
	fsys fs.FS
}

// workers parses matched files in parallel while the walk goes on.
type workers struct {
	ctx  context.Context
	jobs chan job
	wg   sync.WaitGroup
	mu   sync.Mutex
	pkgs [][]vouch.Package // one slice per file: appending packages one by one moved them again and again
	errs []error
}

func newWorkers(ctx context.Context, n int) *workers {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	w := &workers{ctx: ctx, jobs: make(chan job, 4*n)}
	for i := 0; i < n; i++ {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for j := range w.jobs {
				pkgs, err := w.run(j)
				w.mu.Lock()
				w.pkgs = append(w.pkgs, pkgs)
				if err != nil {
					w.errs = append(w.errs, err)
				}
				w.mu.Unlock()
			}
		}()
	}
	return w
}

func (w *workers) submit(j job) { w.jobs <- j }

func (w *workers) fail(err error) {
	w.mu.Lock()
	w.errs = append(w.errs, err)
	w.mu.Unlock()
}

func (w *workers) wait() ([]vouch.Package, []error) {
	close(w.jobs)
	w.wg.Wait()
	sort.Slice(w.errs, func(i, j int) bool { return w.errs[i].Error() < w.errs[j].Error() })
	n := 0
	for _, p := range w.pkgs {
		n += len(p)
	}
	all := make([]vouch.Package, 0, n)
	for _, p := range w.pkgs {
		all = append(all, p...)
	}
	return all, w.errs
}

func (w *workers) run(j job) (pkgs []vouch.Package, err error) {
	if w.ctx.Err() != nil {
		return nil, nil
	}
	f, err := os.Open(j.abs)
	if err != nil {
		return nil, &extractor.ParseError{Path: j.rel, Extractor: j.ex.Name(), Err: cause(err)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &extractor.ParseError{Path: j.rel, Extractor: j.ex.Name(), Err: err}
	}
	defer func() {
		// A parser bug must cost one file, not the run.
		if r := recover(); r != nil {
			pkgs, err = nil, &extractor.ParseError{Path: j.rel, Extractor: j.ex.Name(), Err: fmt.Errorf("internal error: %v", r)}
		}
	}()
	pkgs, err = j.ex.Extract(w.ctx, &extractor.File{
		Path:     j.rel,
		Mode:     j.mode,
		Size:     fi.Size(),
		Reader:   io.LimitReader(f, extractor.MaxFileSize),
		ReaderAt: f,
		FS:       j.fsys,
	})
	if err != nil {
		return nil, &extractor.ParseError{Path: j.rel, Extractor: j.ex.Name(), Err: err}
	}
	for i := range pkgs {
		if len(pkgs[i].Locations) == 0 {
			pkgs[i].Locations = []vouch.Location{{Path: j.rel}}
		}
	}
	return pkgs, nil
}

// cause drops the operation and path a *fs.PathError repeats, since the
// caller names the path itself.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
