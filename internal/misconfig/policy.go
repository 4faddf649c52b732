package misconfig

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// The built-in checks and their library, embedded as a bundle of Rego
// files. Files ending in _test.rego are unit tests, loaded only by Test.
//
//go:embed checks
var bundleFS embed.FS

// CheckMeta describes one check, as its METADATA annotation says.
type CheckMeta struct {
	ID            string              `json:"id"`
	Title         string              `json:"title"`
	Description   string              `json:"description"`
	Severity      vouch.Severity      `json:"severity"`
	Remediation   string              `json:"remediation"`
	References    []string            `json:"references,omitempty"`
	Inputs        []Kind              `json:"inputs"`
	ResourceTypes []string            `json:"resourceTypes,omitempty"`
	Frameworks    map[string][]string `json:"frameworks,omitempty"` // "cis-aws-foundations" → ["2.1.5"]
	Package       string              `json:"package"`              // data.vouch.checks.aws.s3_public_acl
	File          string              `json:"file"`
	Custom        bool                `json:"custom,omitempty"`
}

// Family is the ID's middle part: AWS, K8S, DKR …
func (m *CheckMeta) Family() string {
	parts := strings.Split(m.ID, "-")
	if len(parts) >= 3 {
		return parts[1]
	}
	return "CUSTOM"
}

// policySet is the parsed and compiled Rego of one run.
type policySet struct {
	modules  map[string]*ast.Module
	checks   []*CheckMeta
	compiler *ast.Compiler
}

var builtinOnce struct {
	sync.Once
	checks []*CheckMeta
	err    error
}

// Checks lists the built-in checks, ordered by ID.
func Checks() []CheckMeta {
	builtinOnce.Do(func() {
		mods, err := builtinModules(false)
		if err != nil {
			builtinOnce.err = err
			return
		}
		builtinOnce.checks, builtinOnce.err = checksOf(mods, false)
	})
	out := make([]CheckMeta, 0, len(builtinOnce.checks))
	for _, c := range builtinOnce.checks {
		out = append(out, *c)
	}
	return out
}

var parserOpts = ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}

// builtinModules parses the embedded bundle.
func builtinModules(withTests bool) (map[string]*ast.Module, error) {
	mods := map[string]*ast.Module{}
	err := fs.WalkDir(bundleFS, "checks", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		if !withTests && strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		src, err := bundleFS.ReadFile(p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts("builtin/"+p, string(src), parserOpts)
		if err != nil {
			return err
		}
		mods["builtin/"+p] = m
		return nil
	})
	return mods, err
}

