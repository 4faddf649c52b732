package sbom

import (
	"cmp"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Property names vouch writes on CycloneDX components (and reads back).
const (
	propLocation      = "vouch:location" // "path[:line]", one per location
	propLayer         = "vouch:layer"    // layer digest of the vouch:location before it
	propScope         = "vouch:scope"
	propRelationship  = "vouch:relationship"
	propDistro        = "vouch:distro"
	propSourceName    = "vouch:source-name"
	propSourceVersion = "vouch:source-version"
	propCommit        = "vouch:commit"
	propMetadata      = "vouch:metadata:" // + Metadata key
	propReachable     = "vouch:reachable"
	propSuppressedBy  = "vouch:suppressed-by"
	propSuppressUntil = "vouch:suppressed-until"
	propPlatform      = "vouch:platform"
	propCodename      = "vouch:codename" // on the operating-system component
)

// targetRef is the bom-ref (and, with a prefix, the SPDXID) of the
// document's subject. Package refs are purls ("pkg:…") or keys with a
// "/" in them, so it cannot clash.
const targetRef = "target"

// EncodeCycloneDX writes inv as a CycloneDX 1.6 JSON BOM.
func EncodeCycloneDX(w io.Writer, inv *vouch.Inventory, opts EncodeOptions) error {
	used := make(map[string]bool, len(inv.Packages)+2)
	used[targetRef] = true
	osRef := ""
	if inv.Distro != nil {
		osRef = "os:" + inv.Distro.ID + "@" + inv.Distro.VersionID
		used[osRef] = true
	}
	o := orderPackages(inv, (*vouch.Package).Key, used, "#")
	e := cdxEncoder{j: newJSONWriter(w, opts.Deterministic), o: o, licenses: map[string][]license{}}
	j := e.j

	j.open('{')
	j.str("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json")
	j.str("bomFormat", "CycloneDX")
	j.str("specVersion", "1.6")
	j.int("version", 1)
	e.metadata(inv, opts)

	j.openArray("components")
	if inv.Distro != nil {
		d := inv.Distro
		j.objectElem()
		j.str("type", "operating-system")
		j.str("bom-ref", osRef)
		j.str("name", d.ID)
		j.strOpt("version", d.VersionID)
		j.strOpt("description", d.Name)
		if d.Codename != "" {
			j.openArray("properties")
			j.property(propCodename, d.Codename)
			j.close(']')
		}
		j.close('}')
	}
	for i, p := range o.pkgs {
		e.component(p, o.refs[i])
	}
	j.close(']')

	e.dependencies()
	e.vulnerabilities(opts.Findings)

	j.key("serialNumber")
	j.buf = appendJSONString(j.buf, "urn:uuid:"+j.contentUUID())
	j.close('}')
	return j.finish()
}

type cdxEncoder struct {
	j        *jsonWriter
	o        *ordered
	licenses map[string][]license // Package.Licenses joined → classified, cached
	scratch  []string
	locs     []vouch.Location
}

func (e *cdxEncoder) metadata(inv *vouch.Inventory, opts EncodeOptions) {
	j := e.j
	j.openObject("metadata")
	j.str("timestamp", timestamp(documentTime(opts)))
	name, version := opts.tool()
	j.openObject("tools")
	j.openArray("components")
	j.objectElem()
	j.str("type", "application")
	j.str("name", name)
	j.strOpt("version", version)
	j.close('}')
	j.close(']')
	j.close('}')

	t := inv.Target
	j.openObject("component")
	typ := "application"
	if t.Kind == vouch.TargetImage {
		typ = "container"
	}
	j.str("type", typ)
	j.str("bom-ref", targetRef)
	j.str("name", targetName(t))
	if !t.Digest.IsZero() {
		j.str("version", t.Digest.String())
		if alg, ok := cdxHashAlg(t.Digest.Algorithm); ok && validHexDigest(t.Digest.Hex) {
			j.openArray("hashes")
			j.objectElem()
			j.str("alg", alg)
			j.str("content", t.Digest.Hex)
			j.close('}')
			j.close(']')
		}
	}
	if t.Kind != "" || t.Platform != "" {
		j.openArray("properties")
		if t.Kind != "" {
			j.property("vouch:target-kind", string(t.Kind))
		}
		if t.Platform != "" {
			j.property(propPlatform, t.Platform)
		}
		j.close(']')
	}
	j.close('}')
	j.close('}')
}

func (e *cdxEncoder) component(p *vouch.Package, ref string) {
	j := e.j
	j.objectElem()
	j.str("type", "library")
	j.str("bom-ref", ref)
	group, name := splitGroup(p.Ecosystem, p.Name)
	j.strOpt("group", group)
	j.str("name", name)
	j.strOpt("version", p.Version)
	j.strOpt("scope", cdxScope(p.Scope))

	first := true
	for _, h := range p.Hashes {
		alg, ok := cdxHashAlg(h.Algorithm)
		if !ok {
			continue
		}
		content, ok := hexHash(h.Value)
		if !ok {
			continue
		}
		if first {
			j.openArray("hashes")
			first = false
		}
		j.flatObjectElem()
		j.str("alg", alg)
		j.str("content", content)
		j.close('}')
	}
	if !first {
		j.close(']')
	}

	e.writeLicenses(p.Licenses)
	j.strOpt("purl", p.PURL)

	locs := e.sortedLocations(p.Locations)
	meta := metadataKeys(p.Metadata)
	if len(locs) > 0 || p.Scope != "" || p.Relationship != "" || p.Distro != "" || p.SourceName != "" ||
		p.SourceVersion != "" || p.Commit != "" || len(meta) > 0 {
		j.openArray("properties")
		for _, l := range locs {
			j.flatObjectElem()
			j.str("name", propLocation)
			j.key("value")
			j.locationString(l)
			j.close('}')
			if l.Layer != "" {
				j.property(propLayer, l.Layer)
			}
		}
		if p.Scope != "" {
			j.property(propScope, string(p.Scope))
		}
		if p.Relationship != "" {
			j.property(propRelationship, string(p.Relationship))
		}
		if p.Distro != "" {
			j.property(propDistro, p.Distro)
		}
		if p.SourceName != "" {
			j.property(propSourceName, p.SourceName)
		}
		if p.SourceVersion != "" {
			j.property(propSourceVersion, p.SourceVersion)
		}
		if p.Commit != "" {
			j.property(propCommit, p.Commit)
		}
		for _, k := range meta {
			j.property(propMetadata+k, p.Metadata[k])
		}
		j.close(']')
	}
	if len(locs) > 0 {
		j.openObject("evidence")
		j.openArray("occurrences")
		for _, l := range locs {
			j.flatObjectElem()
			j.str("location", l.Path)
			if l.Line > 0 {
				j.int("line", l.Line)
			}
			j.close('}')
		}
		j.close(']')
		j.close('}')
	}
	j.close('}')
}

// sortedLocations returns locs sorted and without duplicates, copying
// only when they are not already.
func (e *cdxEncoder) sortedLocations(locs []vouch.Location) []vouch.Location {
	if slices.IsSortedFunc(locs, compareLocation) && !hasAdjacentDup(locs) {
		return locs
	}
	e.locs = append(e.locs[:0], locs...)
	return vouch.SortLocations(e.locs)
}

func compareLocation(a, b vouch.Location) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Layer, b.Layer))
}

