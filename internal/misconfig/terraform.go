package misconfig

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Limits that keep a hostile or merely huge module tree linear.
const (
	maxTFInstances      = 100 // instances of one resource or module call (count, for_each)
	maxTFModuleDepth    = 12  // nesting of module calls
	maxTFModuleRuns     = 500 // module instances evaluated for one root
	maxTFFallbackLength = 2048
)

// tfModule is one parsed module directory.
type tfModule struct {
	dir       string // absolute
	rel       string // relative to the scan root, slash-separated
	files     []*tfFile
	vars      map[string]*hclsyntax.Block
	locals    map[string]tfAttr
	resources []tfBlock // resource blocks and data blocks we check
	modules   []tfBlock
	outputs   map[string]tfAttr
	tfvars    []*tfFile // terraform.tfvars then *.auto.tfvars, by name
	jsonVars  []map[string]cty.Value
	// calls are the absolute directories of local module sources.
	calls []string
	errs  []error
	// manifest maps module keys to directories from .terraform/modules.
	manifest map[string]string
}

type tfFile struct {
	rel     string
	src     []byte
	body    *hclsyntax.Body
	ignores *ignoreIndex
}

type tfBlock struct {
	file  *tfFile
	block *hclsyntax.Block
}

type tfAttr struct {
	file *tfFile
	attr *hclsyntax.Attribute
}

// tfLoader parses module directories once each, for any number of roots.
type tfLoader struct {
	root string // absolute scan root
	mu   sync.Mutex
	mods map[string]*tfModule
}

func newTFLoader(root string) *tfLoader {
	return &tfLoader{root: root, mods: map[string]*tfModule{}}
}

// load parses the .tf files of dir (absolute), or returns the cached
// module. A directory with no .tf files yields a module with no files.
func (l *tfLoader) load(dir string) *tfModule {
	l.mu.Lock()
	m, ok := l.mods[dir]
	l.mu.Unlock()
	if ok {
		return m
	}
	m = parseTFDir(l.root, dir)
	l.mu.Lock()
	if prev, ok := l.mods[dir]; ok {
		m = prev
	} else {
		l.mods[dir] = m
	}
	l.mu.Unlock()
	return m
}

func relSlash(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

func newTFModule(root, dir string) *tfModule {
	return &tfModule{
		dir:     dir,
		rel:     relSlash(root, dir),
		vars:    map[string]*hclsyntax.Block{},
		locals:  map[string]tfAttr{},
		outputs: map[string]tfAttr{},
	}
}

// parseTFDir reads every regular *.tf file and the variable files of dir.
func parseTFDir(root, dir string) *tfModule {
	m := newTFModule(root, dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		m.errs = append(m.errs, fmt.Errorf("read module %s: %w", m.rel, err))
		return m
	}
	var autoVars []string
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		switch {
		case strings.HasSuffix(name, ".tf"):
			m.parseFile(root, filepath.Join(dir, name))
		case name == "terraform.tfvars" || name == "terraform.tfvars.json":
			m.addVarFile(root, filepath.Join(dir, name))
		case strings.HasSuffix(name, ".auto.tfvars") || strings.HasSuffix(name, ".auto.tfvars.json"):
			autoVars = append(autoVars, name)
		}
	}
	sort.Strings(autoVars)
	for _, n := range autoVars {
		m.addVarFile(root, filepath.Join(dir, n))
	}
	if b, err := readCapped(filepath.Join(dir, ".terraform", "modules", "modules.json")); err == nil {
		m.manifest = parseModuleManifest(b, dir)
	}
	return m
}

func (m *tfModule) parseFile(root, path string) {
	src, err := readCapped(path)
	if err == nil && len(src) > maxConfigSize {
		err = fmt.Errorf("larger than %d MiB", maxConfigSize>>20)
	}
	if err != nil {
		m.errs = append(m.errs, fmt.Errorf("read %s: %w", relSlash(root, path), err))
		return
	}
	m.addHCL(relSlash(root, path), src)
}

