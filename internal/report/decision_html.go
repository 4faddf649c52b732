package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

//go:embed decision.html.tmpl
var decisionHTMLText string

var decisionHTMLTemplate = template.Must(template.New("decision").Parse(decisionHTMLText))

// maxHTMLLicenses is how many licences the SBOM summary lists.
const maxHTMLLicenses = 20

// The view of a decision that the HTML template reads: every string is
// still raw (html/template escapes it), every choice already made.
type (
	htmlPage struct {
		Verdict, VerdictClass string
		Environment           string
		ArtifactName          string
		ArtifactDigest        string
		DecidedAt             string
		Tool, SchemaVersion   string
		Context               [][2]string
		PolicyDigest          string
		InputDigest           string
		Counts                []htmlCount
		Violations            []htmlViolation
		Waived                []htmlViolation
		Expired               []htmlExpired
		Evidence              []htmlEvidence
		Components            int
		Licenses              []htmlLicense
		OtherLicenses         int // licences beyond the first maxHTMLLicenses
		Charts                []htmlChart
		Policies              []htmlPolicy
	}
	htmlCount struct {
		Label string
		N     int
		Class string
	}
	htmlViolation struct {
		Action, ActionClass string
		Policy              string
		Severity, SevClass  string
		Message             string
		Finding, Package    string
		Evidence            []htmlEvidence
		Waiver              *vouch.Waiver // a copy, nil when none
		WaiverExpires       string
	}
	htmlEvidence struct {
		ID, Source, Kind, Format string
		Digest, DigestShort      string
		Signed                   bool
		Signer                   string
		Rejected                 string
		Missing                  bool // named by a violation, absent from the evidence list
	}
	htmlExpired struct {
		vouch.Waiver
		Scope, ExpiredOn string
	}
	htmlLicense struct {
		Name string
		N    int
	}
	htmlChart struct {
		Kind          string
		Total         int
		Width, Height int
		Title         string
		Bars          []htmlBar
	}
	htmlBar struct {
		Label, Class  string
		N             int
		Y, W          int // bar's top and width in SVG units
		TextY, CountX int
		LabelX, BarX  int
	}
	htmlPolicy struct {
		ID, Title, Source string
		Denied, Warned    int
		Waived            int
		Class             string
	}
)

// WriteDecisionHTML writes d as one self-contained HTML page for people
// who audit a gate decision offline: no script, no external style sheet,
// font or image; the charts are inline SVG. It shows the verdict, the
// artifact and context, the violations with their evidence, the waived
// violations, the expired waivers, the evidence, an SBOM summary,
// findings by severity for each kind, and the policies evaluated. Every
// string from d is HTML-escaped. d is not modified.
func WriteDecisionHTML(w io.Writer, d *vouch.Decision) error {
	page := htmlView(normalizedDecision(d))
	cleanStrings(reflect.ValueOf(page))
	if err := decisionHTMLTemplate.Execute(w, page); err != nil {
		return fmt.Errorf("write decision html: %w", err)
	}
	return nil
}

func htmlView(d *vouch.Decision) *htmlPage {
	p := &htmlPage{
		Verdict:        verdictLabel(d.Verdict),
		VerdictClass:   verdictClass(d.Verdict),
		Environment:    d.Environment,
		ArtifactName:   d.Artifact.Name,
		ArtifactDigest: d.Artifact.Digest.String(),
		DecidedAt:      formatInstant(d.DecidedAt),
		Tool:           d.Tool,
		SchemaVersion:  d.SchemaVersion,
		PolicyDigest:   d.PolicyDigest.String(),
		InputDigest:    d.InputDigest.String(),
		Components:     d.Summary.Components,
	}
	for _, kv := range [][2]string{
		{"Repository", d.Context.Repository}, {"Branch", d.Context.Branch}, {"Commit", d.Context.Commit},
		{"Actor", d.Context.Actor}, {"Author", d.Context.Author},
	} {
		if kv[1] != "" {
			p.Context = append(p.Context, kv)
		}
	}

	c := countDecision(d)
	p.Counts = []htmlCount{
		{"denied", c.denied, "deny"},
		{"warned", c.warned, "warn"},
		{"waived", c.waived, "waived"},
		{"expired waivers", c.expired, "warn"},
		{"evidence", c.evidence, ""},
		{"rejected evidence", c.rejected, "deny"},
		{"policies", c.policies, ""},
	}
	for i := range p.Counts {
		if p.Counts[i].N == 0 && p.Counts[i].Class != "" {
			p.Counts[i].Class = "zero"
		}
	}

	ev := evidenceIndex(d)
	for _, v := range d.Violations {
		p.Violations = append(p.Violations, htmlViolationOf(v, ev))
	}
	for _, v := range d.Waived {
		p.Waived = append(p.Waived, htmlViolationOf(v, ev))
	}
	for _, wv := range d.ExpiredWaivers {
		p.Expired = append(p.Expired, htmlExpired{Waiver: wv, Scope: orDash(waiverScope(wv)), ExpiredOn: formatDay(wv.Expires)})
	}
	for i := range d.Evidence {
		p.Evidence = append(p.Evidence, htmlEvidenceOf(&d.Evidence[i]))
	}

	lic := slices.Collect(maps.Keys(d.Summary.Licenses))
	slices.SortFunc(lic, func(a, b string) int {
		return cmp.Or(cmp.Compare(d.Summary.Licenses[b], d.Summary.Licenses[a]), strings.Compare(a, b))
	})
	for i, name := range lic {
		if i == maxHTMLLicenses {
			p.OtherLicenses = len(lic) - i
			break
		}
		p.Licenses = append(p.Licenses, htmlLicense{Name: orDefault(name, "(none)"), N: d.Summary.Licenses[name]})
	}

	kinds := slices.Sorted(maps.Keys(d.Summary.Findings))
	for _, k := range kinds {
		p.Charts = append(p.Charts, severityChart(k, d.Summary.Findings[k]))
	}

	perPolicy := map[string]int{} // policy id → index in p.Policies
	policy := func(id string) *htmlPolicy {
		i, ok := perPolicy[id]
		if !ok {
			i = len(p.Policies)
			perPolicy[id] = i
			p.Policies = append(p.Policies, htmlPolicy{ID: id, Source: "(not listed)"})
		}
		return &p.Policies[i]
	}
	for _, pol := range d.Policies {
		if _, ok := perPolicy[pol.ID]; !ok {
			perPolicy[pol.ID] = len(p.Policies)
			p.Policies = append(p.Policies, htmlPolicy{ID: pol.ID, Title: pol.Title, Source: pol.Source})
		}
	}
	for _, v := range d.Violations {
		if v.Action == vouch.Warn {
			policy(v.Policy).Warned++
		} else {
			policy(v.Policy).Denied++
		}
	}
	for _, v := range d.Waived {
		policy(v.Policy).Waived++
	}
	for i := range p.Policies {
		hp := &p.Policies[i]
		switch {
		case hp.Denied > 0:
			hp.Class = "deny"
		case hp.Warned > 0:
			hp.Class = "warn"
		case hp.Waived > 0:
			hp.Class = "waived"
		default:
			hp.Class = "allow"
		}
	}
	return p
}