func hasAdjacentDup(locs []vouch.Location) bool {
	for i := 1; i < len(locs); i++ {
		if locs[i] == locs[i-1] {
			return true
		}
	}
	return false
}

// writeLicenses writes a component's licenses: a list of SPDX ids when
// every entry is one; else one SPDX expression (entries joined with
// AND) when every entry is a valid expression; else a list of ids and
// names, expressions kept as names.
func (e *cdxEncoder) writeLicenses(lics []string) {
	if len(lics) == 0 {
		return
	}
	ls := e.classified(lics)
	if len(ls) == 0 {
		return
	}
	j := e.j
	allIDs, allExpr := true, true
	for _, l := range ls {
		allIDs = allIDs && l.id != ""
		allExpr = allExpr && l.expr != ""
	}
	j.openArray("licenses")
	if !allIDs && allExpr {
		j.flatObjectElem()
		j.str("expression", joinExpressions(ls))
		j.close('}')
		j.close(']')
		return
	}
	for _, l := range ls {
		j.flatObjectElem()
		j.openObject("license")
		if l.id != "" {
			j.str("id", l.id)
		} else {
			j.str("name", l.text)
		}
		j.close('}')
		j.close('}')
	}
	j.close(']')
}

// classified returns the distinct, non-empty entries of lics, read by
// classifyLicense; results are cached per list because inventories
// repeat a few licenses many times.
func (e *cdxEncoder) classified(lics []string) []license {
	key := lics[0]
	if len(lics) > 1 {
		key = strings.Join(lics, "\x00")
	}
	if ls, ok := e.licenses[key]; ok {
		return ls
	}
	ls := classifyLicenses(lics)
	e.licenses[key] = ls
	return ls
}

