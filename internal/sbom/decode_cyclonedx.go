package sbom

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// The CycloneDX documents Decode reads, as far as it reads them: the
// members that carry identity, location, licences, hashes and the
// dependency graph, which have kept their shape from 1.2 to 1.7.
type cdxBOM struct {
	BOMFormat    string          `json:"bomFormat"`
	SpecVersion  string          `json:"specVersion"`
	Metadata     *cdxMetadata    `json:"metadata"`
	Components   []cdxComponent  `json:"components"`
	Dependencies []cdxDependency `json:"dependencies"`
}

type cdxMetadata struct {
	Component *cdxComponent `json:"component"`
}

type cdxComponent struct {
	Type        string         `json:"type"`
	BOMRef      string         `json:"bom-ref"`
	Group       string         `json:"group"`
	Name        string         `json:"name"`
	Version     string         `json:"version"`
	Description string         `json:"description"`
	Scope       string         `json:"scope"`
	PURL        string         `json:"purl"`
	Hashes      []cdxHash      `json:"hashes"`
	Licenses    []cdxLicense   `json:"licenses"`
	Properties  []cdxProperty  `json:"properties"`
	Components  []cdxComponent `json:"components"`
	Evidence    *cdxEvidence   `json:"evidence"`
}

type cdxEvidence struct {
	Occurrences []cdxOccurrence `json:"occurrences"`
}

type cdxOccurrence struct {
	Location string `json:"location"`
	Line     int    `json:"line"`
}

type cdxHash struct {
	Alg     string `json:"alg"`
	Content string `json:"content"`
}

type cdxLicense struct {
	License    *cdxLicenseID `json:"license"`
	Expression string        `json:"expression"`
}

type cdxLicenseID struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type cdxProperty struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type cdxDependency struct {
	Ref       string   `json:"ref"`
	DependsOn []string `json:"dependsOn"`
}

func decodeCycloneDXJSON(data []byte, b *builder) error {
	var bom cdxBOM
	if err := json.Unmarshal(data, &bom); err != nil {
		return jsonError(data, err)
	}
	if bom.BOMFormat != "CycloneDX" {
		return fmt.Errorf("bomFormat is %q, want \"CycloneDX\"", bom.BOMFormat)
	}
	if err := checkCDXVersion(bom.SpecVersion); err != nil {
		return err
	}
	bom.read(b)
	return nil
}

func checkCDXVersion(v string) error {
	if v == "" {
		return errors.New("no specVersion")
	}
	if !strings.HasPrefix(v, "1.") {
		return fmt.Errorf("unsupported CycloneDX version %q (vouch reads 1.x)", v)
	}
	return nil
}

func (bom *cdxBOM) read(b *builder) {
	b.nodes = slices.Grow(b.nodes, len(bom.Components))
	b.edges = slices.Grow(b.edges, len(bom.Dependencies))
	if bom.Metadata != nil && bom.Metadata.Component != nil {
		root := bom.Metadata.Component
		if root.BOMRef != "" {
			b.roots[root.BOMRef] = true
		}
		for i := range root.Components {
			readCDXComponent(b, &root.Components[i])
		}
	}
	for i := range bom.Components {
		readCDXComponent(b, &bom.Components[i])
	}
	for _, d := range bom.Dependencies {
		for _, to := range d.DependsOn {
			b.edges = append(b.edges, edge{from: d.Ref, to: to, kind: edgeDepends})
		}
	}
}

// readCDXComponent adds a component and, flattened, the components
// nested in it. The JSON decoder bounds nesting depth.
func readCDXComponent(b *builder, c *cdxComponent) {
	n := node{
		ref:         c.BOMRef,
		name:        joinGroup(c.Group, c.Name),
		version:     c.Version,
		purl:        strings.TrimSpace(c.PURL),
		description: c.Description,
	}
	switch c.Type {
	case "application":
		n.app = true
	case "operating-system":
		n.kind = kindOS
	case "file":
		n.kind = kindFile
	case "data", "machine-learning-model", "cryptographic-asset":
		if n.purl == "" {
			n.kind = kindSkip
		}
	}
	switch c.Scope {
	case "excluded":
		n.scope = vouch.ScopeDev
	case "optional":
		n.scope = vouch.ScopeOptional
	}
	for _, h := range c.Hashes {
		if alg, ok := cdxHashAlg(h.Alg); ok && h.Content != "" {
			n.hashes = append(n.hashes, vouch.Hash{Algorithm: alg, Value: strings.ToLower(h.Content)})
		}
	}
	for _, l := range c.Licenses {
		switch {
		case l.Expression != "":
			n.licenses = append(n.licenses, l.Expression)
		case l.License != nil && l.License.ID != "":
			n.licenses = append(n.licenses, l.License.ID)
		case l.License != nil && l.License.Name != "":
			n.licenses = append(n.licenses, l.License.Name)
		}
	}
	pr := props{n: &n}
	for _, p := range c.Properties {
		pr.add(p.Name, p.Value)
	}
	pr.done()
	if len(n.locs) == 0 && c.Evidence != nil {
		for _, o := range c.Evidence.Occurrences {
			if o.Location != "" {
				n.locs = append(n.locs, vouch.Location{Path: o.Location, Line: max(o.Line, 0), Layer: n.layer})
			}
		}
	}
	b.addCDX(n)
	for i := range c.Components {
		readCDXComponent(b, &c.Components[i])
	}
}

