package sbom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Decode reads an SBOM — CycloneDX JSON or XML (1.x; 1.2 to 1.7 are
// tested), SPDX 2.2 or 2.3 JSON, SPDX 2.1 to 2.3 tag-value (parsed by
// tools-golang) — into an inventory whose target is the SBOM
// itself: Kind sbom, Name name (the file name the user gave), Digest
// the SHA-256 of its bytes. Input beyond MaxSize is refused.
//
// Every component with a purl becomes a package with the ecosystem,
// name and version the purl gives (an OS package's epoch qualifier is
// put back in front of its version); components without one are kept
// with the ecosystem "" and their own name and version. Nested
// components are flattened; operating-system components become the
// inventory's Distro; the document's subject, files, and the grouping
// nodes some tools add (Trivy's per-lockfile "application" components)
// are not packages. Locations come from vouch's own properties, syft's
// and Trivy's location properties, CycloneDX evidence occurrences, SPDX
// sourceInfo and package-to-file relationships; a package without any
// is located in the SBOM file itself. The dependency graph becomes
// DependsOn, and the subject's direct dependencies are marked direct.
//
// Malformed input is an error that names the file, the format and, for
// JSON, the line and column.
func Decode(ctx context.Context, r io.Reader, name string) (*vouch.Inventory, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("read sbom %s: %w", name, err)
	}
	if int64(len(data)) > maxSize {
		return nil, vouch.Input(fmt.Errorf("sbom %s: larger than %d bytes", name, maxSize), "split the SBOM or scan the artifact it describes")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	format, ok := Sniff(data[:min(len(data), sniffSize)])
	if !ok {
		format, ok = Sniff(data)
	}
	if !ok {
		return nil, vouch.Input(fmt.Errorf("sbom %s: %w", name, ErrUnknownFormat),
			"vouch reads CycloneDX JSON or XML and SPDX 2.2/2.3 JSON or tag-value")
	}
	b := newBuilder(name)
	switch format {
	case CycloneDXJSON:
		err = decodeCycloneDXJSON(data, b)
	case CycloneDXXML:
		err = decodeCycloneDXXML(data, b)
	case SPDXJSON:
		err = decodeSPDXJSON(data, b)
	case SPDXTagValue:
		err = decodeSPDXTagValue(data, b)
	}
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("sbom %s: %s: %w", name, format, err), "")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	inv := b.finish()
	inv.Target = vouch.Target{Kind: vouch.TargetSBOM, Name: name, Digest: vouch.SHA256Bytes(data)}
	inv.Sources = []string{name}
	return inv, nil
}

// readAll reads up to maxSize+1 bytes, in one allocation when r says
// how large it is (bytes.Reader, strings.Reader, os.File).
func readAll(r io.Reader) ([]byte, error) {
	size := int64(-1)
	switch s := r.(type) {
	case interface{ Size() int64 }:
		size = s.Size()
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := s.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	lr := io.LimitReader(r, maxSize+1)
	if size < 0 || size > maxSize {
		return io.ReadAll(lr)
	}
	var buf bytes.Buffer
	buf.Grow(int(size) + 1) // +1: ReadFrom needs room to see EOF
	_, err := buf.ReadFrom(lr)
	return buf.Bytes(), err
}

// jsonError rewrites encoding/json's errors with a line and column.
func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset-1) // Offset counts the bytes read, the bad one included
		return fmt.Errorf("line %d, column %d: %w", line, col, err)
	case errors.As(err, &typ):
		line, col := lineCol(data, typ.Offset-1)
		return fmt.Errorf("line %d, column %d: %s: want %s, got %s", line, col, typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("unexpected end of input")
	}
	return err
}

