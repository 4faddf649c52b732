package misconfig

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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

// policySet is the parsed Rego of one run. The built-in checks are
// compiled in groups (cloud, kubernetes, docker, github, gitlab), each
// with the library and every custom module, and only when a document that
// needs the group turns up: a Terraform-only repository never compiles the
// Kubernetes checks, and groups compile in parallel with the scan.
type policySet struct {
	modules map[string]*ast.Module
	checks  []*CheckMeta
	groups  map[string]*group
}

// group is one lazily compiled set of modules.
type group struct {
	mods     map[string]*ast.Module
	once     sync.Once
	compiler *ast.Compiler
	err      error
}

// kindGroup names the group whose checks read each kind.
var kindGroup = map[Kind]string{
	KindTerraform: "cloud", KindCloudFormation: "cloud", KindIAMPolicy: "cloud",
	KindKubernetes: "kubernetes", KindDockerfile: "docker",
	KindGitHubActions: "github", KindGitLabCI: "gitlab",
}

// dirGroup maps a built-in check directory to its group.
var dirGroup = map[string]string{
	"aws": "cloud", "gcp": "cloud", "azure": "cloud", "kubernetes": "kubernetes",
	"docker": "docker", "github": "github", "gitlab": "gitlab",
}

func (g *group) compile() (*ast.Compiler, error) {
	g.once.Do(func() {
		c := newCompiler()
		if c.Compile(g.mods); c.Failed() {
			g.err = vouch.Input(fmt.Errorf("compile policies: %w", c.Errors), "fix the Rego named above")
			return
		}
		g.compiler = c
	})
	return g.compiler, g.err
}