// addHCL adds one parsed .tf file to the module.
func (m *tfModule) addHCL(rel string, src []byte) {
	f, err := parseHCL(src, rel)
	if err != nil {
		m.errs = append(m.errs, err)
	}
	if f == nil {
		return
	}
	m.files = append(m.files, f)
	for _, b := range f.body.Blocks {
		switch b.Type {
		case "variable":
			if len(b.Labels) == 1 {
				m.vars[b.Labels[0]] = b
			}
		case "locals":
			for name, a := range b.Body.Attributes {
				m.locals[name] = tfAttr{f, a}
			}
		case "resource":
			if len(b.Labels) == 2 {
				m.resources = append(m.resources, tfBlock{f, b})
			}
		case "data":
			if len(b.Labels) == 2 && checkedDataSources[b.Labels[0]] {
				m.resources = append(m.resources, tfBlock{f, b})
			}
		case "module":
			if len(b.Labels) == 1 {
				m.modules = append(m.modules, tfBlock{f, b})
				if src := literalString(b.Body.Attributes["source"]); isLocalSource(src) {
					m.calls = append(m.calls, filepath.Clean(filepath.Join(m.dir, filepath.FromSlash(src))))
				}
			}
		case "output":
			if len(b.Labels) == 1 {
				if a := b.Body.Attributes["value"]; a != nil {
					m.outputs[b.Labels[0]] = tfAttr{f, a}
				}
			}
		}
	}
}

// checkedDataSources are the data sources whose content checks read: a
// policy document written as HCL is a policy like any other.
var checkedDataSources = map[string]bool{"aws_iam_policy_document": true}

// parseHCL parses one file. It returns the file even when there are
// errors, so that the blocks that did parse are still checked.
func parseHCL(src []byte, rel string) (f *tfFile, err error) {
	if d := nestingDepth(src); d > maxNesting {
		return nil, fmt.Errorf("parse %s: brackets nested %d deep (limit %d)", rel, d, maxNesting)
	}
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("parse %s: parser panic: %v", rel, r)
		}
	}()
	file, diags := hclsyntax.ParseConfig(src, rel, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		err = fmt.Errorf("parse %s", firstDiag(diags))
	}
	if file == nil {
		return nil, err
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil, err
	}
	return &tfFile{rel: rel, src: src, body: body, ignores: parseIgnores(src)}, err
}

func firstDiag(diags hcl.Diagnostics) string {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			return d.Error()
		}
	}
	return diags.Error()
}

func (m *tfModule) addVarFile(root, path string) {
	vals, f, err := readVarFile(path, relSlash(root, path))
	if err != nil {
		m.errs = append(m.errs, err)
	}
	if f != nil {
		m.tfvars = append(m.tfvars, f)
	}
	if vals != nil {
		m.jsonVars = append(m.jsonVars, vals)
	}
}

// readVarFile reads a .tfvars (HCL) or .tfvars.json file into values.
func readVarFile(path, rel string) (map[string]cty.Value, *tfFile, error) {
	src, err := readCapped(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", rel, err)
	}
	vals := map[string]cty.Value{}
	if strings.HasSuffix(path, ".json") {
		file, diags := hcljson.Parse(src, rel)
		if diags.HasErrors() {
			return nil, nil, fmt.Errorf("parse %s", firstDiag(diags))
		}
		attrs, diags := file.Body.JustAttributes()
		if diags.HasErrors() {
			return nil, nil, fmt.Errorf("parse %s", firstDiag(diags))
		}
		for name, a := range attrs {
			if v, d := a.Expr.Value(nil); !d.HasErrors() {
				vals[name] = v
			}
		}
		return vals, nil, nil
	}
	f, err := parseHCL(src, rel)
	if f == nil {
		return nil, nil, err
	}
	ctx := &hcl.EvalContext{Functions: tfFunctions}
	for name, a := range f.body.Attributes {
		if v, d := a.Expr.Value(ctx); !d.HasErrors() {
			vals[name] = v
		}
	}
	return vals, nil, err
}