// customModules parses the *.rego files under dirs.
func customModules(dirs []string, withTests bool, into map[string]*ast.Module) error {
	for _, dir := range dirs {
		st, err := os.Stat(dir)
		if err != nil {
			return vouch.Input(fmt.Errorf("policy directory %s: %w", dir, err), "pass a directory of .rego files")
		}
		if !st.IsDir() {
			return vouch.Input(fmt.Errorf("policy directory %s: not a directory", dir), "pass a directory of .rego files")
		}
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != dir && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || !strings.HasSuffix(p, ".rego") {
				return nil
			}
			if !withTests && strings.HasSuffix(p, "_test.rego") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return fmt.Errorf("read policy %s: %w", p, err)
			}
			m, err := ast.ParseModuleWithOpts(p, string(src), parserOpts)
			if err != nil {
				return vouch.Input(fmt.Errorf("parse policy %s: %w", p, err), "fix the Rego syntax (policies are Rego v1: `deny contains r if { … }`)")
			}
			into[p] = m
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// checksOf reads the metadata of every module that declares a check: a
// package-scoped METADATA annotation whose custom section has an id.
// Library modules (no id) are not checks.
func checksOf(mods map[string]*ast.Module, custom bool) ([]*CheckMeta, error) {
	var out []*CheckMeta
	var errs []error
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		m := mods[name]
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		var ann *ast.Annotations
		for _, a := range m.Annotations {
			if a.Scope == "package" && a.Custom != nil && a.Custom["id"] != nil {
				ann = a
				break
			}
		}
		if ann == nil {
			continue
		}
		meta, err := metaFrom(name, m, ann)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		meta.Custom = custom && !strings.HasPrefix(name, "builtin/")
		out = append(out, meta)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	seen := map[string]string{}
	for _, c := range out {
		if prev, ok := seen[c.ID]; ok {
			return nil, fmt.Errorf("%s: check id %s is already used by %s", c.File, c.ID, prev)
		}
		seen[c.ID] = c.File
	}
	return out, nil
}

func metaFrom(file string, m *ast.Module, a *ast.Annotations) (*CheckMeta, error) {
	row := 0
	if a.Location != nil {
		row = a.Location.Row
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: check metadata: %s", file, row, fmt.Sprintf(format, args...))
	}
	c := &CheckMeta{
		Title:       strings.TrimSpace(a.Title),
		Description: strings.TrimSpace(a.Description),
		Package:     m.Package.Path.String(),
		File:        file,
	}
	c.ID, _ = a.Custom["id"].(string)
	if !looksLikeCheckID(c.ID) {
		return nil, bad("id %v: want letters and digits joined by hyphens, like VCH-AWS-0001", a.Custom["id"])
	}
	if c.Title == "" {
		return nil, bad("%s has no title", c.ID)
	}
	sev, _ := a.Custom["severity"].(string)
	s, err := vouch.ParseSeverity(sev)
	if err != nil || s == vouch.SeverityUnknown {
		return nil, bad("%s: severity %q: want LOW, MEDIUM, HIGH or CRITICAL", c.ID, sev)
	}
	c.Severity = s
	c.Remediation, _ = a.Custom["remediation"].(string)
	c.Remediation = strings.TrimSpace(c.Remediation)
	if c.Remediation == "" {
		return nil, bad("%s has no remediation", c.ID)
	}
	for _, in := range asList(a.Custom["inputs"]) {
		k, _ := in.(string)
		if !validKind(k) {
			return nil, bad("%s: input %v: want one of %s", c.ID, in, kindList())
		}
		c.Inputs = append(c.Inputs, Kind(k))
	}
	if len(c.Inputs) == 0 {
		return nil, bad("%s names no inputs (want some of %s)", c.ID, kindList())
	}
	for _, t := range asList(a.Custom["resource_types"]) {
		if s, ok := t.(string); ok {
			c.ResourceTypes = append(c.ResourceTypes, s)
		}
	}
	if fw, ok := a.Custom["frameworks"].(map[string]any); ok {
		c.Frameworks = map[string][]string{}
		for k, v := range fw {
			for _, x := range asList(v) {
				c.Frameworks[k] = append(c.Frameworks[k], fmt.Sprint(x))
			}
		}
	}
	for _, r := range a.RelatedResources {
		c.References = append(c.References, r.Ref.String())
	}
	if !hasDenyRule(m) {
		return nil, bad("%s: package %s has no `deny contains … if` rule", c.ID, c.Package)
	}
	return c, nil
}

func asList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case nil:
		return nil
	}
	return []any{v}
}

func kindList() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// hasDenyRule: a partial set rule named deny, which is always defined
// (empty when nothing is wrong), so one query can read every check.
func hasDenyRule(m *ast.Module) bool {
	for _, r := range m.Rules {
		ref := r.Head.Ref()
		if len(ref) == 1 && ref[0].Value.Compare(ast.Var("deny")) == 0 && r.Head.RuleKind() == ast.MultiValue {
			return true
		}
	}
	return false
}