func newCompiler() *ast.Compiler {
	return ast.NewCompiler().WithEnablePrintStatements(false).WithCapabilities(parserOpts.Capabilities)
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

// parserOpts are shared by every parse; the capabilities are built once
// (the parser would otherwise rebuild them for each module).
var parserOpts = ast.ParserOptions{
	ProcessAnnotation: true,
	RegoVersion:       ast.RegoV1,
	Capabilities:      ast.CapabilitiesForThisVersion(),
}

// builtinModules parses the embedded bundle, spread over the CPUs.
func builtinModules(withTests bool) (map[string]*ast.Module, error) {
	var paths []string
	err := fs.WalkDir(bundleFS, "checks", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		if !withTests && strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	parsed := make([]*ast.Module, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	next := make(chan int, len(paths))
	for i := range paths {
		next <- i
	}
	close(next)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				src, err := bundleFS.ReadFile(paths[i])
				if err == nil {
					parsed[i], err = ast.ParseModuleWithOpts("builtin/"+paths[i], string(src), parserOpts)
				}
				errs[i] = err
			}
		}()
	}
	wg.Wait()
	mods := make(map[string]*ast.Module, len(paths))
	for i, p := range paths {
		if errs[i] != nil {
			return nil, errs[i]
		}
		mods["builtin/"+p] = parsed[i]
	}
	return mods, nil
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

// loadPolicies parses built-in and custom policies and checks their
// metadata. Custom modules are compiled at once with the library, so that
// a broken policy is an error here, naming its file and line; the built-in
// groups compile on first use.
func loadPolicies(dirs []string) (*policySet, error) {
	mods, err := builtinModules(false)
	if err != nil {
		return nil, fmt.Errorf("load built-in checks: %w", err)
	}
	custom := map[string]*ast.Module{}
	if err := customModules(dirs, false, custom); err != nil {
		return nil, err
	}
	for k, m := range custom {
		mods[k] = m
	}
	checks, err := checksOf(mods, true)
	if err != nil {
		return nil, vouch.Input(err, "see docs/MISCONFIG.md for the check metadata format")
	}
	groups := map[string]*group{}
	shared := map[string]*ast.Module{} // library and custom modules
	for name, m := range mods {
		dir := ""
		if rest, ok := strings.CutPrefix(name, "builtin/checks/"); ok {
			dir, _, _ = strings.Cut(rest, "/")
		}
		g, ok := dirGroup[dir]
		if !ok {
			shared[name] = m
			continue
		}
		if groups[g] == nil {
			groups[g] = &group{mods: map[string]*ast.Module{}}
		}
		groups[g].mods[name] = m
	}
	if len(custom) > 0 {
		if _, err := (&group{mods: shared}).compile(); err != nil {
			return nil, err
		}
	}
	for _, g := range groups {
		for name, m := range shared {
			g.mods[name] = m
		}
	}
	return &policySet{modules: mods, checks: checks, groups: groups}, nil
}

// kindQuery evaluates the checks of one document kind, all in one query:
//
//	c0 := data.vouch.checks.aws.s3_public_acl.deny; c1 := …
//
// For kinds whose documents hold many resource types (Terraform,
// CloudFormation, Kubernetes), a document runs only the checks whose
// resource_types it contains: a module of S3 buckets does not pay for the
// Azure checks. Those subsets are prepared on first use and cached.
type kindQuery struct {
	kind   Kind
	group  *group
	checks []*CheckMeta
	filter bool

	once     sync.Once
	err      error
	compiler *ast.Compiler
	full     *querySet

	mu      sync.Mutex
	subsets map[string]*querySet
}

// maxSubsets bounds the prepared subsets of one kind; past it, documents
// run every check of their kind.
const maxSubsets = 256

// querySet is one prepared query over some checks.
type querySet struct {
	checks []*CheckMeta
	pq     rego.PreparedEvalQuery
	// single holds per-check queries, prepared only when the combined
	// query fails at run time, to find the check at fault.
	singleOnce sync.Once
	single     []*rego.PreparedEvalQuery
	singleErr  error
}

// filteredKinds are the kinds whose documents mix resource types.
var filteredKinds = map[Kind]bool{KindTerraform: true, KindCloudFormation: true, KindKubernetes: true}

// newQueries sets up one query per kind; nothing is compiled yet.
func newQueries(ps *policySet, skip map[string]bool) map[Kind]*kindQuery {
	out := map[Kind]*kindQuery{}
	for _, k := range Kinds {
		var checks []*CheckMeta
		for _, c := range ps.checks {
			if !skip[strings.ToUpper(c.ID)] && hasKind(c.Inputs, k) {
				checks = append(checks, c)
			}
		}
		g := ps.groups[kindGroup[k]]
		if len(checks) == 0 || g == nil {
			continue
		}
		out[k] = &kindQuery{kind: k, group: g, checks: checks, filter: filteredKinds[k], subsets: map[string]*querySet{}}
	}
	return out
}

// prepare compiles the kind's group and prepares the query of all its
// checks, once.
func (kq *kindQuery) prepare(ctx context.Context) error {
	kq.once.Do(func() {
		kq.compiler, kq.err = kq.group.compile()
		if kq.err != nil {
			return
		}
		kq.full, kq.err = prepareSet(ctx, kq.compiler, kq.checks)
		if kq.err != nil {
			kq.err = fmt.Errorf("prepare %s checks: %w", kq.kind, kq.err)
		}
	})
	return kq.err
}

func prepareSet(ctx context.Context, c *ast.Compiler, checks []*CheckMeta) (*querySet, error) {
	var q strings.Builder
	for i, ch := range checks {
		if i > 0 {
			q.WriteString("; ")
		}
		fmt.Fprintf(&q, "c%d := %s.deny", i, ch.Package)
	}
	pq, err := rego.New(rego.Compiler(c), rego.Query(q.String())).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	return &querySet{checks: checks, pq: pq}, nil
}

func hasKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// forDoc picks the query for a document: the checks whose resource types
// it holds (checks that name none always run).
func (kq *kindQuery) forDoc(ctx context.Context, d *document) (*querySet, error) {
	if err := kq.prepare(ctx); err != nil {
		return nil, err
	}
	if !kq.filter {
		return kq.full, nil
	}
	types := make(map[string]bool, 16)
	for _, r := range d.resources {
		types[r.typ] = true
	}
	var key strings.Builder
	var picked []*CheckMeta
	for i, c := range kq.full.checks {
		if relevant(c, types) {
			picked = append(picked, c)
			fmt.Fprintf(&key, "%d,", i)
		}
	}
	if len(picked) == len(kq.full.checks) {
		return kq.full, nil
	}
	k := key.String()
	kq.mu.Lock()
	defer kq.mu.Unlock()
	if qs, ok := kq.subsets[k]; ok {
		return qs, nil
	}
	if len(kq.subsets) >= maxSubsets {
		return kq.full, nil
	}
	if len(picked) == 0 {
		qs := &querySet{}
		kq.subsets[k] = qs
		return qs, nil
	}
	qs, err := prepareSet(ctx, kq.compiler, picked)
	if err != nil {
		return nil, err
	}
	kq.subsets[k] = qs
	return qs, nil
}

func relevant(c *CheckMeta, types map[string]bool) bool {
	if len(c.ResourceTypes) == 0 {
		return true
	}
	for _, t := range c.ResourceTypes {
		if types[t] {
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

// eval runs the set's checks on one input.
func (qs *querySet) eval(ctx context.Context, compiler *ast.Compiler, input ast.Value) ([]rawResult, []error) {
	if len(qs.checks) == 0 {
		return nil, nil
	}
	rs, err := qs.pq.Eval(ctx, rego.EvalParsedInput(input))
	if err == nil {
		var out []rawResult
		if len(rs) > 0 {
			for i, c := range qs.checks {
				set, _ := rs[0].Bindings[varName(i)].([]any)
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
	qs.singleOnce.Do(func() {
		for _, c := range qs.checks {
			pq, err := rego.New(rego.Compiler(compiler), rego.Query("x := "+c.Package+".deny")).PrepareForEval(ctx)
			if err != nil {
				qs.singleErr = err
				return
			}
			qs.single = append(qs.single, &pq)
		}
	})
	if qs.singleErr != nil {
		return nil, []error{qs.singleErr}
	}
	var out []rawResult
	var errs []error
	for i, c := range qs.checks {
		rs, err := qs.single[i].Eval(ctx, rego.EvalParsedInput(input))
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

var varNames = func() []string {
	v := make([]string, 1024)
	for i := range v {
		v[i] = fmt.Sprintf("c%d", i)
	}
	return v
}()

func varName(i int) string {
	if i < len(varNames) {
		return varNames[i]
	}
	return fmt.Sprintf("c%d", i)
}