func literalString(a *hclsyntax.Attribute) string {
	if a == nil {
		return ""
	}
	v, d := a.Expr.Value(nil)
	if d.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../")
}

// parseModuleManifest reads .terraform/modules/modules.json, which
// `terraform init` writes, to find downloaded copies of remote modules.
func parseModuleManifest(b []byte, dir string) map[string]string {
	var mf struct {
		Modules []struct{ Key, Source, Dir string }
	}
	if json.Unmarshal(b, &mf) != nil {
		return nil
	}
	out := map[string]string{}
	for _, e := range mf.Modules {
		if e.Key != "" && e.Dir != "" {
			out[e.Key] = filepath.Join(dir, filepath.FromSlash(e.Dir))
		}
	}
	return out
}

// tfFunctions is the subset of Terraform's functions that needs no state,
// files or network. An unknown function makes an attribute fall back to its
// source text, as any other expression we cannot evaluate does.
var tfFunctions = func() map[string]function.Function {
	fs := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "chomp": stdlib.ChompFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": stdlib.CoalesceFunc,
		"coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc,
		"concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc, "csvdecode": stdlib.CSVDecodeFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"floor": stdlib.FloorFunc, "format": stdlib.FormatFunc, "formatdate": stdlib.FormatDateFunc,
		"formatlist": stdlib.FormatListFunc, "indent": stdlib.IndentFunc, "join": stdlib.JoinFunc,
		"jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc, "keys": stdlib.KeysFunc,
		"length": stdlib.LengthFunc, "log": stdlib.LogFunc, "lookup": stdlib.LookupFunc,
		"lower": stdlib.LowerFunc, "max": stdlib.MaxFunc, "merge": stdlib.MergeFunc, "min": stdlib.MinFunc,
		"parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc, "range": stdlib.RangeFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "replace": stdlib.ReplaceFunc,
		"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc,
		"setunion": stdlib.SetUnionFunc, "signum": stdlib.SignumFunc, "slice": stdlib.SliceFunc,
		"sort": stdlib.SortFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
		"substr": stdlib.SubstrFunc, "timeadd": stdlib.TimeAddFunc, "title": stdlib.TitleFunc,
		"trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "upper": stdlib.UpperFunc, "values": stdlib.ValuesFunc,
		"zipmap":   stdlib.ZipmapFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
	}
	return fs
}()

// tfRun evaluates one root module and its local modules into a document.
type tfRun struct {
	loader   *tfLoader
	doc      *document
	runs     int
	varFiles []map[string]cty.Value
	manifest map[string]string
}

// tfScope is one module instance being evaluated.
type tfScope struct {
	run    *tfRun
	mod    *tfModule
	prefix string // address prefix: "", "module.net.", "module.app[0]."
	key    string // module key in the manifest: "", "net", "net.subnets"
	depth  int

	vars   map[string]cty.Value
	locals map[string]cty.Value
	mods   map[string]cty.Value
	state  map[string]uint8 // "local.x", "module.m": 1 visiting, 2 done
	ph     map[string]*phNode
	ctx    *hcl.EvalContext
	dirty  bool
}

// evalTerraform evaluates the module in dir as a root.
func (l *tfLoader) evalTerraform(m *tfModule, varFiles []map[string]cty.Value) *document {
	run := &tfRun{loader: l, doc: &document{kind: KindTerraform, path: m.rel}, varFiles: varFiles, manifest: m.manifest}
	vals := map[string]cty.Value{}
	for _, vs := range m.jsonVars {
		for k, v := range vs {
			vals[k] = v
		}
	}
	for _, vs := range varFiles {
		for k, v := range vs {
			vals[k] = v
		}
	}
	s := run.newScope(m, "", "", 0, vals)
	s.evaluate()
	return run.doc
}