func classifyLicenses(lics []string) []license {
	var ls []license
	seen := map[string]bool{}
	for _, s := range lics {
		l := classifyLicense(s)
		k := strings.ToLower(l.text)
		if l.text == "" || seen[k] {
			continue
		}
		seen[k] = true
		ls = append(ls, l)
	}
	return ls
}

// joinExpressions ANDs expressions together, parenthesising compound
// ones when there is more than one.
func joinExpressions(ls []license) string {
	if len(ls) == 1 {
		return ls[0].expr
	}
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteString(" AND ")
		}
		if l.compound {
			b.WriteString("(" + l.expr + ")")
		} else {
			b.WriteString(l.expr)
		}
	}
	return b.String()
}

func (e *cdxEncoder) dependencies() {
	j, o := e.j, e.o
	var direct []string
	for i, p := range o.pkgs {
		if p.Relationship == vouch.RelationshipDirect {
			direct = append(direct, o.refs[i])
		}
	}
	slices.Sort(direct)
	opened := false
	open := func() {
		if !opened {
			j.openArray("dependencies")
			opened = true
		}
	}
	writeDep := func(ref string, deps []string) {
		open()
		j.objectElem()
		j.str("ref", ref)
		j.openArray("dependsOn")
		for _, d := range deps {
			j.strElem(d)
		}
		j.close(']')
		j.close('}')
	}
	if len(direct) > 0 {
		writeDep(targetRef, slices.Compact(direct))
	}
	for i, p := range o.pkgs {
		if len(p.DependsOn) == 0 {
			continue
		}
		e.scratch = o.deps(p, e.scratch)
		if len(e.scratch) > 0 {
			writeDep(o.refs[i], e.scratch)
		}
	}
	if opened {
		j.close(']')
	}
}