func lineCol(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

type nodeKind uint8

const (
	kindPackage nodeKind = iota
	kindOS               // an operating-system component: the inventory's Distro
	kindFile             // a file, not a package
	kindGroup            // a tool's grouping node (Trivy's per-target "application")
	kindSkip             // anything else that is not a package
)

// node is one component (CycloneDX) or package (SPDX) before it becomes
// a vouch.Package.
type node struct {
	ref         string
	kind        nodeKind
	name        string
	version     string
	purl        string
	description string
	licenses    []string
	hashes      []vouch.Hash
	locs        []vouch.Location // where the document says the package is
	layer       string           // a layer the document names without a path
	app         bool             // CycloneDX type or SPDX purpose "application"
	scope       vouch.Scope
	rel         vouch.Relationship
	distro      string
	srcName     string
	srcVersion  string
	commit      string
	meta        map[string]string
}

type edgeKind uint8

const (
	edgeDepends  edgeKind = iota // from depends on to
	edgeContains                 // from contains to
	edgeEvident                  // from (a package) is evident by to (a file)
	edgeScope                    // to is a dependency of from (the subject) in scope
)

type edge struct {
	from, to string
	kind     edgeKind
	scope    vouch.Scope // edgeScope, and edgeDepends read from a scoped SPDX relationship
}

// builder collects what a decoder read and turns it into an inventory.
type builder struct {
	name   string
	nodes  []node
	index  map[string]int // ref → first node with it
	edges  []edge
	roots  map[string]bool
	files  map[string]string // SPDX file id → file name
	distro *vouch.Distro
}

func newBuilder(name string) *builder {
	return &builder{name: name, index: map[string]int{}, roots: map[string]bool{}, files: map[string]string{}}
}

func (b *builder) add(n node) {
	if n.kind == kindOS && b.distro == nil {
		b.distro = &vouch.Distro{ID: strings.ToLower(n.name), VersionID: n.version, Name: n.description, Codename: n.meta[propCodename]}
	}
	if n.ref != "" {
		if _, ok := b.index[n.ref]; !ok {
			b.index[n.ref] = len(b.nodes)
		}
	}
	b.nodes = append(b.nodes, n)
}

func (b *builder) node(ref string) *node {
	if i, ok := b.index[ref]; ok {
		return &b.nodes[i]
	}
	return nil
}

func (b *builder) isPackage(ref string) bool {
	n := b.node(ref)
	return n != nil && n.kind == kindPackage && !b.roots[ref]
}

func (b *builder) finish() *vouch.Inventory {
	// An application with neither purl nor version that groups packages
	// is a tool's grouping node (Trivy's per-lockfile "application"),
	// not a package.
	groups := map[string]bool{}
	for _, e := range b.edges {
		if (e.kind == edgeDepends || e.kind == edgeContains) && e.from != e.to && b.isPackage(e.to) {
			if n := b.node(e.from); n != nil && n.kind == kindPackage && n.app && n.purl == "" && n.version == "" && !b.roots[n.ref] {
				groups[e.from] = true
			}
		}
	}
	for ref := range groups {
		b.node(ref).kind = kindGroup
	}

	deps := map[string][]string{}
	fileLocs := map[string][]vouch.Location{}
	groupLocs := map[string][]vouch.Location{}
	for _, e := range b.edges {
		if e.from == e.to {
			continue
		}
		to := b.node(e.to)
		if to == nil {
			continue
		}
		// The subject need not be a node: CycloneDX's metadata.component
		// is not among the components.
		from := b.node(e.from)
		if from == nil && !b.roots[e.from] {
			continue
		}
		switch e.kind {
		case edgeDepends, edgeContains:
			switch {
			case b.roots[e.from]:
				if !b.isPackage(e.to) {
					break
				}
				// A scoped "dependency of" towards the subject says the
				// scope, not that the dependency is direct.
				if e.kind == edgeDepends && e.scope == vouch.ScopeRuntime && to.rel == vouch.RelationshipUnknown {
					to.rel = vouch.RelationshipDirect
				}
			case from.kind == kindGroup && b.isPackage(e.to):
				if looksLikePath(from.name) {
					groupLocs[e.to] = append(groupLocs[e.to], vouch.Location{Path: from.name})
				}
			case b.isPackage(e.from) && to.kind == kindFile:
				fileLocs[e.from] = append(fileLocs[e.from], vouch.Location{Path: b.files[e.to]})
			case e.kind == edgeDepends && b.isPackage(e.from) && b.isPackage(e.to):
				deps[e.from] = append(deps[e.from], e.to)
			}
		case edgeEvident:
			if b.isPackage(e.from) && to.kind == kindFile {
				fileLocs[e.from] = append(fileLocs[e.from], vouch.Location{Path: b.files[e.to]})
			}
		case edgeScope:
			if b.roots[e.from] && b.isPackage(e.to) && to.scope == vouch.ScopeRuntime {
				to.scope = e.scope
			}
		}
	}

	inv := &vouch.Inventory{Distro: b.distro}
	pkgs := make([]vouch.Package, 0, len(b.nodes))
	keys := make(map[string]string, len(b.nodes)) // ref → package key
	first := make(map[string]int, len(b.nodes))   // ref → index in pkgs
	for i := range b.nodes {
		n := &b.nodes[i]
		if n.kind != kindPackage || b.roots[n.ref] {
			continue
		}
		p := b.pkg(n)
		if len(p.Locations) == 0 {
			p.Locations = fileLocs[n.ref]
		}
		if len(p.Locations) == 0 {
			p.Locations = groupLocs[n.ref]
		}
		if len(p.Locations) == 0 {
			p.Locations = []vouch.Location{{Path: b.name, Layer: n.layer}}
		}
		if n.ref != "" {
			if _, ok := first[n.ref]; !ok {
				first[n.ref] = len(pkgs)
				keys[n.ref] = p.Key()
			}
		}
		pkgs = append(pkgs, p)
	}
	for ref, ds := range deps {
		i, ok := first[ref]
		if !ok {
			continue
		}
		for _, d := range ds {
			if k, ok := keys[d]; ok && k != pkgs[i].Key() {
				pkgs[i].DependsOn = append(pkgs[i].DependsOn, k)
			}
		}
	}
	pkgs = mergeDuplicates(pkgs)
	for i := range pkgs {
		pkgs[i].DependsOn = sortedUnique(pkgs[i].DependsOn, "")
	}
	inv.Packages = vouch.Merge(pkgs)
	return inv
}

// mergeDuplicates folds packages with the same key as vouch.Merge does —
// every location, the widest scope, direct over indirect, hashes,
// licences and dependencies without repeats, the first metadata — but in
// linear time: Merge compares the lists of a key's duplicates pairwise,
// which an SBOM that repeats one purl thousands of times would turn
// into minutes. What it returns has unique keys, which Merge then only
// sorts.
func mergeDuplicates(pkgs []vouch.Package) []vouch.Package {
	type seen struct {
		hashes     map[vouch.Hash]bool
		lics, deps map[string]bool
	}
	set := func(ss []string) map[string]bool {
		m := make(map[string]bool, len(ss))
		for _, s := range ss {
			m[s] = true
		}
		return m
	}
	index := make(map[string]int, len(pkgs))
	sets := map[int]*seen{}
	out := pkgs[:0]
	for i := range pkgs {
		p := pkgs[i]
		k := p.Key()
		j, ok := index[k]
		if !ok {
			index[k] = len(out)
			out = append(out, p)
			continue
		}
		q := &out[j]
		s := sets[j]
		if s == nil {
			s = &seen{hashes: map[vouch.Hash]bool{}, lics: set(q.Licenses), deps: set(q.DependsOn)}
			for _, h := range q.Hashes {
				s.hashes[h] = true
			}
			sets[j] = s
		}
		q.Locations = append(q.Locations, p.Locations...)
		if p.Scope == vouch.ScopeRuntime {
			q.Scope = vouch.ScopeRuntime
		}
		if p.Relationship == vouch.RelationshipDirect || q.Relationship == vouch.RelationshipUnknown {
			q.Relationship = p.Relationship
		}
		for _, h := range p.Hashes {
			if !s.hashes[h] {
				s.hashes[h] = true
				q.Hashes = append(q.Hashes, h)
			}
		}
		for _, l := range p.Licenses {
			if !s.lics[l] {
				s.lics[l] = true
				q.Licenses = append(q.Licenses, l)
			}
		}
		for _, d := range p.DependsOn {
			if !s.deps[d] {
				s.deps[d] = true
				q.DependsOn = append(q.DependsOn, d)
			}
		}
		for mk, mv := range p.Metadata {
			if _, ok := q.Metadata[mk]; !ok {
				if q.Metadata == nil {
					q.Metadata = map[string]string{}
				}
				q.Metadata[mk] = mv
			}
		}
	}
	clear(pkgs[len(out):])
	return out
}

// looksLikePath reports whether a grouping node's name can serve as a
// location (Trivy names lockfile groups after the file).
func looksLikePath(s string) bool {
	return s != "" && strings.ContainsAny(s, "/.") && !strings.ContainsAny(s, " \t\n")
}

// pkg turns a node into a package, reading identity from its purl.
func (b *builder) pkg(n *node) vouch.Package {
	p := vouch.Package{
		Name:          n.name,
		Version:       n.version,
		Scope:         n.scope,
		Relationship:  n.rel,
		Licenses:      n.licenses,
		Hashes:        n.hashes,
		Distro:        n.distro,
		SourceName:    n.srcName,
		SourceVersion: n.srcVersion,
		Commit:        n.commit,
		Metadata:      n.meta,
	}
	for _, l := range n.locs {
		if l.Layer == "" {
			l.Layer = n.layer
		}
		p.Locations = append(p.Locations, l)
	}
	if n.purl == "" {
		return p
	}
	parsed, err := purl.Parse(n.purl)
	if err != nil {
		// A purl that does not parse identifies nothing: keep the
		// component under its own name, as one without a purl.
		return p
	}
	p.PURL = n.purl
	p.Ecosystem = parsed.Ecosystem
	if parsed.Name != "" {
		p.Name = parsed.Name
	}
	if v := parsed.Version; v != "" {
		if isOSEcosystem(p.Ecosystem) {
			if e := parsed.Qualifiers["epoch"]; e != "" && e != "0" && !strings.Contains(v, ":") {
				v = e + ":" + v
			}
		}
		if n.version != "" && strings.HasSuffix(n.version, ":"+v) {
			v = n.version // the component's version carries the epoch the purl leaves out
		}
		p.Version = v
	}
	if isOSEcosystem(p.Ecosystem) {
		if p.Distro == "" {
			p.Distro = distroFromPURL(p.PURL, parsed.Qualifiers["distro"])
		}
		if p.SourceName == "" {
			if up := parsed.Qualifiers["upstream"]; up != "" {
				name, _, _ := strings.Cut(up, "@")
				p.SourceName = strings.TrimSpace(name)
			}
		}
	}
	if p.SourceVersion == p.Version {
		p.SourceVersion = ""
	}
	if p.SourceName == p.Name {
		p.SourceName = ""
	}
	return p
}

func isOSEcosystem(e vouch.Ecosystem) bool {
	switch e {
	case vouch.EcosystemDebian, vouch.EcosystemUbuntu, vouch.EcosystemAlpine, vouch.EcosystemRedHat,
		vouch.EcosystemRocky, vouch.EcosystemAlma, vouch.EcosystemSUSE, vouch.EcosystemOpenSUSE:
		return true
	}
	return false
}

// distroFromPURL turns a purl's distro qualifier ("debian-12",
// "3.15.0") into vouch's "id:version" form, taking the id from the purl
// namespace when the qualifier has none.
func distroFromPURL(p, q string) string {
	if q == "" {
		return ""
	}
	ns := ""
	if rest, ok := strings.CutPrefix(p, "pkg:"); ok {
		if _, after, ok := strings.Cut(rest, "/"); ok {
			if i := strings.IndexByte(after, '/'); i > 0 {
				ns = strings.ToLower(after[:i])
			}
		}
	}
	if id, ver, ok := strings.Cut(q, "-"); ok && id != "" && (ns == "" || strings.EqualFold(id, ns) || !startsWithDigit(id)) {
		return strings.ToLower(id) + ":" + ver
	}
	if ns != "" {
		return ns + ":" + q
	}
	return q
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// props reads the component properties vouch, syft and Trivy write.
type props struct {
	n          *node
	vouchLocs  []vouch.Location
	syftPaths  map[string]string // location index → path
	syftLayers map[string]string // location index → layer
	trivyPath  string
	trivyLayer string // LayerDigest
	trivyDiff  string // LayerDiffID, when there is no digest
	trivySrcV  string
	trivySrcE  string
	group      bool // Trivy's Class property: a grouping node
}

func (pr *props) add(name, value string) {
	n := pr.n
	switch {
	case name == propLocation:
		pr.vouchLocs = append(pr.vouchLocs, parseLocation(value))
	case name == propLayer:
		if len(pr.vouchLocs) > 0 {
			pr.vouchLocs[len(pr.vouchLocs)-1].Layer = value
		}
	case name == propScope:
		n.scope = vouch.Scope(value)
	case name == propRelationship:
		n.rel = vouch.Relationship(value)
	case name == propDistro:
		n.distro = value
	case name == propSourceName:
		n.srcName = value
	case name == propSourceVersion:
		n.srcVersion = value
	case name == propCommit:
		n.commit = value
	case name == propCodename:
		if n.meta == nil {
			n.meta = map[string]string{}
		}
		n.meta[propCodename] = value
	case strings.HasPrefix(name, propMetadata):
		if n.meta == nil {
			n.meta = map[string]string{}
		}
		n.meta[name[len(propMetadata):]] = value
	case strings.HasPrefix(name, "syft:location:"):
		idx, field, ok := strings.Cut(name[len("syft:location:"):], ":")
		if !ok {
			return
		}
		switch field {
		case "path":
			if pr.syftPaths == nil {
				pr.syftPaths = map[string]string{}
			}
			pr.syftPaths[idx] = value
		case "layerID":
			if pr.syftLayers == nil {
				pr.syftLayers = map[string]string{}
			}
			pr.syftLayers[idx] = value
		}
	case strings.HasPrefix(name, "aquasecurity:trivy:"):
		pr.trivy(name[len("aquasecurity:trivy:"):], value)
	}
}

// trivy reads one of Trivy's properties (or, in SPDX, an annotation or
// attribution text "Name: value").
func (pr *props) trivy(name, value string) {
	switch name {
	case "FilePath":
		pr.trivyPath = value
	case "LayerDigest":
		pr.trivyLayer = value
	case "LayerDiffID":
		pr.trivyDiff = value
	case "SrcName":
		pr.n.srcName = value
	case "SrcVersion":
		pr.trivySrcV = value
	case "SrcEpoch":
		pr.trivySrcE = value
	case "Class":
		pr.group = true
	}
}

// done settles the node's locations: vouch's own if present, else
// syft's, else Trivy's.
func (pr *props) done() {
	n := pr.n
	layer := pr.trivyLayer
	if layer == "" {
		layer = pr.trivyDiff
	}
	switch {
	case len(pr.vouchLocs) > 0:
		n.locs = pr.vouchLocs
	case len(pr.syftPaths) > 0:
		for idx, path := range pr.syftPaths {
			n.locs = append(n.locs, vouch.Location{Path: path, Layer: pr.syftLayers[idx]})
		}
		vouch.SortLocations(n.locs)
	case pr.trivyPath != "":
		n.locs = []vouch.Location{{Path: pr.trivyPath, Layer: layer}}
	}
	n.layer = layer
	if pr.trivySrcV != "" && n.srcVersion == "" {
		n.srcVersion = pr.trivySrcV
		if pr.trivySrcE != "" && pr.trivySrcE != "0" {
			n.srcVersion = pr.trivySrcE + ":" + pr.trivySrcV
		}
	}
	if pr.group && n.purl == "" && n.kind == kindPackage {
		n.kind = kindGroup
	}
}