func (r *tfRun) newScope(m *tfModule, prefix, key string, depth int, given map[string]cty.Value) *tfScope {
	s := &tfScope{
		run: r, mod: m, prefix: prefix, key: key, depth: depth,
		vars: map[string]cty.Value{}, locals: map[string]cty.Value{}, mods: map[string]cty.Value{},
		state: map[string]uint8{},
	}
	for name, b := range m.vars {
		if v, ok := given[name]; ok {
			s.vars[name] = v
			continue
		}
		if a := b.Body.Attributes["default"]; a != nil {
			if v, d := a.Expr.Value(&hcl.EvalContext{Functions: tfFunctions}); !d.HasErrors() && v.IsWhollyKnown() {
				s.vars[name] = v
			}
		}
	}
	s.buildPlaceholders()
	s.dirty = true
	return s
}

// phNode is a placeholder for something that has no value before apply
// (a resource's id, a remote module's output): its traversal as text, so
// that "bucket = aws_s3_bucket.logs.id" reads "aws_s3_bucket.logs.id" and a
// check can tell which bucket is meant.
type phNode struct {
	text     string
	children map[string]*phNode
}

func (n *phNode) value() cty.Value {
	if len(n.children) == 0 {
		return cty.StringVal(n.text)
	}
	m := make(map[string]cty.Value, len(n.children))
	for k, c := range n.children {
		m[k] = c.value()
	}
	return cty.ObjectVal(m)
}

var tfContextRoots = map[string]bool{"var": true, "local": true, "count": true, "each": true, "path": true, "terraform": true, "self": true}

func (s *tfScope) buildPlaceholders() {
	s.ph = map[string]*phNode{}
	add := func(t hcl.Traversal) {
		root := t.RootName()
		if root == "local" || root == "count" || root == "each" || root == "path" || root == "terraform" || root == "self" {
			return
		}
		if root == "var" {
			if len(t) < 2 {
				return
			}
			if a, ok := t[1].(hcl.TraverseAttr); ok {
				if _, set := s.vars[a.Name]; set {
					return
				}
			}
		}
		n := s.ph[root]
		if n == nil {
			n = &phNode{text: root}
			s.ph[root] = n
		}
		for _, step := range t[1:] {
			var key, text string
			switch st := step.(type) {
			case hcl.TraverseAttr:
				key, text = st.Name, n.text+"."+st.Name
			case hcl.TraverseIndex:
				k := st.Key
				if !k.IsKnown() || k.IsNull() {
					return
				}
				switch k.Type() {
				case cty.String:
					key, text = k.AsString(), n.text+"["+strconv.Quote(k.AsString())+"]"
				case cty.Number:
					bf := k.AsBigFloat()
					key = bf.Text('f', -1)
					text = n.text + "[" + key + "]"
				default:
					return
				}
			default:
				return
			}
			if n.children == nil {
				n.children = map[string]*phNode{}
			}
			c := n.children[key]
			if c == nil {
				c = &phNode{text: text}
				n.children[key] = c
			}
			n = c
		}
	}
	walk := func(b *hclsyntax.Body) { walkBodyTraversals(b, add, 0) }
	for _, f := range s.mod.files {
		for _, b := range f.body.Blocks {
			switch b.Type {
			case "resource", "data", "module", "locals", "output":
				walk(b.Body)
			}
		}
	}
}

func walkBodyTraversals(b *hclsyntax.Body, add func(hcl.Traversal), depth int) {
	if depth > 32 {
		return
	}
	for _, a := range b.Attributes {
		for _, t := range a.Expr.Variables() {
			add(t)
		}
	}
	for _, nb := range b.Blocks {
		walkBodyTraversals(nb.Body, add, depth+1)
	}
}