func (e *cdxEncoder) vulnerabilities(findings []vouch.Finding) {
	type vuln struct {
		f   *vouch.Finding
		ref string
	}
	var vs []vuln
	for i := range findings {
		f := &findings[i]
		if f.Kind != vouch.KindVulnerability && f.Kind != "" {
			continue
		}
		if f.Package == nil {
			continue
		}
		idx, ok := e.o.byKey[f.Package.Key()]
		if !ok {
			continue
		}
		vs = append(vs, vuln{f, e.o.refs[idx]})
	}
	if len(vs) == 0 {
		return
	}
	slices.SortStableFunc(vs, func(a, b vuln) int {
		return cmp.Or(cmp.Compare(a.f.ID, b.f.ID), cmp.Compare(a.ref, b.ref))
	})
	j := e.j
	j.openArray("vulnerabilities")
	for _, v := range vs {
		f := v.f
		j.objectElem()
		j.str("id", f.ID)
		j.openObject("source")
		name, u := advisorySource(f.ID)
		j.str("name", name)
		j.str("url", u)
		j.close('}')
		if aliases := sortedUnique(f.Aliases, f.ID); len(aliases) > 0 {
			j.openArray("references")
			for _, a := range aliases {
				j.objectElem()
				j.str("id", a)
				j.openObject("source")
				name, u := advisorySource(a)
				j.str("name", name)
				j.str("url", u)
				j.close('}')
				j.close('}')
			}
			j.close(']')
		}
		j.openArray("ratings")
		j.objectElem()
		if f.Score > 0 {
			j.float("score", f.Score)
		}
		j.str("severity", cdxSeverity(f.Severity))
		if f.Vector != "" {
			j.str("method", cvssMethod(f.Vector))
			j.str("vector", f.Vector)
		}
		j.close('}')
		j.close(']')
		j.strOpt("description", f.Title)
		j.strOpt("detail", f.Detail)
		if f.FixedIn != "" {
			what := "the package"
			if f.Package != nil && f.Package.Name != "" {
				what = f.Package.Name
			}
			j.str("recommendation", "Upgrade "+what+" to "+f.FixedIn)
		}
		first := true
		seen := map[string]bool{}
		for _, r := range f.References {
			if seen[r] || !validIRI(r) {
				continue
			}
			seen[r] = true
			if first {
				j.openArray("advisories")
				first = false
			}
			j.objectElem()
			j.str("url", r)
			j.close('}')
		}
		if !first {
			j.close(']')
		}
		if s := f.Suppressed; s != nil {
			state, justification := analysisState(s.Reason)
			j.openObject("analysis")
			j.str("state", state)
			j.strOpt("justification", justification)
			detail := "suppressed by " + cmp.Or(s.Source, "vouch")
			if s.Reason != "" {
				detail += ": " + s.Reason
			}
			if s.Until != "" {
				detail += " (until " + s.Until + ")"
			}
			j.str("detail", detail)
			j.close('}')
		}
		{
			j.openArray("affects")
			j.objectElem()
			j.str("ref", v.ref)
			if f.Package != nil && f.Package.Version != "" {
				j.openArray("versions")
				j.objectElem()
				j.str("version", f.Package.Version)
				status := "affected"
				if f.Suppressed != nil {
					status = "unaffected" // not_affected, false_positive or resolved
				}
				j.str("status", status)
				j.close('}')
				j.close(']')
			}
			j.close('}')
			j.close(']')
		}
		if f.Reachable != "" || f.Suppressed != nil {
			j.openArray("properties")
			if f.Reachable != "" {
				j.property(propReachable, f.Reachable)
			}
			if s := f.Suppressed; s != nil {
				j.property(propSuppressedBy, cmp.Or(s.Source, "vouch"))
				if s.Until != "" {
					j.property(propSuppressUntil, s.Until)
				}
			}
			j.close(']')
		}
		j.close('}')
	}
	j.close(']')
}

// analysisState maps why a finding was suppressed to a CycloneDX impact
// analysis. A reason that says the flaw is fixed or resolved gives
// "resolved", one that says false positive gives "false_positive";
// everything else is "not_affected" — the user or a VEX statement
// declared that the finding does not apply — with a justification when
// the reason names one in CycloneDX's or OpenVEX's words.
func analysisState(reason string) (state, justification string) {
	r := strings.ToLower(reason)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(r, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("false positive", "false_positive", "false-positive"):
		return "false_positive", ""
	case has("resolved", "fixed"):
		return "resolved", ""
	}
	switch {
	case has("code_not_present", "vulnerable_code_not_present", "code not present"):
		justification = "code_not_present"
	case has("code_not_reachable", "vulnerable_code_not_in_execute_path", "not reachable", "unreachable"):
		justification = "code_not_reachable"
	case has("requires_configuration"):
		justification = "requires_configuration"
	case has("requires_dependency", "component_not_present"):
		justification = "requires_dependency"
	case has("requires_environment"):
		justification = "requires_environment"
	case has("protected_by_compiler"):
		justification = "protected_by_compiler"
	case has("protected_at_runtime"):
		justification = "protected_at_runtime"
	case has("protected_at_perimeter"):
		justification = "protected_at_perimeter"
	case has("protected_by_mitigating_control", "inline_mitigations_already_exist"):
		justification = "protected_by_mitigating_control"
	}
	return "not_affected", justification
}

// advisorySource names the database an advisory id comes from. vouch
// matches against OSV, which serves every id it knows; CVE and GHSA ids
// point at their own databases.
func advisorySource(id string) (name, u string) {
	switch {
	case strings.HasPrefix(id, "CVE-"):
		return "NVD", "https://nvd.nist.gov/vuln/detail/" + url.PathEscape(id)
	case strings.HasPrefix(id, "GHSA-"):
		return "GitHub", "https://github.com/advisories/" + url.PathEscape(id)
	}
	return "OSV", "https://osv.dev/vulnerability/" + url.PathEscape(id)
}

func cdxSeverity(s vouch.Severity) string {
	switch s {
	case vouch.SeverityCritical:
		return "critical"
	case vouch.SeverityHigh:
		return "high"
	case vouch.SeverityMedium:
		return "medium"
	case vouch.SeverityLow:
		return "low"
	case vouch.SeverityNone:
		return "none"
	}
	return "unknown"
}

