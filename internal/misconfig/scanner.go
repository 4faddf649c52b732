package misconfig

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/zclconf/go-cty/cty"

	"github.com/vouch-dev/vouch/internal/glob"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Config is what a scan may change.
type Config struct {
	// PolicyDirs hold custom checks (*.rego with METADATA), added to the
	// built-in ones.
	PolicyDirs []string
	// VarFiles are Terraform variable files (.tfvars, .tfvars.json)
	// applied, in order, to every root module after terraform.tfvars
	// and *.auto.tfvars.
	VarFiles []string
	// SkipChecks are check IDs not to run.
	SkipChecks []string
	// Workers parse and evaluate files in parallel; 0 means GOMAXPROCS.
	Workers int
	// ExcludePaths are gitignore-style globs (see package glob), relative
	// to the root ScanDir is given: excluded directories are not read,
	// excluded files not checked, and no finding points into either.
	// Terraform reads a module directory whole, so a module that a
	// scanned one calls is still loaded from an excluded directory, and
	// an excluded .tf file beside scanned ones is still read: the values
	// they pass on are the ones Terraform would see. Only their findings
	// are dropped.
	ExcludePaths []string
	// OnExclude, when set, is told the top-most path ExcludePaths left out
	// of the walk (a directory not read, or a file), once each, from the
	// walking goroutine.
	OnExclude func(path string)
}

// Scanner checks configuration files against compiled policies. It is
// safe for concurrent use.
type Scanner struct {
	cfg      Config
	queries  map[Kind]*kindQuery
	checks   []*CheckMeta
	varFiles []map[string]cty.Value
	exclude  glob.List
}

// New loads the built-in checks and those in cfg.PolicyDirs. A policy that
// does not parse or compile, or whose metadata is incomplete, is an error
// naming its file and line. Policies are compiled once per Scanner: custom
// ones here, the built-in ones by family (cloud, Kubernetes, Dockerfile,
// GitHub, GitLab) when the first document that needs them is scanned, so
// that families a tree does not use cost nothing and compilation overlaps
// the parsing of files.
func New(ctx context.Context, cfg Config) (*Scanner, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	exclude, err := glob.NewList(cfg.ExcludePaths)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("exclude path %w", err), "patterns are gitignore-style globs, relative to the scanned directory")
	}
	ps, err := loadPolicies(cfg.PolicyDirs)
	if err != nil {
		return nil, err
	}
	skip := map[string]bool{}
	known := map[string]bool{}
	for _, c := range ps.checks {
		known[strings.ToUpper(c.ID)] = true
	}
	for _, id := range cfg.SkipChecks {
		id = strings.ToUpper(strings.TrimSpace(id))
		if !known[id] {
			return nil, vouch.Input(fmt.Errorf("skip check %s: no such check", id), "run 'vouch policy list' or see docs/MISCONFIG.md for check ids")
		}
		skip[id] = true
	}
	s := &Scanner{cfg: cfg, queries: newQueries(ps, skip), checks: ps.checks, exclude: exclude}
	for _, vf := range cfg.VarFiles {
		vals, _, err := readVarFile(vf, vf)
		if err != nil {
			return nil, vouch.Input(err, "pass a .tfvars or .tfvars.json file to --var-file")
		}
		s.varFiles = append(s.varFiles, vals)
	}
	return s, nil
}

// Checks returns the checks this scanner runs, built-in and custom.
func (s *Scanner) Checks() []CheckMeta {
	out := make([]CheckMeta, len(s.checks))
	for i, c := range s.checks {
		out[i] = *c
	}
	return out
}

// skipDirs are never entered: version control, dependencies, and
// Terraform's download cache (read only through modules.json).
var skipDirs = map[string]bool{".git": true, "node_modules": true, ".terraform": true}

type scanJob struct {
	rel string // slash-separated, relative to root
	abs string
	tf  bool // a directory with .tf files
}