// context returns the evaluation context, rebuilt when values changed.
func (s *tfScope) context() *hcl.EvalContext {
	if !s.dirty && s.ctx != nil {
		return s.ctx
	}
	vars := map[string]cty.Value{}
	for name, n := range s.ph {
		vars[name] = n.value()
	}
	varObj := map[string]cty.Value{}
	if n := s.ph["var"]; n != nil {
		for k, c := range n.children {
			varObj[k] = c.value()
		}
	}
	for k, v := range s.vars {
		varObj[k] = v
	}
	vars["var"] = cty.ObjectVal(varObj)
	vars["local"] = cty.ObjectVal(s.locals)
	modObj := map[string]cty.Value{}
	if n := s.ph["module"]; n != nil {
		for k, c := range n.children {
			modObj[k] = c.value()
		}
	}
	for k, v := range s.mods {
		modObj[k] = v
	}
	vars["module"] = cty.ObjectVal(modObj)
	vars["path"] = cty.ObjectVal(map[string]cty.Value{
		"module": cty.StringVal(s.mod.rel), "root": cty.StringVal(s.run.doc.path), "cwd": cty.StringVal("."),
	})
	vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
	s.ctx = &hcl.EvalContext{Variables: vars, Functions: tfFunctions}
	s.dirty = false
	return s.ctx
}

// ensure evaluates, first, the locals and module outputs expr refers to.
func (s *tfScope) ensure(expr hclsyntax.Expression) {
	for _, t := range expr.Variables() {
		if len(t) < 2 {
			continue
		}
		a, ok := t[1].(hcl.TraverseAttr)
		if !ok {
			continue
		}
		switch t.RootName() {
		case "local":
			s.ensureLocal(a.Name)
		case "module":
			s.ensureModule(a.Name)
		}
	}
}

func (s *tfScope) ensureLocal(name string) {
	key := "local." + name
	if s.state[key] != 0 {
		return
	}
	s.state[key] = 1
	if la, ok := s.mod.locals[name]; ok {
		s.ensure(la.attr.Expr)
		s.locals[name] = s.eval(la.file, la.attr.Expr, s.context())
		s.dirty = true
	}
	s.state[key] = 2
}

// eval evaluates an expression, falling back to its source text when it
// cannot be known before apply.
func (s *tfScope) eval(f *tfFile, expr hclsyntax.Expression, ctx *hcl.EvalContext) cty.Value {
	v, ok := tryEval(expr, ctx)
	if ok {
		return v
	}
	return cty.StringVal(sourceText(f, expr))
}

func tryEval(expr hclsyntax.Expression, ctx *hcl.EvalContext) (v cty.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal || !v.IsWhollyKnown() {
		return cty.NilVal, false
	}
	v, _ = v.UnmarkDeep()
	return v, true
}

func sourceText(f *tfFile, expr hclsyntax.Expression) string {
	r := expr.Range()
	if f == nil || r.Start.Byte < 0 || r.End.Byte > len(f.src) || r.Start.Byte > r.End.Byte {
		return ""
	}
	t := strings.TrimSpace(string(f.src[r.Start.Byte:r.End.Byte]))
	if _, ok := expr.(*hclsyntax.TemplateExpr); ok && len(t) >= 2 && t[0] == '"' && t[len(t)-1] == '"' {
		t = t[1 : len(t)-1]
	}
	if len(t) > maxTFFallbackLength {
		t = t[:maxTFFallbackLength]
	}
	return t
}

// evaluate runs the whole module: module calls, then resources.
func (s *tfScope) evaluate() {
	for _, mb := range s.mod.modules {
		s.ensureModule(mb.block.Labels[0])
	}
	for _, rb := range s.mod.resources {
		s.resource(rb)
	}
}

