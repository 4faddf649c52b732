package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vouch-dev/vouch/internal/vouch"
)

const (
	sarifSchema     = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion    = "2.1.0"
	informationURI  = "https://github.com/vouch-dev/vouch"
	srcRoot         = "%SRCROOT%"
	fingerprintKey  = "vouchFindingHash/v1"
	maxDescription  = 1000 // runes of fullDescription
	maxHelpDetail   = 4000 // runes of advisory detail in help.markdown
	maxFixesPerRule = 10   // "Upgrade X to Y" lines in one rule's help
	maxTags         = 10   // GitHub shows ten tags per rule
)

// The subset of SARIF 2.1.0 that vouch writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool      `json:"tool"`
		Results    []sarifResult  `json:"results"`
		ColumnKind string         `json:"columnKind"`
		Properties *runProperties `json:"properties,omitempty"`
	}
	runProperties struct {
		Target  string `json:"target,omitempty"`
		Kind    string `json:"targetKind,omitempty"`
		Digest  string `json:"targetDigest,omitempty"`
		Created string `json:"createdAt,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string          `json:"id"`
		Name                 string          `json:"name"`
		ShortDescription     sarifText       `json:"shortDescription"`
		FullDescription      sarifText       `json:"fullDescription"`
		Help                 sarifHelp       `json:"help"`
		HelpURI              string          `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
		Properties           ruleProperties  `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	ruleProperties struct {
		Tags             []string `json:"tags"`
		SecuritySeverity string   `json:"security-severity"`
		Precision        string   `json:"precision"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifText          `json:"message"`
		Locations           []sarifLocation    `json:"locations"`
		PartialFingerprints map[string]string  `json:"partialFingerprints"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
		Properties          resultProperties   `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	sarifRegion struct {
		StartLine int `json:"startLine"`
		EndLine   int `json:"endLine,omitempty"`
	}
	sarifSuppression struct {
		Kind          string               `json:"kind"`
		Status        string               `json:"status"`
		Justification string               `json:"justification,omitempty"`
		Properties    *suppressionProperty `json:"properties,omitempty"`
	}
	suppressionProperty struct {
		Source string `json:"source,omitempty"`
		Until  string `json:"until,omitempty"`
	}
	resultProperties struct {
		Severity         string `json:"severity"`
		PURL             string `json:"purl,omitempty"`
		InstalledVersion string `json:"installedVersion,omitempty"`
		FixedVersion     string `json:"fixedVersion,omitempty"`
		Reachable        string `json:"reachable,omitempty"`
		Layer            string `json:"layer,omitempty"`
		Resource         string `json:"resource,omitempty"`
		Masked           string `json:"masked,omitempty"`
	}
)

// sarifLevel maps a severity to a SARIF result level. UNKNOWN is a
// warning: vouch fails closed on it, so it must not look like a note.
func sarifLevel(s vouch.Severity) string {
	switch s {
	case vouch.SeverityCritical, vouch.SeverityHigh:
		return "error"
	case vouch.SeverityMedium, vouch.SeverityUnknown:
		return "warning"
	}
	return "note"
}

func levelRank(l string) int {
	switch l {
	case "error":
		return 3
	case "warning":
		return 2
	case "note":
		return 1
	}
	return 0
}

// securitySeverity is the number GitHub ranks a security alert by: the
// finding's CVSS score when it agrees with its severity, else a value in
// the middle of the severity's band. UNKNOWN is 5.5, a medium.
func securitySeverity(f *vouch.Finding) float64 {
	if f.Score > 0 && f.Score <= 10 && vouch.SeverityFromScore(f.Score) == f.Severity {
		return f.Score
	}
	switch f.Severity {
	case vouch.SeverityCritical:
		return 9.5
	case vouch.SeverityHigh:
		return 8.0
	case vouch.SeverityMedium:
		return 5.5
	case vouch.SeverityLow:
		return 2.0
	case vouch.SeverityNone:
		return 0.0
	}
	return 5.5
}

// ruleAcc gathers what one rule says from all the findings under it.
type ruleAcc struct {
	first    *vouch.Finding
	severity float64
	level    string
	ecos     []string
	fixes    [][2]string // package name, fixed version ("" = none)
}