// ScanDir checks every configuration file under root. Files are found by
// name and, for YAML, JSON and extension-less files, by content; symbolic
// links are not followed. Each directory of .tf files is a module; modules
// that another module under root calls are checked through their callers,
// with the values those pass. Config.ExcludePaths prune the walk (see
// there for Terraform modules). Paths in findings are relative to root
// and slash-separated.
//
// Per-file problems (a file that does not parse, a check that fails at
// run time) are returned in the error slice, each naming its file; the
// last result is a fatal error (root unreadable, ctx done).
func (s *Scanner) ScanDir(ctx context.Context, root string) ([]vouch.Finding, []error, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, nil, fmt.Errorf("scan %s: %w", root, err)
	}
	if !st.IsDir() {
		fs, err := s.ScanFile(ctx, root)
		if err != nil {
			return nil, []error{err}, nil
		}
		return fs, nil, nil
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, fmt.Errorf("scan %s: %w", root, err)
	}
	defer relaxGC()()
	loader := newTFLoader(absRoot)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var (
		mu       sync.Mutex
		findings []vouch.Finding
		errs     []error
		tfDirs   []string
	)
	collect := func(fs []vouch.Finding, es []error) {
		if len(fs) == 0 && len(es) == 0 {
			return
		}
		mu.Lock()
		findings = append(findings, fs...)
		errs = append(errs, es...)
		mu.Unlock()
	}
	jobs := make(chan scanJob, 256)
	var wg sync.WaitGroup
	for i := 0; i < s.cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				if j.tf {
					loader.load(j.abs) // parse now, in parallel; evaluate later
					continue
				}
				collect(s.scanPath(ctx, j.abs, j.rel))
			}
		}()
	}
	walkErr := walkTree(ctx, absRoot, s.exclude, s.cfg.OnExclude, func(j scanJob) {
		if j.tf {
			tfDirs = append(tfDirs, j.abs)
		}
		jobs <- j
	})
	close(jobs)
	wg.Wait()
	if walkErr != nil {
		return nil, nil, walkErr
	}

	// Terraform: a directory is a root unless another scanned directory
	// calls it as a local module.
	called := map[string]bool{}
	for _, d := range tfDirs {
		for _, c := range loader.load(d).calls {
			if c != d {
				called[c] = true
			}
		}
	}
	roots := make(chan string, len(tfDirs))
	for _, d := range tfDirs {
		if !called[d] {
			roots <- d
		}
	}
	close(roots)
	for i := 0; i < s.cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range roots {
				if ctx.Err() != nil {
					continue
				}
				doc := loader.evalTerraform(loader.load(d), s.varFiles)
				collect(s.evalDocs(ctx, []*document{doc}))
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for _, m := range loader.mods {
		errs = append(errs, m.errs...)
	}
	if !s.exclude.Empty() {
		// Modules and .tf files read for their values, not checked.
		findings = slices.DeleteFunc(findings, func(f vouch.Finding) bool {
			_, ok := s.exclude.Excluded(f.Location.Path)
			return ok
		})
	}
	SortFindings(findings)
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return findings, errs, nil
}

// relaxGC lets the heap grow to five times the live data while a tree is
// scanned, unless the user chose GOGC: Rego evaluation allocates many
// short-lived terms, and collecting them at the default pace costs a
// fifth of the CPU. The live heap stays small (files stream through the
// workers), so the bound on memory is still tight. It returns the function
// that restores the previous setting.
func relaxGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	gcMu.Lock()
	defer gcMu.Unlock()
	if gcRelaxed++; gcRelaxed == 1 {
		gcPrev = debug.SetGCPercent(400)
	}
	return func() {
		gcMu.Lock()
		defer gcMu.Unlock()
		if gcRelaxed--; gcRelaxed == 0 {
			debug.SetGCPercent(gcPrev)
		}
	}
}

var (
	gcMu      sync.Mutex
	gcRelaxed int
	gcPrev    int
)

// testHookReadDir, when set by a test, is told every directory walkTree
// reads, relative to the root ("" for the root).
var testHookReadDir func(rel string)

// walkTree sends every candidate file, and every directory holding .tf
// files, to emit. Excluded entries are told to onExclude (when not nil)
// and left out; an excluded directory is not read.
func walkTree(ctx context.Context, root string, exclude glob.List, onExclude func(string), emit func(scanJob)) error {
	excluded := func(p string, isDir bool) bool {
		if exclude.Empty() || !exclude.Match(p, isDir) {
			return false
		}
		if onExclude != nil {
			onExclude(p)
		}
		return true
	}
	var walk func(dir, rel string, depth int) error
	walk = func(dir, rel string, depth int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if depth > 64 {
			return nil
		}
		if testHookReadDir != nil {
			testHookReadDir(rel)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			if rel == "" {
				return fmt.Errorf("read directory %s: %w", dir, err)
			}
			return nil
		}
		hasTF := false
		for _, e := range entries {
			name := e.Name()
			p := name
			if rel != "" {
				p = rel + "/" + name
			}
			t := e.Type()
			switch {
			case t&fs.ModeSymlink != 0:
				continue
			case e.IsDir():
				if skipDirs[name] || excluded(p, true) {
					continue
				}
				if err := walk(filepath.Join(dir, name), p, depth+1); err != nil {
					return err
				}
			case t.IsRegular():
				if excluded(p, false) {
					continue
				}
				switch classify(name) {
				case classTerraform:
					hasTF = true
				case classNone:
				default:
					emit(scanJob{rel: p, abs: filepath.Join(dir, name)})
				}
			}
		}
		if hasTF {
			emit(scanJob{rel: rel, abs: dir, tf: true})
		}
		return nil
	}
	return walk(root, "", 0)
}