// loadPolicies parses and compiles built-in and custom policies once.
func loadPolicies(dirs []string, withTests bool) (*policySet, error) {
	mods, err := builtinModules(withTests)
	if err != nil {
		return nil, fmt.Errorf("load built-in checks: %w", err)
	}
	if err := customModules(dirs, withTests, mods); err != nil {
		return nil, err
	}
	checks, err := checksOf(mods, true)
	if err != nil {
		return nil, vouch.Input(err, "see docs/MISCONFIG.md for the check metadata format")
	}
	c := ast.NewCompiler().WithEnablePrintStatements(false)
	if c.Compile(mods); c.Failed() {
		return nil, vouch.Input(fmt.Errorf("compile policies: %w", c.Errors), "fix the Rego named above")
	}
	return &policySet{modules: mods, checks: checks, compiler: c}, nil
}

// kindQuery evaluates every check of one document kind in one query:
//
//	c0 := data.vouch.checks.aws.s3_public_acl.deny; c1 := …
type kindQuery struct {
	checks []*CheckMeta
	pq     rego.PreparedEvalQuery
	// single holds per-check queries, prepared only when the combined
	// query fails at run time, to find the check at fault.
	singleOnce sync.Once
	single     []*rego.PreparedEvalQuery
	singleErr  error
	compiler   *ast.Compiler
}

func prepareQueries(ctx context.Context, ps *policySet, skip map[string]bool) (map[Kind]*kindQuery, error) {
	out := map[Kind]*kindQuery{}
	for _, k := range Kinds {
		kq := &kindQuery{compiler: ps.compiler}
		var q strings.Builder
		for _, c := range ps.checks {
			if skip[strings.ToUpper(c.ID)] || !hasKind(c.Inputs, k) {
				continue
			}
			if q.Len() > 0 {
				q.WriteString("; ")
			}
			fmt.Fprintf(&q, "c%d := %s.deny", len(kq.checks), c.Package)
			kq.checks = append(kq.checks, c)
		}
		if len(kq.checks) == 0 {
			continue
		}
		pq, err := rego.New(rego.Compiler(ps.compiler), rego.Query(q.String())).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare %s checks: %w", k, err)
		}
		kq.pq = pq
		out[k] = kq
	}
	return out, nil
}

func hasKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// rawResult is one element of a check's deny set.
type rawResult struct {
	check *CheckMeta
	value any
}

// eval runs every check of the kind on one input.
func (kq *kindQuery) eval(ctx context.Context, input ast.Value) ([]rawResult, []error) {
	rs, err := kq.pq.Eval(ctx, rego.EvalParsedInput(input))
	if err == nil {
		var out []rawResult
		if len(rs) > 0 {
			for i, c := range kq.checks {
				set, _ := rs[0].Bindings[fmt.Sprintf("c%d", i)].([]any)
				for _, v := range set {
					out = append(out, rawResult{c, v})
				}
			}
		}
		return out, nil
	}
	if ctx.Err() != nil {
		return nil, []error{ctx.Err()}
	}
	// One check failed at run time (a conflict, a type error in a custom
	// check): run them one by one so the others still count.
	kq.singleOnce.Do(func() {
		for _, c := range kq.checks {
			pq, err := rego.New(rego.Compiler(kq.compiler), rego.Query("x := "+c.Package+".deny")).PrepareForEval(ctx)
			if err != nil {
				kq.singleErr = err
				return
			}
			kq.single = append(kq.single, &pq)
		}
	})
	if kq.singleErr != nil {
		return nil, []error{kq.singleErr}
	}
	var out []rawResult
	var errs []error
	for i, c := range kq.checks {
		rs, err := kq.single[i].Eval(ctx, rego.EvalParsedInput(input))
		if err != nil {
			errs = append(errs, fmt.Errorf("check %s: %w", c.ID, err))
			continue
		}
		if len(rs) > 0 {
			set, _ := rs[0].Bindings["x"].([]any)
			for _, v := range set {
				out = append(out, rawResult{c, v})
			}
		}
	}
	return out, errs
}
