package suppress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// MaxVEXSize caps a VEX document; CycloneDX VEX may carry a whole BOM.
const MaxVEXSize = 64 << 20

// maxComponentDepth bounds the recursion into nested CycloneDX components.
const maxComponentDepth = 64

// VEX formats.
const (
	FormatOpenVEX   = "openvex"
	FormatCycloneDX = "cyclonedx"
)

// VEX is a parsed VEX document, reduced to what matching needs.
type VEX struct {
	Path       string
	Format     string // FormatOpenVEX or FormatCycloneDX
	Statements []Statement
	// Warnings are things in the document that vouch could not use: an
	// affects ref that names no package, a product without a purl.
	Warnings []string
}

// Statement says how one vulnerability concerns some packages.
type Statement struct {
	Vulnerability string    // the id the document names it by
	Aliases       []string  // other ids of it
	Products      []string  // purls of the packages it is about
	Status        string    // as the document spells it: not_affected, fixed, false_positive …
	Suppresses    bool      // whether Status means the finding does not count
	Reason        string    // justification, impact statement or detail
	Timestamp     time.Time // when it was made; zero if the document says nothing

	products []pkgID
}

// LoadVEX reads an OpenVEX or CycloneDX VEX JSON document.
func LoadVEX(path string) (*VEX, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("read vex: %w", err), "check the --vex path")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxVEXSize+1))
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("read vex %s: %w", path, err), "")
	}
	if len(data) > MaxVEXSize {
		return nil, vouch.Input(fmt.Errorf("vex %s: larger than %d bytes", path, MaxVEXSize), "")
	}
	return ParseVEX(path, data)
}

// ParseVEX parses a VEX document, telling OpenVEX from CycloneDX by its
// content; name is used in errors and in the Suppression source.
func ParseVEX(name string, data []byte) (*VEX, error) {
	var sniff struct {
		Context     json.RawMessage `json:"@context"`
		BOMFormat   string          `json:"bomFormat"`
		SpecVersion string          `json:"specVersion"`
	}
	if err := json.Unmarshal(data, &sniff); err != nil {
		return nil, vexError(name, "not a JSON object: %v", jsonErr(data, err))
	}
	switch {
	case isOpenVEXContext(sniff.Context):
		return parseOpenVEX(name, data)
	case sniff.BOMFormat == "CycloneDX":
		return parseCycloneDX(name, data)
	}
	return nil, &vouch.InputError{
		Err:  fmt.Errorf("vex %s: neither OpenVEX (@context https://openvex.dev/ns…) nor CycloneDX (bomFormat CycloneDX)", name),
		Hint: "vouch reads OpenVEX and CycloneDX VEX in JSON",
	}
}

func isOpenVEXContext(raw json.RawMessage) bool {
	if len(raw) == 0 {
		return false
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return strings.HasPrefix(one, "https://openvex.dev/ns")
	}
	var many []json.RawMessage // JSON-LD allows a list of contexts
	if json.Unmarshal(raw, &many) == nil {
		for _, m := range many {
			if json.Unmarshal(m, &one) == nil && strings.HasPrefix(one, "https://openvex.dev/ns") {
				return true
			}
		}
	}
	return false
}