// scanPath reads, parses and checks one non-Terraform file.
func (s *Scanner) scanPath(ctx context.Context, abs, rel string) ([]vouch.Finding, []error) {
	src, err := readCapped(abs)
	if err != nil {
		return nil, []error{fmt.Errorf("read %s: %w", rel, err)}
	}
	docs, err := parseFile(rel, src)
	if errors.Is(err, errNotConfig) {
		return nil, nil
	}
	fs, errs := s.evalDocs(ctx, docs)
	if err != nil {
		errs = append(errs, err)
	}
	return fs, errs
}

// ScanFile checks one file. A .tf file is evaluated with the other files of
// its directory (variables, locals, modules below it) and only the findings
// in that file are returned. A file that is no configuration vouch reads
// yields no findings and no error.
func (s *Scanner) ScanFile(ctx context.Context, p string) ([]vouch.Finding, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", p, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", p, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("scan %s: not a regular file", p)
	}
	base := filepath.Base(abs)
	if classify(base) == classTerraform {
		loader := newTFLoader(filepath.Dir(abs))
		m := loader.load(filepath.Dir(abs))
		doc := loader.evalTerraform(m, s.varFiles)
		fs, errs := s.evalDocs(ctx, []*document{doc})
		out := fs[:0]
		for _, f := range fs {
			if f.Location.Path == base {
				out = append(out, f)
			}
		}
		for _, e := range m.errs {
			if strings.Contains(e.Error(), base) {
				errs = append(errs, e)
			}
		}
		SortFindings(out)
		return out, errors.Join(errs...)
	}
	fs, errs := s.scanPath(ctx, abs, base)
	SortFindings(fs)
	return fs, errors.Join(errs...)
}

// evalDocs runs the checks of each document's kind and turns their results
// into findings.
func (s *Scanner) evalDocs(ctx context.Context, docs []*document) ([]vouch.Finding, []error) {
	var out []vouch.Finding
	var errs []error
	for _, d := range docs {
		if d == nil || len(d.resources) == 0 {
			continue
		}
		kq := s.queries[d.kind]
		if kq == nil {
			continue
		}
		qs, err := kq.forDoc(ctx, d)
		if err != nil {
			errs = append(errs, fmt.Errorf("check %s: %w", d.path, err))
			continue
		}
		if len(qs.checks) == 0 {
			continue
		}
		in, err := d.astInput()
		if err != nil {
			errs = append(errs, fmt.Errorf("check %s: %w", d.path, err))
			continue
		}
		res, es := qs.eval(ctx, kq.compiler, in)
		for _, e := range es {
			errs = append(errs, fmt.Errorf("check %s: %w", d.path, e))
		}
		for _, r := range res {
			out = append(out, d.finding(r))
		}
	}
	return out, errs
}

// finding turns one deny result into a Finding. A result is an object
//
//	{"msg": "…", "resource": "<address of an input resource>",
//	 "path": ["attribute", 0, "nested"], "address": "<shown instead>"}
//
// or a bare message string. path narrows the lines to an attribute; the
// longest prefix of it that exists is used.
func (d *document) finding(r rawResult) vouch.Finding {
	c := r.check
	f := vouch.Finding{
		Kind: vouch.KindMisconfig, ID: c.ID, Title: c.Title, Severity: c.Severity,
		Remediation: c.Remediation, References: c.References,
		Location: vouch.Location{Path: d.path},
	}
	var res *resource
	var p []any
	switch v := r.value.(type) {
	case string:
		f.Detail = v
	case map[string]any:
		f.Detail, _ = v["msg"].(string)
		if a, ok := v["resource"].(string); ok {
			res = d.byAddr[a]
		}
		p, _ = v["path"].([]any)
		if a, ok := v["address"].(string); ok && a != "" {
			f.Resource = a
		}
	default:
		f.Detail = fmt.Sprint(v)
	}
	if f.Detail == "" {
		f.Detail = c.Title
	}
	if res == nil && len(d.resources) == 1 {
		res = d.resources[0]
	}
	if res == nil {
		f.Location.Line = 1
		return f
	}
	if f.Resource == "" {
		f.Resource = res.address
	}
	f.Location.Path = res.path
	start, end := res.line, res.endLine
	if len(p) > 0 && res.locate != nil {
		if s, e, ok := res.locate(p); ok {
			start, end = s, e
		}
	}
	if start <= 0 {
		start = 1
	}
	f.Location.Line = start
	if end > start {
		f.EndLine = end
	}
	if reason, ok := res.ignores.match(c.ID, start, end, res.line); ok {
		f.Suppressed = &vouch.Suppression{Source: "inline", Reason: reason}
	}
	return f
}

// SortFindings orders findings by file, line, check id and resource.
func SortFindings(fs []vouch.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.Location.Line != b.Location.Line {
			return a.Location.Line < b.Location.Line
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Resource < b.Resource
	})
}