func (b *builder) addCDX(n node) {
	if n.kind == kindFile && n.ref != "" {
		b.files[n.ref] = n.name
	}
	b.add(n)
}

// CycloneDX XML, 1.0 to 1.7: the same members as elements and attributes.
type xmlBOM struct {
	XMLName      xml.Name        `xml:"bom"`
	Metadata     *xmlMetadata    `xml:"metadata"`
	Components   []xmlComponent  `xml:"components>component"`
	Dependencies []xmlDependency `xml:"dependencies>dependency"`
}

type xmlMetadata struct {
	Component *xmlComponent `xml:"component"`
}

type xmlComponent struct {
	Type        string `xml:"type,attr"`
	BOMRef      string `xml:"bom-ref,attr"`
	Group       string `xml:"group"`
	Name        string `xml:"name"`
	Version     string `xml:"version"`
	Description string `xml:"description"`
	Scope       string `xml:"scope"`
	PURL        string `xml:"purl"`
	Hashes      []struct {
		Alg   string `xml:"alg,attr"`
		Value string `xml:",chardata"`
	} `xml:"hashes>hash"`
	Licenses *struct {
		License []struct {
			ID   string `xml:"id"`
			Name string `xml:"name"`
		} `xml:"license"`
		Expression []string `xml:"expression"`
	} `xml:"licenses"`
	Properties []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:",chardata"`
	} `xml:"properties>property"`
	Components  []xmlComponent `xml:"components>component"`
	Occurrences []struct {
		Location string `xml:"location"`
		Line     int    `xml:"line"`
	} `xml:"evidence>occurrences>occurrence"`
}

type xmlDependency struct {
	Ref          string          `xml:"ref,attr"`
	Dependencies []xmlDependency `xml:"dependency"`
}

const cdxXMLNamespace = "http://cyclonedx.org/schema/bom/"

func decodeCycloneDXXML(data []byte, b *builder) error {
	var bom xmlBOM
	d := xml.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(&bom); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("unexpected end of input")
		}
		return err
	}
	if !strings.HasPrefix(bom.XMLName.Space, cdxXMLNamespace) {
		return fmt.Errorf("root element is in namespace %q, want %s1.x", bom.XMLName.Space, cdxXMLNamespace)
	}
	if err := checkCDXVersion(strings.TrimPrefix(bom.XMLName.Space, cdxXMLNamespace)); err != nil {
		return err
	}
	j := cdxBOM{Components: make([]cdxComponent, 0, len(bom.Components))}
	if bom.Metadata != nil && bom.Metadata.Component != nil {
		c := bom.Metadata.Component.toJSON()
		j.Metadata = &cdxMetadata{Component: &c}
	}
	for i := range bom.Components {
		j.Components = append(j.Components, bom.Components[i].toJSON())
	}
	for _, dep := range bom.Dependencies {
		flattenXMLDependency(&j, dep)
	}
	j.read(b)
	return nil
}

// flattenXMLDependency turns XML's nested dependency elements into edges.
// CycloneDX nests them one level; deeper nesting is read the same way,
// bounded by encoding/xml's own depth limit.
func flattenXMLDependency(j *cdxBOM, d xmlDependency) {
	cd := cdxDependency{Ref: d.Ref}
	for _, c := range d.Dependencies {
		cd.DependsOn = append(cd.DependsOn, c.Ref)
		if len(c.Dependencies) > 0 {
			flattenXMLDependency(j, c)
		}
	}
	j.Dependencies = append(j.Dependencies, cd)
}

func (x *xmlComponent) toJSON() cdxComponent {
	c := cdxComponent{
		Type:        x.Type,
		BOMRef:      x.BOMRef,
		Group:       strings.TrimSpace(x.Group),
		Name:        strings.TrimSpace(x.Name),
		Version:     strings.TrimSpace(x.Version),
		Description: x.Description,
		Scope:       strings.TrimSpace(x.Scope),
		PURL:        x.PURL,
	}
	for _, h := range x.Hashes {
		c.Hashes = append(c.Hashes, cdxHash{Alg: h.Alg, Content: strings.TrimSpace(h.Value)})
	}
	if x.Licenses != nil {
		for _, l := range x.Licenses.License {
			c.Licenses = append(c.Licenses, cdxLicense{License: &cdxLicenseID{ID: strings.TrimSpace(l.ID), Name: strings.TrimSpace(l.Name)}})
		}
		for _, e := range x.Licenses.Expression {
			c.Licenses = append(c.Licenses, cdxLicense{Expression: strings.TrimSpace(e)})
		}
	}
	for _, p := range x.Properties {
		c.Properties = append(c.Properties, cdxProperty{Name: p.Name, Value: p.Value})
	}
	for i := range x.Components {
		c.Components = append(c.Components, x.Components[i].toJSON())
	}
	if len(x.Occurrences) > 0 {
		c.Evidence = &cdxEvidence{}
		for _, o := range x.Occurrences {
			c.Evidence.Occurrences = append(c.Evidence.Occurrences, cdxOccurrence{strings.TrimSpace(o.Location), o.Line})
		}
	}
	return c
}