// WriteSARIF writes r as a SARIF 2.1.0 log with one run, for GitHub code
// scanning and every other SARIF consumer. See the package documentation
// for how findings map to rules and results.
func WriteSARIF(w io.Writer, r *Result) error {
	r = normalized(r)
	all := make([]*vouch.Finding, 0, len(r.Findings)+len(r.Suppressed))
	for i := range r.Findings {
		all = append(all, &r.Findings[i])
	}
	for i := range r.Suppressed {
		all = append(all, &r.Suppressed[i])
	}

	accs := map[string]*ruleAcc{}
	var ids []string
	for _, f := range all {
		a := accs[f.ID]
		if a == nil {
			a = &ruleAcc{first: f, severity: -1}
			accs[f.ID] = a
			ids = append(ids, f.ID)
		}
		a.severity = max(a.severity, securitySeverity(f))
		if l := sarifLevel(f.Severity); levelRank(l) > levelRank(a.level) {
			a.level = l
		}
		if f.Package != nil {
			if e := string(f.Package.Ecosystem); e != "" && !slices.Contains(a.ecos, e) {
				a.ecos = append(a.ecos, e)
			}
			fix := [2]string{f.Package.Name, f.FixedIn}
			if f.Kind == vouch.KindVulnerability && !slices.Contains(a.fixes, fix) {
				a.fixes = append(a.fixes, fix)
			}
		}
	}
	slices.Sort(ids)
	index := make(map[string]int, len(ids))
	rules := make([]sarifRule, len(ids))
	for i, id := range ids {
		index[id] = i
		rules[i] = sarifRuleFor(id, accs[id])
	}

	results := make([]sarifResult, 0, len(all))
	seen := map[string]int{}
	for _, f := range all {
		res := sarifResultFor(f, r)
		res.RuleIndex = index[f.ID]
		fp := findingHash(f)
		seen[fp]++
		if n := seen[fp]; n > 1 {
			fp += ":" + strconv.Itoa(n)
		}
		res.PartialFingerprints = map[string]string{fingerprintKey: fp}
		results = append(results, res)
	}

	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           orDefault(r.Tool.Name, "vouch"),
			Version:        r.Tool.Version,
			InformationURI: informationURI,
			Rules:          rules,
		}},
		Results:    results,
		ColumnKind: "utf16CodeUnits",
	}
	if r.Target.Name != "" || !r.Target.Digest.IsZero() || !r.CreatedAt.IsZero() {
		run.Properties = &runProperties{
			Target: r.Target.Name,
			Kind:   string(r.Target.Kind),
			Digest: r.Target.Digest.String(),
		}
		if !r.CreatedAt.IsZero() {
			run.Properties.Created = r.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")
		}
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&log); err != nil {
		return fmt.Errorf("write sarif: %w", err)
	}
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func sarifRuleFor(id string, a *ruleAcc) sarifRule {
	f := a.first
	title := firstLine(f.Title)
	if title == "" {
		title = defaultTitle(f)
	}
	full := f.Detail
	if f.Kind == vouch.KindSecret || strings.TrimSpace(full) == "" {
		full = title // a secret's detail may quote the file: keep it out
	}
	tags := []string{"security", kindTag(f.Kind)}
	slices.Sort(a.ecos)
	for _, e := range a.ecos {
		if len(tags) < maxTags {
			tags = append(tags, e)
		}
	}
	text, md := ruleHelp(a)
	return sarifRule{
		ID:                   id,
		Name:                 ruleName(f),
		ShortDescription:     sarifText{Text: cut(title, maxDescription)},
		FullDescription:      sarifText{Text: cut(strings.TrimSpace(full), maxDescription)},
		Help:                 sarifHelp{Text: text, Markdown: md},
		HelpURI:              firstHTTPURL(f.References),
		DefaultConfiguration: sarifRuleConfig{Level: a.level},
		Properties: ruleProperties{
			Tags:             tags,
			SecuritySeverity: strconv.FormatFloat(a.severity, 'f', 1, 64),
			Precision:        "high",
		},
	}
}

func kindTag(k vouch.FindingKind) string {
	switch k {
	case vouch.KindVulnerability:
		return "vulnerability"
	case vouch.KindSecret:
		return "secret"
	case vouch.KindMisconfig:
		return "misconfiguration"
	}
	return "finding"
}