// outputs evaluates the module's outputs into an object value.
func (s *tfScope) outputs() cty.Value {
	out := map[string]cty.Value{}
	for name, oa := range s.mod.outputs {
		s.ensure(oa.attr.Expr)
		out[name] = s.eval(oa.file, oa.attr.Expr, s.context())
	}
	return cty.ObjectVal(out)
}

var moduleMeta = map[string]bool{"source": true, "version": true, "providers": true, "count": true, "for_each": true, "depends_on": true}

func (s *tfScope) ensureModule(name string) {
	key := "module." + name
	if s.state[key] != 0 {
		return
	}
	s.state[key] = 1
	defer func() { s.state[key] = 2 }()
	var mb *tfBlock
	for i := range s.mod.modules {
		if s.mod.modules[i].block.Labels[0] == name {
			mb = &s.mod.modules[i]
			break
		}
	}
	if mb == nil || s.depth >= maxTFModuleDepth {
		return
	}
	dir := s.moduleDir(mb, name)
	if dir == "" {
		return
	}
	child := s.run.loader.load(dir)
	if len(child.files) == 0 {
		return
	}
	childKey := name
	if s.key != "" {
		childKey = s.key + "." + name
	}
	body := mb.block.Body
	for _, a := range body.Attributes {
		s.ensure(a.Expr)
	}
	inst := s.instances(mb.file, body)
	vals := make([]cty.Value, 0, len(inst))
	objs := map[string]cty.Value{}
	for _, in := range inst {
		if s.run.runs >= maxTFModuleRuns {
			break
		}
		s.run.runs++
		ctx := in.ctx
		given := map[string]cty.Value{}
		for an, a := range body.Attributes {
			if moduleMeta[an] {
				continue
			}
			given[an] = s.eval(mb.file, a.Expr, ctx)
		}
		cs := s.run.newScope(child, s.prefix+"module."+name+in.suffix+".", childKey, s.depth+1, given)
		cs.evaluate()
		out := cs.outputs()
		vals = append(vals, out)
		if in.key != "" {
			objs[in.key] = out
		}
	}
	switch {
	case len(objs) > 0:
		s.mods[name] = cty.ObjectVal(objs)
	case len(vals) == 1 && body.Attributes["count"] == nil:
		s.mods[name] = vals[0]
	case len(vals) > 0:
		s.mods[name] = cty.TupleVal(vals)
	default:
		return
	}
	s.dirty = true
}

// moduleDir finds a module call's directory: a local path inside the scan
// root, or a copy `terraform init` downloaded. Nothing is ever fetched.
func (s *tfScope) moduleDir(mb *tfBlock, name string) string {
	src := literalString(mb.block.Body.Attributes["source"])
	var dir string
	switch {
	case isLocalSource(src):
		dir = filepath.Clean(filepath.Join(s.mod.dir, filepath.FromSlash(src)))
	case s.run.manifest != nil:
		key := name
		if s.key != "" {
			key = s.key + "." + name
		}
		dir = s.run.manifest[key]
	}
	if dir == "" || !within(s.run.loader.root, dir) {
		return ""
	}
	return dir
}

// within reports whether p is root or under it, after resolving symbolic
// links, so that a module source cannot lead a scan out of its root.
func within(root, p string) bool {
	rr, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	pp, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(rr, pp)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(rel)
}

type tfInstance struct {
	suffix string // "", "[0]", `["a"]`
	key    string // for_each key
	ctx    *hcl.EvalContext
}