// cleanStrings drops, in every string v holds, the characters that HTML
// does not allow in text (control characters other than white space,
// non-characters) and bytes that are not UTF-8; html/template escapes
// the rest. v must own everything it points to.
func cleanStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			cleanStrings(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				cleanStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			cleanStrings(v.Index(i))
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(xmlText(v.String()))
		}
	}
}

func verdictClass(v vouch.Verdict) string {
	switch v {
	case vouch.Allow:
		return "allow"
	case vouch.Warn:
		return "warn"
	}
	return "deny" // deny, and anything unknown: fail closed
}

func sevClass(s vouch.Severity) string {
	return "sev-" + strings.ToLower(s.String())
}

func htmlViolationOf(v vouch.Violation, ev map[string]*vouch.Evidence) htmlViolation {
	hv := htmlViolation{
		Action:      orDefault(string(v.Action), "deny"),
		ActionClass: verdictClass(v.Action),
		Policy:      v.Policy,
		Severity:    v.Severity.String(),
		SevClass:    sevClass(v.Severity),
		Message:     v.Message,
		Finding:     v.Finding,
		Package:     v.Package,
	}
	if v.Action == vouch.Warn {
		hv.ActionClass = "warn"
	}
	if v.Waiver != nil {
		wv := *v.Waiver // the page is cleaned in place: never point into d
		hv.Waiver = &wv
		hv.WaiverExpires = formatDay(wv.Expires)
	}
	for _, id := range v.Evidence {
		if e := ev[id]; e != nil {
			hv.Evidence = append(hv.Evidence, htmlEvidenceOf(e))
		} else {
			hv.Evidence = append(hv.Evidence, htmlEvidence{ID: id, Missing: true})
		}
	}
	return hv
}

func htmlEvidenceOf(e *vouch.Evidence) htmlEvidence {
	dg := e.Digest.String()
	return htmlEvidence{
		ID: e.ID, Source: e.Source, Kind: e.Kind, Format: e.Format,
		Digest: dg, DigestShort: shortDigest(dg),
		Signed: e.Signed, Signer: e.Signer, Rejected: e.Rejected,
	}
}

// Chart geometry, in SVG user units (pixels at 100 %).
const (
	chartWidth   = 520
	chartLabelW  = 90 // severity names, left of the bars
	chartCountW  = 60 // counts, right of the bars
	chartBarH    = 22
	chartBarGap  = 8
	chartPadding = 10
)

var chartSeverities = []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNKNOWN"}

// severityChart draws one kind's findings by severity as horizontal bars:
// the six severities in order, then any other key the summary holds.
func severityChart(kind string, counts map[string]int) htmlChart {
	keys := slices.Clone(chartSeverities)
	var extra []string
	for k := range counts {
		if !slices.Contains(keys, k) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	keys = append(keys, extra...)

	ch := htmlChart{Kind: kind}
	most := 0
	for _, k := range keys {
		ch.Total += counts[k]
		most = max(most, counts[k])
	}
	span := chartWidth - chartLabelW - chartCountW
	for i, k := range keys {
		n := counts[k]
		y := chartPadding + i*(chartBarH+chartBarGap)
		b := htmlBar{Label: k, N: n, Y: y, TextY: y + chartBarH/2 + 5, LabelX: chartLabelW - 8, BarX: chartLabelW}
		if most > 0 && n > 0 {
			b.W = max(2, n*span/most) // a non-zero count never vanishes
		}
		b.CountX = chartLabelW + b.W + 6
		if sv, err := vouch.ParseSeverity(k); err == nil {
			b.Class = sevClass(sv)
		} else {
			b.Class = "sev-unknown"
		}
		ch.Bars = append(ch.Bars, b)
	}
	ch.Width = chartWidth
	ch.Height = 2*chartPadding + len(keys)*(chartBarH+chartBarGap) - chartBarGap
	parts := make([]string, 0, len(keys))
	for _, b := range ch.Bars {
		parts = append(parts, fmt.Sprintf("%d %s", b.N, strings.ToLower(b.Label)))
	}
	ch.Title = fmt.Sprintf("%s findings by severity: %s", kind, strings.Join(parts, ", "))
	return ch
}
