package sbom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spdx/tools-golang/spdx"
	"github.com/spdx/tools-golang/tagvalue"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// The SPDX 2.2 and 2.3 documents Decode reads, as far as it reads them.
// Tag-value documents are parsed by tools-golang and copied into the
// same shape.
type spdxDoc struct {
	SPDXVersion       string          `json:"spdxVersion"`
	Context           json.RawMessage `json:"@context"` // SPDX 3 JSON-LD
	DocumentDescribes []string        `json:"documentDescribes"`
	Packages          []spdxPackage   `json:"packages"`
	Files             []spdxFile      `json:"files"`
	Relationships     []spdxRelation  `json:"relationships"`
	Extracted         []spdxExtracted `json:"hasExtractedLicensingInfos"`
}

type spdxPackage struct {
	SPDXID           string           `json:"SPDXID"`
	Name             string           `json:"name"`
	VersionInfo      string           `json:"versionInfo"`
	SourceInfo       string           `json:"sourceInfo"`
	Description      string           `json:"description"`
	LicenseConcluded string           `json:"licenseConcluded"`
	LicenseDeclared  string           `json:"licenseDeclared"`
	Purpose          string           `json:"primaryPackagePurpose"`
	Checksums        []spdxChecksum   `json:"checksums"`
	ExternalRefs     []spdxRef        `json:"externalRefs"`
	AttributionTexts []string         `json:"attributionTexts"`
	Annotations      []spdxAnnotation `json:"annotations"`
	HasFiles         []string         `json:"hasFiles"`
}