// instances expands count and for_each. When they cannot be known, one
// instance stands for all, with count.index and each unknown.
func (s *tfScope) instances(f *tfFile, body *hclsyntax.Body) []tfInstance {
	base := s.context()
	if a := body.Attributes["count"]; a != nil {
		s.ensure(a.Expr)
		base = s.context()
		v, ok := tryEval(a.Expr, base)
		if ok && v.Type() == cty.Number && !v.IsNull() {
			n, _ := v.AsBigFloat().Int64()
			if n > maxTFInstances {
				n = maxTFInstances
			}
			out := make([]tfInstance, 0, n)
			for i := int64(0); i < n; i++ {
				c := base.NewChild()
				c.Variables = map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})}
				out = append(out, tfInstance{suffix: "[" + strconv.FormatInt(i, 10) + "]", ctx: c})
			}
			return out
		}
		c := base.NewChild()
		c.Variables = map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})}
		return []tfInstance{{ctx: c}}
	}
	if a := body.Attributes["for_each"]; a != nil {
		s.ensure(a.Expr)
		base = s.context()
		v, ok := tryEval(a.Expr, base)
		if ok && !v.IsNull() && (v.CanIterateElements()) {
			var out []tfInstance
			isSet := v.Type().IsSetType() || v.Type().IsListType() || v.Type().IsTupleType()
			for it := v.ElementIterator(); it.Next() && len(out) < maxTFInstances; {
				k, ev := it.Element()
				if isSet {
					k = ev
				}
				if k.Type() != cty.String {
					if kk, err := convertToString(k); err == nil {
						k = kk
					} else {
						continue
					}
				}
				ks := k.AsString()
				c := base.NewChild()
				c.Variables = map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev})}
				out = append(out, tfInstance{suffix: "[" + strconv.Quote(ks) + "]", key: ks, ctx: c})
			}
			return out
		}
		c := base.NewChild()
		c.Variables = map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})}
		return []tfInstance{{ctx: c}}
	}
	return []tfInstance{{ctx: base}}
}

func convertToString(v cty.Value) (cty.Value, error) {
	if !v.IsKnown() || v.IsNull() {
		return cty.NilVal, fmt.Errorf("unknown")
	}
	switch v.Type() {
	case cty.Number:
		return cty.StringVal(v.AsBigFloat().Text('f', -1)), nil
	case cty.Bool:
		return cty.StringVal(strconv.FormatBool(v.True())), nil
	}
	return cty.NilVal, fmt.Errorf("not a string")
}

var resourceMetaAttrs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}
var resourceMetaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

// resource evaluates one resource or data block into document resources.
func (s *tfScope) resource(rb tfBlock) {
	b := rb.block
	typ, name := b.Labels[0], b.Labels[1]
	addr := s.prefix + typ + "." + name
	if b.Type == "data" {
		addr = s.prefix + "data." + typ + "." + name
	}
	for _, a := range b.Body.Attributes {
		s.ensure(a.Expr)
	}
	walkBlockExprs(b.Body, s.ensure, 0)
	for _, in := range s.instances(rb.file, b.Body) {
		lines := lineMap{}
		attrs := s.body(rb.file, b.Body, in.ctx, "", lines, true, 0)
		r := &resource{
			typ: typ, name: name, address: addr + in.suffix, attrs: attrs,
			path: rb.file.rel, line: b.TypeRange.Start.Line, endLine: b.Body.SrcRange.End.Line,
			ignores: rb.file.ignores,
		}
		r.locate = func(p []any) (int, int, bool) { return lines.lookup(p) }
		s.run.doc.add(r)
	}
}

func walkBlockExprs(b *hclsyntax.Body, fn func(hclsyntax.Expression), depth int) {
	if depth > 32 {
		return
	}
	for _, nb := range b.Blocks {
		for _, a := range nb.Body.Attributes {
			fn(a.Expr)
		}
		walkBlockExprs(nb.Body, fn, depth+1)
	}
}