func defaultTitle(f *vouch.Finding) string {
	switch f.Kind {
	case vouch.KindVulnerability:
		if f.Package != nil {
			return f.ID + " in " + f.Package.Name
		}
		return "Vulnerability " + f.ID
	case vouch.KindSecret:
		return "Secret matched by rule " + f.ID
	case vouch.KindMisconfig:
		return "Misconfiguration " + f.ID
	}
	return f.ID
}

// ruleName is a name for people and tools that list rules: the kind and
// the id, as one token.
func ruleName(f *vouch.Finding) string {
	var b strings.Builder
	switch f.Kind {
	case vouch.KindVulnerability:
		b.WriteString("Vulnerability/")
	case vouch.KindSecret:
		b.WriteString("Secret/")
	case vouch.KindMisconfig:
		b.WriteString("Misconfiguration/")
	}
	b.WriteString(f.ID)
	return b.String()
}

// ruleHelp says what to do: for vulnerabilities, which package to upgrade
// to which version; for secrets, rotate; for misconfigurations, the
// check's remediation.
func ruleHelp(a *ruleAcc) (text, markdown string) {
	f := a.first
	var t, m strings.Builder
	switch f.Kind {
	case vouch.KindVulnerability:
		fixes := a.fixes
		slices.SortFunc(fixes, func(x, y [2]string) int {
			if c := strings.Compare(x[0], y[0]); c != 0 {
				return c
			}
			return strings.Compare(x[1], y[1])
		})
		for i, fx := range fixes {
			if i == maxFixesPerRule {
				fmt.Fprintf(&t, "… and %d more packages.\n", len(fixes)-i)
				fmt.Fprintf(&m, "- … and %d more packages\n", len(fixes)-i)
				break
			}
			if fx[1] != "" {
				fmt.Fprintf(&t, "Upgrade %s to %s or later.\n", fx[0], fx[1])
				fmt.Fprintf(&m, "- Upgrade `%s` to `%s` or later.\n", mdCode(fx[0]), mdCode(fx[1]))
			} else {
				fmt.Fprintf(&t, "No fixed version of %s is known: remove or replace it, or accept the risk in .vouchignore.yaml with a reason.\n", fx[0])
				fmt.Fprintf(&m, "- No fixed version of `%s` is known: remove or replace it, or accept the risk in `.vouchignore.yaml` with a reason.\n", mdCode(fx[0]))
			}
		}
		if len(fixes) == 0 {
			t.WriteString("Upgrade the affected package to a fixed version.\n")
			m.WriteString("Upgrade the affected package to a fixed version.\n")
		}
		if d := strings.TrimSpace(f.Detail); d != "" {
			m.WriteString("\n" + cut(d, maxHelpDetail) + "\n")
		}
	case vouch.KindSecret:
		const s = "Revoke and rotate this credential, then remove it from the file and from version control history. Load secrets at run time from a secret store instead."
		t.WriteString(s + "\n")
		m.WriteString(s + "\n")
	default:
		rem := strings.TrimSpace(f.Remediation)
		if rem == "" {
			rem = "Change the configuration so that the check passes."
		}
		t.WriteString(rem + "\n")
		m.WriteString(rem + "\n")
		if d := strings.TrimSpace(f.Detail); d != "" {
			m.WriteString("\n" + cut(d, maxHelpDetail) + "\n")
		}
	}
	if refs := httpURLs(f.References); len(refs) > 0 {
		m.WriteString("\n**References**\n\n")
		for _, u := range refs {
			m.WriteString("- " + u + "\n")
		}
	}
	return strings.TrimSpace(t.String()), strings.TrimSpace(m.String())
}

func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }

