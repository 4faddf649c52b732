package sbom

import (
	"io"
	"slices"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

const (
	spdxDocumentID = "SPDXRef-DOCUMENT"
	spdxTargetID   = "SPDXRef-Target"
	noAssertion    = "NOASSERTION"
	// sourceInfoPrefix starts the sourceInfo vouch writes; the locations
	// follow it, separated by ", ". syft writes the same words (with its
	// own description of the source before the colon), and Decode reads
	// both.
	sourceInfoPrefix = "acquired package info from"
)

// EncodeSPDX writes inv as an SPDX 2.3 JSON document.
func EncodeSPDX(w io.Writer, inv *vouch.Inventory, opts EncodeOptions) error {
	used := make(map[string]bool, len(inv.Packages)+3)
	used[spdxDocumentID], used[spdxTargetID] = true, true
	osID := ""
	if d := inv.Distro; d != nil {
		osID = string(appendIDString([]byte("SPDXRef-OperatingSystem-"), d.ID+"-"+d.VersionID))
		used[osID] = true
	}
	var scratch []byte
	o := orderPackages(inv, func(p *vouch.Package) string {
		scratch = appendSPDXPackageID(scratch[:0], p)
		return string(scratch)
	}, used, "-")
	e := spdxEncoder{
		j:         newJSONWriter(w, opts.Deterministic),
		o:         o,
		declared:  map[string]string{},
		extracted: map[string]string{},
	}
	j := e.j
	t := inv.Target

	j.open('{')
	j.str("spdxVersion", "SPDX-2.3")
	j.str("dataLicense", "CC0-1.0")
	j.str("SPDXID", spdxDocumentID)
	j.str("name", targetName(t))
	j.openObject("creationInfo")
	j.str("created", timestamp(documentTime(opts)))
	j.openArray("creators")
	name, version := opts.tool()
	if version != "" {
		name += "-" + version
	}
	j.strElem("Tool: " + name)
	j.close(']')
	j.str("licenseListVersion", spdxLicenseListVersion)
	j.close('}')

	j.openArray("packages")
	j.objectElem()
	j.str("name", targetName(t))
	j.str("SPDXID", spdxTargetID)
	if !t.Digest.IsZero() {
		j.str("versionInfo", t.Digest.String())
	}
	j.str("downloadLocation", noAssertion)
	j.bool("filesAnalyzed", false)
	if alg, ok := spdxChecksumAlg(t.Digest.Algorithm); ok && validHexDigest(t.Digest.Hex) {
		j.openArray("checksums")
		j.objectElem()
		j.str("algorithm", alg)
		j.str("checksumValue", t.Digest.Hex)
		j.close('}')
		j.close(']')
	}
	switch t.Kind {
	case vouch.TargetImage:
		j.str("primaryPackagePurpose", "CONTAINER")
	case vouch.TargetFile:
		j.str("primaryPackagePurpose", "FILE")
	case vouch.TargetDirectory:
		j.str("primaryPackagePurpose", "SOURCE")
	}
	j.close('}')
	if d := inv.Distro; d != nil {
		j.objectElem()
		j.str("name", d.ID)
		j.str("SPDXID", osID)
		j.strOpt("versionInfo", d.VersionID)
		j.str("downloadLocation", noAssertion)
		j.bool("filesAnalyzed", false)
		j.strOpt("description", d.Name)
		j.str("primaryPackagePurpose", "OPERATING_SYSTEM")
		j.close('}')
	}
	for i, p := range o.pkgs {
		e.pkg(p, o.refs[i])
	}
	j.close(']')

	e.relationships(osID)

	if len(e.extracted) > 0 {
		ids := make([]string, 0, len(e.extracted))
		for id := range e.extracted {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		j.openArray("hasExtractedLicensingInfos")
		for _, id := range ids {
			j.objectElem()
			j.str("licenseId", id)
			j.str("extractedText", e.extracted[id])
			j.str("name", e.extracted[id])
			j.close('}')
		}
		j.close(']')
	}

	j.key("documentNamespace")
	ns := string(appendIDString([]byte("https://vouch.dev/spdx/"), truncate(targetName(t), 64)))
	j.buf = appendJSONString(j.buf, ns+"-"+j.contentUUID())
	j.close('}')
	return j.finish()
}

type spdxEncoder struct {
	j         *jsonWriter
	o         *ordered
	declared  map[string]string // Package.Licenses joined → licenseDeclared, cached
	extracted map[string]string // LicenseRef- id → the license name it stands for
	scratch   []string
	locs      []vouch.Location
}

func (e *spdxEncoder) pkg(p *vouch.Package, id string) {
	j := e.j
	j.objectElem()
	j.str("name", p.Name)
	j.str("SPDXID", id)
	j.strOpt("versionInfo", p.Version)
	j.str("downloadLocation", noAssertion)
	j.bool("filesAnalyzed", false)
	first := true
	for _, h := range p.Hashes {
		alg, ok := spdxChecksumAlg(h.Algorithm)
		if !ok {
			continue
		}
		v, ok := hexHash(h.Value)
		if !ok {
			continue
		}
		if first {
			j.openArray("checksums")
			first = false
		}
		j.flatObjectElem()
		j.str("algorithm", alg)
		j.str("checksumValue", v)
		j.close('}')
	}
	if !first {
		j.close(']')
	}
	if len(p.Locations) > 0 {
		c := cdxEncoder{locs: e.locs}
		locs := c.sortedLocations(p.Locations)
		e.locs = c.locs
		j.key("sourceInfo")
		j.buf = append(j.buf, '"')
		j.buf = append(j.buf, sourceInfoPrefix+": "...)
		for i, l := range locs {
			if i > 0 {
				j.buf = append(j.buf, ", "...)
			}
			j.buf = appendJSONStringBody(j.buf, l.Path)
			if l.Line > 0 {
				j.buf = append(j.buf, ':')
				j.buf = appendInt(j.buf, l.Line)
			}
			if l.Layer != "" {
				j.buf = append(j.buf, " (layer "...)
				j.buf = appendJSONStringBody(j.buf, l.Layer)
				j.buf = append(j.buf, ')')
			}
		}
		j.buf = append(j.buf, '"')
	}
	j.str("licenseConcluded", noAssertion)
	j.str("licenseDeclared", e.licenseDeclared(p.Licenses))
	if p.PURL != "" {
		j.openArray("externalRefs")
		j.flatObjectElem()
		j.str("referenceCategory", "PACKAGE-MANAGER")
		j.str("referenceType", "purl")
		j.str("referenceLocator", p.PURL)
		j.close('}')
		j.close(']')
	}
	j.str("primaryPackagePurpose", "LIBRARY")
	j.close('}')
}

// licenseDeclared turns a package's licenses into one SPDX expression:
// entries that are SPDX identifiers or expressions as they are, other
// names as LicenseRef- identifiers declared in the document's
// hasExtractedLicensingInfos, all joined with AND; NOASSERTION when
// there are none.
func (e *spdxEncoder) licenseDeclared(lics []string) string {
	if len(lics) == 0 {
		return noAssertion
	}
	key := strings.Join(lics, "\x00")
	if s, ok := e.declared[key]; ok {
		return s
	}
	ls := classifyLicenses(lics)
	for i := range ls {
		l := &ls[i]
		for _, ref := range l.refs {
			if _, ok := e.extracted[ref]; !ok {
				e.extracted[ref] = ref[len("LicenseRef-"):]
			}
		}
		if l.expr != "" {
			continue
		}
		ref := licenseRef(l.text)
		if name, ok := e.extracted[ref]; ok && name != l.text {
			ref += "-" + refSuffix(l.text)
		}
		e.extracted[ref] = l.text
		l.expr = ref
	}
	s := noAssertion
	if len(ls) > 0 {
		s = joinExpressions(ls)
	}
	e.declared[key] = s
	return s
}

func (e *spdxEncoder) relationships(osID string) {
	j, o := e.j, e.o
	rel := func(a, typ, b string) {
		j.flatObjectElem()
		j.str("spdxElementId", a)
		j.str("relationshipType", typ)
		j.str("relatedSpdxElement", b)
		j.close('}')
	}
	j.openArray("relationships")
	rel(spdxDocumentID, "DESCRIBES", spdxTargetID)
	if osID != "" {
		rel(spdxTargetID, "CONTAINS", osID)
	}
	for i, p := range o.pkgs {
		id := o.refs[i]
		rel(spdxTargetID, "CONTAINS", id)
		if p.Relationship == vouch.RelationshipDirect {
			rel(spdxTargetID, "DEPENDS_ON", id)
		}
		if typ := spdxScopeRelationship(p.Scope); typ != "" {
			rel(id, typ, spdxTargetID)
		}
		if len(p.DependsOn) > 0 {
			e.scratch = o.deps(p, e.scratch)
			for _, d := range e.scratch {
				rel(id, "DEPENDS_ON", d)
			}
		}
	}
	j.close(']')
}

// spdxScopeRelationship is the relationship from a package to the target
// that records its scope.
func spdxScopeRelationship(s vouch.Scope) string {
	switch s {
	case vouch.ScopeDev:
		return "DEV_DEPENDENCY_OF"
	case vouch.ScopeTest:
		return "TEST_DEPENDENCY_OF"
	case vouch.ScopeOptional:
		return "OPTIONAL_DEPENDENCY_OF"
	case vouch.ScopeProvided:
		return "PROVIDED_DEPENDENCY_OF"
	}
	return ""
}

// spdxPackageID names a package "SPDXRef-Package-" and its purl (or key)
// without "pkg:", percent-decoded, with every character an SPDX
// idstring cannot hold replaced by "-": the same purl gets the same id
// in every document.
func spdxPackageID(p *vouch.Package) string {
	return string(appendSPDXPackageID(nil, p))
}

func appendSPDXPackageID(b []byte, p *vouch.Package) []byte {
	k := strings.TrimPrefix(p.Key(), "pkg:")
	k = strings.Trim(k, "/")
	b = append(b, "SPDXRef-Package-"...)
	n := len(b)
	dash := false
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == '%' && i+2 < len(k) && isHex(k[i+1]) && isHex(k[i+2]) {
			c = unhex(k[i+1])<<4 | unhex(k[i+2])
			i += 2
		}
		if idChar(c) && c != '-' {
			b = append(b, c)
			dash = false
			continue
		}
		if !dash && len(b) > n {
			b = append(b, '-')
			dash = true
		}
	}
	for len(b) > n && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	return b
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// spdxChecksumAlg spells a hash algorithm as SPDX does ("SHA256").
func spdxChecksumAlg(a string) (string, bool) {
	switch normAlg(a) {
	case "md5":
		return "MD5", true
	case "sha1":
		return "SHA1", true
	case "sha224":
		return "SHA224", true
	case "sha256":
		return "SHA256", true
	case "sha384":
		return "SHA384", true
	case "sha512":
		return "SHA512", true
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

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