// cvssMethod names the scoring method of a CVSS vector.
func cvssMethod(vector string) string {
	switch {
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		return "CVSSv3"
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		return "CVSSv31"
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		return "CVSSv4"
	case strings.HasPrefix(vector, "AV:"), strings.HasPrefix(vector, "(AV:"):
		return "CVSSv2"
	}
	return "other"
}

// cdxScope maps a vouch scope to CycloneDX's: dev and test dependencies
// are "excluded" (used for development and tests, not reachable at
// runtime), optional ones "optional" (may not be installed); runtime and
// provided dependencies are required, CycloneDX's default, left
// unwritten. vouch:scope keeps the exact scope.
func cdxScope(s vouch.Scope) string {
	switch s {
	case vouch.ScopeDev, vouch.ScopeTest:
		return "excluded"
	case vouch.ScopeOptional:
		return "optional"
	}
	return ""
}

// splitGroup splits a package name into a CycloneDX group and name as
// its purl splits namespace and name: Maven "group:artifact", npm
// "@scope/name", Go module paths and Packagist "vendor/name".
func splitGroup(eco vouch.Ecosystem, name string) (group, n string) {
	switch eco {
	case vouch.EcosystemMaven:
		if i := strings.IndexByte(name, ':'); i > 0 {
			return name[:i], name[i+1:]
		}
	case vouch.EcosystemNPM:
		if strings.HasPrefix(name, "@") {
			if i := strings.IndexByte(name, '/'); i > 0 {
				return name[:i], name[i+1:]
			}
		}
	case vouch.EcosystemGo:
		if i := strings.LastIndexByte(name, '/'); i > 0 {
			return name[:i], name[i+1:]
		}
	case vouch.EcosystemPackagist:
		if i := strings.IndexByte(name, '/'); i > 0 {
			return name[:i], name[i+1:]
		}
	}
	return "", name
}

// joinGroup is splitGroup's inverse, for components without a purl.
func joinGroup(group, name string) string {
	switch {
	case group == "":
		return name
	case name == "":
		return group
	}
	return group + "/" + name
}

// cdxHashAlg spells a hash algorithm as CycloneDX does ("SHA-256"),
// accepting the usual variants ("sha256", "SHA256", "sha-256").
func cdxHashAlg(a string) (string, bool) {
	switch normAlg(a) {
	case "md5":
		return "MD5", true
	case "sha1":
		return "SHA-1", true
	case "sha256":
		return "SHA-256", true
	case "sha384":
		return "SHA-384", true
	case "sha512":
		return "SHA-512", true
	case "sha3256":
		return "SHA3-256", true
	case "sha3384":
		return "SHA3-384", true
	case "sha3512":
		return "SHA3-512", true
	case "blake2b256":
		return "BLAKE2b-256", true
	case "blake2b384":
		return "BLAKE2b-384", true
	case "blake2b512":
		return "BLAKE2b-512", true
	case "blake3":
		return "BLAKE3", true
	}
	return "", false
}

// normAlg lower-cases an algorithm name and drops "-" and "_".
func normAlg(a string) string {
	b := make([]byte, 0, len(a))
	for i := 0; i < len(a); i++ {
		c := a[i]
		switch {
		case c == '-' || c == '_':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// validHexDigest reports whether s is hex of a length CycloneDX accepts.
func validHexDigest(s string) bool {
	switch len(s) {
	case 32, 40, 64, 96, 128:
	default:
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// hexHash returns a hash value as lower-case hex: hex as is, or standard
// base64 (as npm's integrity strings carry) decoded and re-encoded.
func hexHash(v string) (string, bool) {
	if validHexDigest(v) {
		return strings.ToLower(v), true
	}
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return "", false
	}
	h := hex.EncodeToString(raw)
	return h, validHexDigest(h)
}

// validIRI reports whether s can stand as an advisory URL: it parses and
// has a scheme, and no spaces or control characters.
func validIRI(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return false
		}
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != ""
}

// sortedUnique returns ss sorted without duplicates, empty strings and
// drop.
func sortedUnique(ss []string, drop string) []string {
	var out []string
	for _, s := range ss {
		if s != "" && s != drop {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