func sarifResultFor(f *vouch.Finding, r *Result) sarifResult {
	uri := artifactURI(f.Location.Path)
	if uri == "" {
		uri = artifactURI(r.Target.Name)
	}
	if uri == "" {
		uri = "."
	}
	region := sarifRegion{StartLine: max(f.Location.Line, 1)}
	if f.EndLine > region.StartLine {
		region.EndLine = f.EndLine
	}
	res := sarifResult{
		RuleID:  f.ID,
		Level:   sarifLevel(f.Severity),
		Message: sarifText{Text: resultMessage(f)},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: srcRoot},
			Region:           region,
		}}},
		Properties: resultProperties{
			Severity:     f.Severity.String(),
			FixedVersion: f.FixedIn,
			Reachable:    f.Reachable,
			Layer:        f.Location.Layer,
			Resource:     f.Resource,
			Masked:       f.Masked,
		},
	}
	if f.Package != nil {
		res.Properties.PURL = f.Package.PURL
		res.Properties.InstalledVersion = f.Package.Version
	}
	if s := f.Suppressed; s != nil {
		sup := sarifSuppression{Kind: "external", Status: "accepted", Justification: s.Reason}
		if s.Source != "" || s.Until != "" {
			sup.Properties = &suppressionProperty{Source: s.Source, Until: s.Until}
		}
		res.Suppressions = []sarifSuppression{sup}
	}
	return res
}

// resultMessage says what is wrong at this place, in one paragraph.
func resultMessage(f *vouch.Finding) string {
	var b strings.Builder
	title := firstLine(f.Title)
	switch f.Kind {
	case vouch.KindVulnerability:
		if f.Package != nil {
			fmt.Fprintf(&b, "%s %s is affected by %s", f.Package.Name, f.Package.Version, f.ID)
		} else {
			b.WriteString("Affected by " + f.ID)
		}
		if len(f.Aliases) > 0 {
			b.WriteString(" (" + strings.Join(f.Aliases, ", ") + ")")
		}
		if title != "" {
			b.WriteString(": " + strings.TrimSuffix(title, "."))
		}
		b.WriteString(".")
		if f.FixedIn != "" {
			b.WriteString(" Fixed in " + f.FixedIn + ".")
		} else {
			b.WriteString(" No fixed version is known.")
		}
		if f.Reachable == "no" {
			b.WriteString(" The vulnerable code is not reachable from this program.")
		}
	case vouch.KindSecret:
		b.WriteString("Secret matched by rule " + f.ID)
		if title != "" {
			b.WriteString(" (" + strings.TrimSuffix(title, ".") + ")")
		}
		if f.Masked != "" {
			b.WriteString(": " + f.Masked)
		}
		b.WriteString(".")
	case vouch.KindMisconfig:
		if title != "" {
			b.WriteString(strings.TrimSuffix(title, "."))
		} else {
			b.WriteString("Check " + f.ID + " failed")
		}
		if f.Resource != "" {
			b.WriteString(" (resource " + f.Resource + ")")
		}
		b.WriteString(".")
	default:
		b.WriteString(orDefault(title, f.ID) + ".")
	}
	if f.Severity == vouch.SeverityUnknown {
		b.WriteString(" Severity unknown: the source gives none, so vouch treats it as failing.")
	}
	if f.Location.Layer != "" {
		b.WriteString(" Added in image layer " + f.Location.Layer + ".")
	}
	return b.String()
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// artifactURI turns a file path into a relative URI reference: forward
// slashes, no leading "/" or "./", percent-encoded.
func artifactURI(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	p = strings.TrimLeft(p, "/")
	for strings.HasPrefix(p, "./") {
		p = strings.TrimLeft(p[2:], "/")
	}
	if p == "" || p == "." {
		return ""
	}
	if !utf8.ValidString(p) {
		p = strings.ToValidUTF8(p, "\uFFFD")
	}
	return (&url.URL{Path: p}).String()
}

func firstHTTPURL(refs []string) string {
	if u := httpURLs(refs); len(u) > 0 {
		return u[0]
	}
	return ""
}

// httpURLs keeps the references that are absolute http(s) URLs, which the
// schema's "uri" format and GitHub both accept.
func httpURLs(refs []string) []string {
	var out []string
	for _, r := range refs {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			continue
		}
		s := u.String()
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// findingHash identifies a finding across runs by what it is about, not
// by its line: rule, kind, file, layer, package, resource and secret
// fingerprint.
func findingHash(f *vouch.Finding) string {
	h := sha256.New()
	for _, s := range []string{string(f.Kind), f.ID, f.Location.Path, f.Location.Layer, pkgKey(f.Package), f.Resource, f.Fingerprint} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