// OpenVEX: v0.2.0 has objects for vulnerability and products; v0.0.1
// wrote strings and put subcomponents on the statement.
type (
	openVEXDoc struct {
		ID          string             `json:"@id"`
		Timestamp   *time.Time         `json:"timestamp"`
		LastUpdated *time.Time         `json:"last_updated"`
		Statements  []openVEXStatement `json:"statements"`
	}
	openVEXStatement struct {
		Vulnerability   openVEXVuln        `json:"vulnerability"`
		Timestamp       *time.Time         `json:"timestamp"`
		LastUpdated     *time.Time         `json:"last_updated"`
		Products        []openVEXComponent `json:"products"`
		Subcomponents   []openVEXComponent `json:"subcomponents"` // v0.0.1
		Status          string             `json:"status"`
		StatusNotes     string             `json:"status_notes"`
		Justification   string             `json:"justification"`
		ImpactStatement string             `json:"impact_statement"`
	}
	openVEXVuln struct {
		ID      string   `json:"@id"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	}
	openVEXComponent struct {
		ID            string             `json:"@id"`
		Identifiers   map[string]string  `json:"identifiers"`
		Subcomponents []openVEXComponent `json:"subcomponents"`
	}
)

// UnmarshalJSON reads a vulnerability as an object or, in v0.0.1, a string.
func (v *openVEXVuln) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*v = openVEXVuln{Name: s}
		return nil
	}
	type plain openVEXVuln
	return json.Unmarshal(b, (*plain)(v))
}

// UnmarshalJSON reads a component as an object or, in v0.0.1, a string.
func (c *openVEXComponent) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*c = openVEXComponent{ID: s}
		return nil
	}
	type plain openVEXComponent
	return json.Unmarshal(b, (*plain)(c))
}

var openVEXStatuses = map[string]bool{"not_affected": true, "fixed": true, "affected": false, "under_investigation": false}

func parseOpenVEX(name string, data []byte) (*VEX, error) {
	var doc openVEXDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, vexError(name, "OpenVEX: %v", jsonErr(data, err))
	}
	v := &VEX{Path: name, Format: FormatOpenVEX}
	docTime := latest(doc.Timestamp, nil)
	for i, s := range doc.Statements {
		n := i + 1
		vuln := strings.TrimSpace(s.Vulnerability.Name)
		if vuln == "" {
			vuln = idFromIRI(s.Vulnerability.ID)
		}
		if vuln == "" {
			return nil, vexError(name, "statement %d: no vulnerability name", n)
		}
		suppresses, known := openVEXStatuses[s.Status]
		if !known {
			return nil, vexError(name, "statement %d (%s): unknown status %q (want not_affected, affected, fixed or under_investigation)", n, printable(vuln), s.Status)
		}
		if s.Status == "not_affected" && s.Justification == "" && s.ImpactStatement == "" {
			return nil, &vouch.InputError{
				Err:  fmt.Errorf("vex %s: statement %d (%s): not_affected without a justification or impact_statement", name, n, printable(vuln)),
				Hint: "the OpenVEX specification requires one; vexctl adds it with --justification",
			}
		}
		st := Statement{
			Vulnerability: vuln,
			Aliases:       clean(s.Vulnerability.Aliases),
			Status:        s.Status,
			Suppresses:    suppresses,
			Reason:        openVEXReason(&s),
			Timestamp:     latest(s.Timestamp, s.LastUpdated),
		}
		if st.Timestamp.IsZero() {
			st.Timestamp = docTime
		}
		var comps []openVEXComponent
		for _, p := range s.Products {
			comps = append(comps, p)
			comps = append(comps, p.Subcomponents...)
		}
		comps = append(comps, s.Subcomponents...)
		for _, c := range comps {
			ids := []string{c.ID}
			if p := c.Identifiers["purl"]; p != "" {
				ids = append(ids, p)
			}
			for _, id := range ids {
				if !strings.HasPrefix(id, "pkg:") {
					continue
				}
				pid, err := parsePURL(id)
				if err != nil {
					return nil, vexError(name, "statement %d (%s): %v", n, printable(vuln), err)
				}
				st.Products = append(st.Products, id)
				st.products = append(st.products, pid)
			}
		}
		if len(st.products) == 0 {
			v.Warnings = append(v.Warnings, fmt.Sprintf("vex %s: statement %d (%s) names no product by purl; it applies to nothing", name, n, printable(vuln)))
		}
		v.Statements = append(v.Statements, st)
	}
	return v, nil
}

func openVEXReason(s *openVEXStatement) string {
	var b strings.Builder
	b.WriteString(s.Status)
	if s.Justification != "" {
		b.WriteString(" (" + s.Justification + ")")
	}
	for _, t := range []string{s.ImpactStatement, s.StatusNotes} {
		if t = strings.TrimSpace(t); t != "" {
			b.WriteString(": " + t)
			break
		}
	}
	return b.String()
}

// CycloneDX: only what VEX needs. The schema allows components nested in
// components; refs point at bom-refs or, as BOM-Links
// (urn:cdx:SERIAL/VERSION#REF), at bom-refs of another BOM.
type (
	cdxBOM struct {
		SpecVersion string `json:"specVersion"`
		Metadata    struct {
			Timestamp *time.Time    `json:"timestamp"`
			Component *cdxComponent `json:"component"`
		} `json:"metadata"`
		Components      []cdxComponent `json:"components"`
		Vulnerabilities []cdxVuln      `json:"vulnerabilities"`
	}
	cdxComponent struct {
		BOMRef     string         `json:"bom-ref"`
		PURL       string         `json:"purl"`
		Components []cdxComponent `json:"components"`
	}
	cdxVuln struct {
		ID         string `json:"id"`
		References []struct {
			ID string `json:"id"`
		} `json:"references"`
		Updated   *time.Time `json:"updated"`
		Published *time.Time `json:"published"`
		Analysis  *struct {
			State         string     `json:"state"`
			Justification string     `json:"justification"`
			Detail        string     `json:"detail"`
			LastUpdated   *time.Time `json:"lastUpdated"`
			FirstIssued   *time.Time `json:"firstIssued"`
		} `json:"analysis"`
		Affects []struct {
			Ref string `json:"ref"`
		} `json:"affects"`
	}
)

var cdxStates = map[string]bool{
	"not_affected": true, "false_positive": true, "resolved": true, "resolved_with_pedigree": true,
	"exploitable": false, "in_triage": false,
}

func parseCycloneDX(name string, data []byte) (*VEX, error) {
	var bom cdxBOM
	if err := json.Unmarshal(data, &bom); err != nil {
		return nil, vexError(name, "CycloneDX: %v", jsonErr(data, err))
	}
	refs := map[string]string{} // bom-ref → purl
	var walk func(cs []cdxComponent, depth int) error
	walk = func(cs []cdxComponent, depth int) error {
		if depth > maxComponentDepth {
			return fmt.Errorf("components nested deeper than %d", maxComponentDepth)
		}
		for i := range cs {
			if cs[i].BOMRef != "" && cs[i].PURL != "" {
				refs[cs[i].BOMRef] = cs[i].PURL
			}
			if err := walk(cs[i].Components, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if c := bom.Metadata.Component; c != nil {
		if err := walk([]cdxComponent{*c}, 0); err != nil {
			return nil, vexError(name, "%v", err)
		}
	}
	if err := walk(bom.Components, 0); err != nil {
		return nil, vexError(name, "%v", err)
	}

	v := &VEX{Path: name, Format: FormatCycloneDX}
	docTime := latest(bom.Metadata.Timestamp, nil)
	analysed := 0
	for i, cv := range bom.Vulnerabilities {
		n := i + 1
		id := strings.TrimSpace(cv.ID)
		if id == "" {
			return nil, vexError(name, "vulnerabilities[%d]: no id", i)
		}
		if cv.Analysis == nil || cv.Analysis.State == "" {
			continue // a vulnerability report, not a VEX statement
		}
		analysed++
		a := cv.Analysis
		suppresses, known := cdxStates[a.State]
		if !known {
			return nil, vexError(name, "vulnerabilities[%d] (%s): unknown analysis state %q", i, printable(id), a.State)
		}
		var aliases []string
		for _, r := range cv.References {
			aliases = append(aliases, r.ID)
		}
		st := Statement{
			Vulnerability: id,
			Aliases:       clean(aliases),
			Status:        a.State,
			Suppresses:    suppresses,
			Reason:        cdxReason(a.State, a.Justification, a.Detail),
			Timestamp:     latest(a.LastUpdated, a.FirstIssued),
		}
		if st.Timestamp.IsZero() {
			st.Timestamp = latest(cv.Updated, cv.Published)
		}
		if st.Timestamp.IsZero() {
			st.Timestamp = docTime
		}
		for _, af := range cv.Affects {
			p, ok := resolveRef(af.Ref, refs)
			if !ok {
				v.Warnings = append(v.Warnings, fmt.Sprintf("vex %s: %s: affects ref %q is neither a purl nor a component of this document; ignored", name, printable(id), af.Ref))
				continue
			}
			pid, err := parsePURL(p)
			if err != nil {
				return nil, vexError(name, "vulnerabilities[%d] (%s): %v", i, printable(id), err)
			}
			st.Products = append(st.Products, p)
			st.products = append(st.products, pid)
		}
		if len(st.products) == 0 {
			v.Warnings = append(v.Warnings, fmt.Sprintf("vex %s: vulnerability %d (%s) affects no package vouch can name; it applies to nothing", name, n, printable(id)))
		}
		v.Statements = append(v.Statements, st)
	}
	if len(bom.Vulnerabilities) > 0 && analysed == 0 {
		v.Warnings = append(v.Warnings, fmt.Sprintf("vex %s: a CycloneDX BOM whose vulnerabilities carry no analysis: nothing to apply", name))
	}
	return v, nil
}

// resolveRef turns an affects ref into a purl: a purl as is, a bom-ref of
// this document, or the fragment of a BOM-Link when that is either.
func resolveRef(ref string, refs map[string]string) (string, bool) {
	ref = strings.TrimSpace(ref)
	if strings.HasPrefix(ref, "pkg:") {
		return ref, true
	}
	if p, ok := refs[ref]; ok {
		return p, true
	}
	if strings.HasPrefix(ref, "urn:cdx:") {
		if _, frag, ok := strings.Cut(ref, "#"); ok {
			if f, err := url.PathUnescape(frag); err == nil {
				frag = f
			}
			if strings.HasPrefix(frag, "pkg:") {
				return frag, true
			}
			if p, ok := refs[frag]; ok {
				return p, true
			}
		}
	}
	return "", false
}

func cdxReason(state, justification, detail string) string {
	r := state
	if justification != "" {
		r += " (" + justification + ")"
	}
	if d := strings.TrimSpace(detail); d != "" {
		r += ": " + d
	}
	return r
}

// latest returns the later of two optional times, or the zero time.
func latest(a, b *time.Time) time.Time {
	var t time.Time
	if a != nil {
		t = *a
	}
	if b != nil && b.After(t) {
		t = *b
	}
	return t
}

// idFromIRI takes the last path element of an IRI such as
// https://nvd.nist.gov/vuln/detail/CVE-2021-44228.
func idFromIRI(iri string) string {
	iri = strings.TrimRight(strings.TrimSpace(iri), "/")
	if i := strings.LastIndexByte(iri, '/'); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

func clean(ids []string) []string {
	var out []string
	for _, s := range ids {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func vexError(name, format string, args ...any) error {
	return vouch.Input(fmt.Errorf("vex %s: "+format, append([]any{name}, args...)...), "")
}

// jsonErr adds a line number to a JSON syntax or type error.
func jsonErr(data []byte, err error) error {
	var off int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	return fmt.Errorf("line %d: %w", line, err)
}