type spdxChecksum struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"checksumValue"`
}

type spdxRef struct {
	Category string `json:"referenceCategory"`
	Type     string `json:"referenceType"`
	Locator  string `json:"referenceLocator"`
}

type spdxAnnotation struct {
	Comment string `json:"comment"`
}

type spdxFile struct {
	SPDXID   string `json:"SPDXID"`
	FileName string `json:"fileName"`
}

type spdxRelation struct {
	A       string `json:"spdxElementId"`
	Type    string `json:"relationshipType"`
	B       string `json:"relatedSpdxElement"`
	Comment string `json:"comment"`
}

type spdxExtracted struct {
	LicenseID string `json:"licenseId"`
	Name      string `json:"name"`
}

func decodeSPDXJSON(data []byte, b *builder) error {
	var doc spdxDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return jsonError(data, err)
	}
	if len(doc.Context) > 0 && doc.SPDXVersion == "" {
		return errors.New("SPDX 3 documents are not supported (vouch reads SPDX 2.2 and 2.3)")
	}
	if err := checkSPDXVersion(doc.SPDXVersion); err != nil {
		return err
	}
	doc.read(b)
	return nil
}

func checkSPDXVersion(v string) error {
	switch v {
	case "SPDX-2.2", "SPDX-2.3":
		return nil
	case "":
		return errors.New("no spdxVersion")
	}
	return fmt.Errorf("unsupported SPDX version %q (vouch reads SPDX-2.2 and SPDX-2.3)", v)
}

func decodeSPDXTagValue(data []byte, b *builder) (err error) {
	if !utf8.Valid(data) {
		return errors.New("not valid UTF-8")
	}
	if v := tagValueVersion(data); v != "SPDX-2.1" {
		if err := checkSPDXVersion(v); err != nil {
			return err
		}
	}
	// tools-golang's tag-value reader is not fuzzed upstream: a panic in
	// it is malformed input, not a crash of vouch.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed tag-value document: %v", r)
		}
	}()
	d, err := tagvalue.Read(bytes.NewReader(data))
	if err != nil {
		return err
	}
	fromToolsGolang(d).read(b)
	return nil
}

// tagValueVersion finds the SPDXVersion tag.
func tagValueVersion(data []byte) string {
	for line := range bytes.Lines(data) {
		if v, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("SPDXVersion:")); ok {
			return string(bytes.TrimSpace(v))
		}
	}
	return ""
}

// fromToolsGolang copies what Decode reads out of tools-golang's model.
func fromToolsGolang(d *spdx.Document) *spdxDoc {
	doc := &spdxDoc{SPDXVersion: d.SPDXVersion}
	annotations := map[string][]spdxAnnotation{}
	for _, a := range d.Annotations {
		if a == nil {
			continue
		}
		id := elementID(a.AnnotationSPDXIdentifier)
		annotations[id] = append(annotations[id], spdxAnnotation{Comment: a.AnnotationComment})
	}
	for _, p := range d.Packages {
		if p == nil {
			continue
		}
		sp := spdxPackage{
			SPDXID:           "SPDXRef-" + string(p.PackageSPDXIdentifier),
			Name:             p.PackageName,
			VersionInfo:      p.PackageVersion,
			SourceInfo:       p.PackageSourceInfo,
			Description:      p.PackageDescription,
			LicenseConcluded: p.PackageLicenseConcluded,
			LicenseDeclared:  p.PackageLicenseDeclared,
			Purpose:          p.PrimaryPackagePurpose,
			AttributionTexts: p.PackageAttributionTexts,
			Annotations:      annotations["SPDXRef-"+string(p.PackageSPDXIdentifier)],
		}
		for _, c := range p.PackageChecksums {
			sp.Checksums = append(sp.Checksums, spdxChecksum{Algorithm: string(c.Algorithm), Value: c.Value})
		}
		for _, r := range p.PackageExternalReferences {
			if r != nil {
				sp.ExternalRefs = append(sp.ExternalRefs, spdxRef{Category: r.Category, Type: r.RefType, Locator: r.Locator})
			}
		}
		for _, a := range p.Annotations {
			sp.Annotations = append(sp.Annotations, spdxAnnotation{Comment: a.AnnotationComment})
		}
		for _, f := range p.Files {
			if f == nil {
				continue
			}
			id := "SPDXRef-" + string(f.FileSPDXIdentifier)
			doc.Files = append(doc.Files, spdxFile{SPDXID: id, FileName: f.FileName})
			sp.HasFiles = append(sp.HasFiles, id)
		}
		doc.Packages = append(doc.Packages, sp)
	}
	for _, f := range d.Files {
		if f != nil {
			doc.Files = append(doc.Files, spdxFile{SPDXID: "SPDXRef-" + string(f.FileSPDXIdentifier), FileName: f.FileName})
		}
	}
	for _, r := range d.Relationships {
		if r != nil {
			doc.Relationships = append(doc.Relationships, spdxRelation{
				A: elementID(r.RefA), Type: r.Relationship, B: elementID(r.RefB), Comment: r.RelationshipComment,
			})
		}
	}
	for _, l := range d.OtherLicenses {
		if l != nil {
			doc.Extracted = append(doc.Extracted, spdxExtracted{LicenseID: l.LicenseIdentifier, Name: l.LicenseName})
		}
	}
	return doc
}

func elementID(id spdx.DocElementID) string {
	if id.SpecialID != "" {
		return id.SpecialID
	}
	if id.DocumentRefID != "" {
		return "DocumentRef-" + string(id.DocumentRefID) + ":SPDXRef-" + string(id.ElementRefID)
	}
	return "SPDXRef-" + string(id.ElementRefID)
}

func (doc *spdxDoc) read(b *builder) {
	b.nodes = slices.Grow(b.nodes, len(doc.Packages)+len(doc.Files))
	b.edges = slices.Grow(b.edges, len(doc.Relationships))
	for _, id := range doc.DocumentDescribes {
		b.roots[id] = true
	}
	for _, f := range doc.Files {
		if f.SPDXID != "" {
			b.files[f.SPDXID] = f.FileName
			b.add(node{ref: f.SPDXID, kind: kindFile, name: f.FileName})
		}
	}
	extracted := map[string]string{}
	for _, l := range doc.Extracted {
		if l.LicenseID != "" && l.Name != "" && l.Name != noAssertion {
			extracted[l.LicenseID] = l.Name
		}
	}
	for i := range doc.Packages {
		b.add(spdxNode(&doc.Packages[i], extracted))
		for _, f := range doc.Packages[i].HasFiles {
			b.edges = append(b.edges, edge{from: doc.Packages[i].SPDXID, to: f, kind: edgeContains})
		}
	}
	for _, r := range doc.Relationships {
		a, bb := r.A, r.B
		typ := strings.ToUpper(strings.TrimSpace(r.Type))
		switch typ {
		case "DESCRIBES":
			if a == spdxDocumentID {
				b.roots[bb] = true
			}
		case "DESCRIBED_BY":
			if bb == spdxDocumentID {
				b.roots[a] = true
			}
		case "DEPENDS_ON":
			b.edges = append(b.edges, edge{from: a, to: bb, kind: edgeDepends})
		case "DEPENDENCY_OF", "RUNTIME_DEPENDENCY_OF":
			b.edges = append(b.edges, edge{from: bb, to: a, kind: edgeDepends})
		case "DEV_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF", "TEST_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF":
			// Towards the subject these say the scope (vouch writes
			// DEPENDS_ON for the direct ones); between packages, that
			// one depends on the other.
			b.edges = append(b.edges, edge{from: bb, to: a, kind: edgeScope, scope: spdxScope(typ)})
			b.edges = append(b.edges, edge{from: bb, to: a, kind: edgeDepends, scope: spdxScope(typ)})
		case "CONTAINS":
			b.edges = append(b.edges, edge{from: a, to: bb, kind: edgeContains})
		case "CONTAINED_BY":
			b.edges = append(b.edges, edge{from: bb, to: a, kind: edgeContains})
		case "OTHER":
			if strings.HasPrefix(r.Comment, "evident-by") {
				b.edges = append(b.edges, edge{from: a, to: bb, kind: edgeEvident})
			}
		}
	}
}

func spdxScope(rel string) vouch.Scope {
	switch rel {
	case "DEV_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF":
		return vouch.ScopeDev
	case "TEST_DEPENDENCY_OF":
		return vouch.ScopeTest
	case "OPTIONAL_DEPENDENCY_OF":
		return vouch.ScopeOptional
	case "PROVIDED_DEPENDENCY_OF":
		return vouch.ScopeProvided
	}
	return vouch.ScopeRuntime
}

func spdxNode(p *spdxPackage, extracted map[string]string) node {
	n := node{
		ref:         p.SPDXID,
		name:        p.Name,
		version:     p.VersionInfo,
		description: p.Description,
	}
	for _, r := range p.ExternalRefs {
		if strings.EqualFold(r.Type, "purl") && n.purl == "" {
			n.purl = strings.TrimSpace(r.Locator)
		}
	}
	purpose := strings.ReplaceAll(strings.ToUpper(p.Purpose), "-", "_")
	switch {
	case purpose == "OPERATING_SYSTEM", purpose == "" && strings.HasPrefix(p.SPDXID, "SPDXRef-OperatingSystem-"):
		n.kind = kindOS
	case purpose == "FILE" && n.purl == "":
		n.kind = kindFile
	case purpose == "APPLICATION":
		n.app = true
	}
	for _, c := range p.Checksums {
		if alg, ok := cdxHashAlg(c.Algorithm); ok && c.Value != "" {
			n.hashes = append(n.hashes, vouch.Hash{Algorithm: alg, Value: strings.ToLower(c.Value)})
		}
	}
	if lic := spdxLicense(p.LicenseDeclared, extracted); lic != "" {
		n.licenses = []string{lic}
	} else if lic := spdxLicense(p.LicenseConcluded, extracted); lic != "" {
		n.licenses = []string{lic}
	}
	pr := props{n: &n}
	for _, t := range p.AttributionTexts {
		if k, v, ok := strings.Cut(t, ": "); ok {
			pr.trivy(k, v)
		}
	}
	for _, a := range p.Annotations {
		if k, v, ok := strings.Cut(a.Comment, ": "); ok {
			pr.trivy(k, v)
		}
	}
	if rest, ok := strings.CutPrefix(p.SourceInfo, sourceInfoPrefix); ok {
		if _, list, ok := strings.Cut(rest, ": "); ok {
			pr.vouchLocs = parseSourceInfo(list)
		}
	}
	pr.done()
	return n
}

// spdxLicense reads a licenseDeclared or licenseConcluded value: "" for
// NOASSERTION and NONE, the license's name for a single LicenseRef- the
// document declares, the expression otherwise.
func spdxLicense(s string, extracted map[string]string) string {
	s = strings.TrimSpace(s)
	switch s {
	case "", noAssertion, "NONE":
		return ""
	}
	if name, ok := extracted[s]; ok {
		return name
	}
	return s
}

// parseSourceInfo reads the location list of a sourceInfo:
// "path[:line][ (layer DIGEST)]", separated by ", ".
func parseSourceInfo(list string) []vouch.Location {
	var locs []vouch.Location
	for _, item := range strings.Split(list, ", ") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		layer := ""
		if i := strings.LastIndex(item, " (layer "); i >= 0 && strings.HasSuffix(item, ")") {
			layer = item[i+len(" (layer ") : len(item)-1]
			item = item[:i]
		}
		l := parseLocation(item)
		l.Layer = layer
		locs = append(locs, l)
	}
	return locs
}