// body converts a block body into attributes: arguments by name, nested
// blocks as lists of objects (as in plan JSON), dynamic blocks expanded.
func (s *tfScope) body(f *tfFile, b *hclsyntax.Body, ctx *hcl.EvalContext, prefix string, lines lineMap, top bool, depth int) map[string]any {
	out := make(map[string]any, len(b.Attributes)+len(b.Blocks))
	if depth > 32 {
		return out
	}
	for name, a := range b.Attributes {
		if top && resourceMetaAttrs[name] {
			continue
		}
		v := ctyToGo(s.eval(f, a.Expr, ctx), 0)
		if v == nil {
			continue // null is how Terraform says "not set"
		}
		out[name] = v
		lines[prefix+name] = [2]int{a.SrcRange.Start.Line, a.SrcRange.End.Line}
	}
	for _, nb := range b.Blocks {
		if top && resourceMetaBlocks[nb.Type] {
			continue
		}
		if nb.Type == "dynamic" && len(nb.Labels) == 1 {
			s.dynamic(f, nb, ctx, prefix, lines, out, depth)
			continue
		}
		list, _ := out[nb.Type].([]any)
		key := prefix + nb.Type + "." + strconv.Itoa(len(list))
		rng := [2]int{nb.TypeRange.Start.Line, nb.Body.SrcRange.End.Line}
		lines[key] = rng
		if len(list) == 0 {
			lines[prefix+nb.Type] = rng
		}
		out[nb.Type] = append(list, s.body(f, nb.Body, ctx, key+".", lines, false, depth+1))
	}
	return out
}

func (s *tfScope) dynamic(f *tfFile, nb *hclsyntax.Block, ctx *hcl.EvalContext, prefix string, lines lineMap, out map[string]any, depth int) {
	name := nb.Labels[0]
	iter := name
	if a := nb.Body.Attributes["iterator"]; a != nil {
		if t, d := hcl.AbsTraversalForExpr(a.Expr); !d.HasErrors() && len(t) == 1 {
			iter = t.RootName()
		}
	}
	var content *hclsyntax.Block
	for _, cb := range nb.Body.Blocks {
		if cb.Type == "content" {
			content = cb
		}
	}
	if content == nil {
		return
	}
	rng := [2]int{nb.TypeRange.Start.Line, nb.Body.SrcRange.End.Line}
	emit := func(c *hcl.EvalContext) {
		list, _ := out[name].([]any)
		key := prefix + name + "." + strconv.Itoa(len(list))
		lines[key] = rng
		if len(list) == 0 {
			if _, ok := lines[prefix+name]; !ok {
				lines[prefix+name] = rng
			}
		}
		out[name] = append(list, s.body(f, content.Body, c, key+".", lines, false, depth+1))
	}
	fe := nb.Body.Attributes["for_each"]
	var v cty.Value
	ok := false
	if fe != nil {
		v, ok = tryEval(fe.Expr, ctx)
	}
	if !ok || v.IsNull() || !v.CanIterateElements() {
		c := ctx.NewChild()
		c.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": cty.DynamicVal, "value": cty.DynamicVal})}
		emit(c)
		return
	}
	n := 0
	for it := v.ElementIterator(); it.Next() && n < maxTFInstances; n++ {
		k, ev := it.Element()
		c := ctx.NewChild()
		c.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{"key": k, "value": ev})}
		emit(c)
	}
}

// ctyToGo converts a known value to plain Go values for Rego.
func ctyToGo(v cty.Value, depth int) any {
	if v == cty.NilVal || v.IsNull() || depth > 64 {
		return nil
	}
	if v.IsMarked() {
		v, _ = v.Unmark()
	}
	if !v.IsKnown() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return v.AsString()
	case t == cty.Bool:
		return v.True()
	case t == cty.Number:
		return bigToNumber(v.AsBigFloat())
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, ctyToGo(e, depth+1))
		}
		return out
	case t.IsMapType() || t.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = ctyToGo(e, depth+1)
		}
		return out
	}
	return nil
}

func bigToNumber(f *big.Float) json.Number {
	if f.IsInt() {
		if i, acc := f.Int64(); acc == big.Exact {
			return json.Number(strconv.FormatInt(i, 10))
		}
	}
	if f.IsInf() {
		return json.Number("0")
	}
	return json.Number(f.Text('g', 17))
}
