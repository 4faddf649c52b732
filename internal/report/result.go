package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// SchemaVersion is the version of the JSON form of Result that this
// package writes.
const SchemaVersion = "1"

// PredicateType is the in-toto predicate type whose predicate is a Result.
const PredicateType = "https://vouch.dev/scan/v1"

// Result is one scan's outcome; its JSON form is vouch's scan output and
// the predicate of https://vouch.dev/scan/v1 attestations.
type Result struct {
	SchemaVersion string          `json:"schemaVersion"` // "1"
	Tool          Tool            `json:"tool"`
	Target        vouch.Target    `json:"target"`
	Distro        *vouch.Distro   `json:"distro,omitempty"`
	Scanners      []string        `json:"scanners"`           // "vuln", "secret", "misconfig"
	Database      *Database       `json:"database,omitempty"` // the advisory database, when vuln ran
	Packages      int             `json:"packages"`           // packages in the inventory
	Findings      []vouch.Finding `json:"findings"`           // the findings that count
	Suppressed    []vouch.Finding `json:"suppressed"`         // accepted findings, each with .Suppressed set
	Summary       Summary         `json:"summary"`
	CreatedAt     time.Time       `json:"createdAt"`
	// ExcludePaths are the exclude-paths patterns, as configured, that
	// left paths out of what the scan looked at; set only for targets
	// they apply to (a directory or an image). Nothing there is in
	// Findings: the one trace an exclusion leaves in the result.
	ExcludePaths []string `json:"excludePaths,omitempty"`
}

// Tool names the program that produced a Result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Database describes the advisory database a vulnerability scan used.
type Database struct {
	BuiltAt    time.Time `json:"builtAt"`
	Sources    []string  `json:"sources,omitempty"`    // "osv:npm", "osv:Go" …
	Advisories int       `json:"advisories,omitempty"` // records in the database
}

// Summary counts findings. BySeverity and ByKind count the findings that
// count; Suppressed counts the accepted ones.
type Summary struct {
	Total      int            `json:"total"`
	BySeverity SeverityCounts `json:"bySeverity"`
	ByKind     KindCounts     `json:"byKind"`
	Suppressed int            `json:"suppressed"`
}

// SeverityCounts counts findings by severity.
type SeverityCounts struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
	None     int `json:"none"`
	Unknown  int `json:"unknown"`
}

// Add counts one finding of severity s.
func (c *SeverityCounts) Add(s vouch.Severity) {
	switch s {
	case vouch.SeverityCritical:
		c.Critical++
	case vouch.SeverityHigh:
		c.High++
	case vouch.SeverityMedium:
		c.Medium++
	case vouch.SeverityLow:
		c.Low++
	case vouch.SeverityNone:
		c.None++
	default:
		c.Unknown++
	}
}

// Of returns the count for severity s.
func (c SeverityCounts) Of(s vouch.Severity) int {
	switch s {
	case vouch.SeverityCritical:
		return c.Critical
	case vouch.SeverityHigh:
		return c.High
	case vouch.SeverityMedium:
		return c.Medium
	case vouch.SeverityLow:
		return c.Low
	case vouch.SeverityNone:
		return c.None
	}
	return c.Unknown
}

// KindCounts counts findings by the scanner that produced them.
type KindCounts struct {
	Vulnerabilities   int `json:"vulnerabilities"`
	Secrets           int `json:"secrets"`
	Misconfigurations int `json:"misconfigurations"`
}

// Summarize counts findings. A finding whose Suppressed is set counts only
// in Summary.Suppressed, so both Summarize(r.Findings) and
// Summarize(append(kept, suppressed...)) give the counts of what counts.
func Summarize(findings []vouch.Finding) Summary {
	var s Summary
	for i := range findings {
		f := &findings[i]
		if f.Suppressed != nil {
			s.Suppressed++
			continue
		}
		s.Total++
		s.BySeverity.Add(f.Severity)
		switch f.Kind {
		case vouch.KindVulnerability:
			s.ByKind.Vulnerabilities++
		case vouch.KindSecret:
			s.ByKind.Secrets++
		case vouch.KindMisconfig:
			s.ByKind.Misconfigurations++
		}
	}
	return s
}

// Sort orders findings in place, stably and deterministically: by location
// path, then line, then package (name, then version), then severity from
// most to least severe (UNKNOWN sorts with the most severe: it fails
// closed), then id, then the remaining fields that tell two findings apart.
func Sort(findings []vouch.Finding) {
	copy(findings, sortedCopy(findings))
}

func compareFindings(a, b *vouch.Finding) int {
	if c := cmp.Compare(a.Location.Path, b.Location.Path); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Location.Line, b.Location.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(pkgName(a.Package), pkgName(b.Package)); c != 0 {
		return c
	}
	if c := cmp.Compare(pkgVersion(a.Package), pkgVersion(b.Package)); c != 0 {
		return c
	}
	if c := cmp.Compare(severityRank(b.Severity), severityRank(a.Severity)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Location.Layer, b.Location.Layer); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Resource, b.Resource); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Fingerprint, b.Fingerprint); c != 0 {
		return c
	}
	if c := cmp.Compare(pkgKey(a.Package), pkgKey(b.Package)); c != 0 {
		return c
	}
	return cmp.Compare(a.EndLine, b.EndLine)
}

// severityRank orders severities for display and sorting: UNKNOWN ranks
// just below CRITICAL, because vouch treats it as failing.
func severityRank(s vouch.Severity) int {
	switch s {
	case vouch.SeverityCritical:
		return 6
	case vouch.SeverityHigh:
		return 4
	case vouch.SeverityMedium:
		return 3
	case vouch.SeverityLow:
		return 2
	case vouch.SeverityNone:
		return 1
	}
	return 5 // unknown
}

func pkgName(p *vouch.Package) string {
	if p == nil {
		return ""
	}
	return p.Name
}

func pkgVersion(p *vouch.Package) string {
	if p == nil {
		return ""
	}
	return p.Version
}

func pkgKey(p *vouch.Package) string {
	if p == nil {
		return ""
	}
	return p.Key()
}

// normalized returns a shallow copy of r ready to write: schema version
// set, nil lists made empty, findings sorted (in copies).
func normalized(r *Result) *Result {
	c := *r
	if c.SchemaVersion == "" {
		c.SchemaVersion = SchemaVersion
	}
	if c.Scanners == nil {
		c.Scanners = []string{}
	}
	c.Findings = sortedCopy(r.Findings)
	c.Suppressed = sortedCopy(r.Suppressed)
	return &c
}

func sortedCopy(fs []vouch.Finding) []vouch.Finding {
	ptrs := make([]*vouch.Finding, len(fs))
	for i := range fs {
		ptrs[i] = &fs[i]
	}
	slices.SortStableFunc(ptrs, compareFindings)
	out := make([]vouch.Finding, len(fs))
	for i, p := range ptrs {
		out[i] = *p
	}
	return out
}

// WriteJSON writes r as indented JSON, findings in Sort order. It writes
// one finding at a time: a scan of a large monorepo has tens of thousands
// of findings, and encoding the document whole (then indenting it) cost
// more than the scan.
func WriteJSON(w io.Writer, r *Result) error {
	c := normalized(r)
	jw := &jsonWriter{w: w}
	jw.raw("{\n")
	jw.field("schemaVersion", c.SchemaVersion, false)
	jw.field("tool", c.Tool, false)
	jw.field("target", c.Target, false)
	if c.Distro != nil {
		jw.field("distro", c.Distro, false)
	}
	jw.field("scanners", c.Scanners, false)
	if len(c.ExcludePaths) > 0 {
		jw.field("excludePaths", c.ExcludePaths, false)
	}
	if c.Database != nil {
		jw.field("database", c.Database, false)
	}
	jw.field("packages", c.Packages, false)
	jw.findings("findings", c.Findings)
	jw.findings("suppressed", c.Suppressed)
	jw.field("summary", c.Summary, false)
	jw.field("createdAt", c.CreatedAt, true)
	jw.raw("}\n")
	if jw.err != nil {
		return fmt.Errorf("write json result: %w", jw.err)
	}
	return nil
}

// jsonWriter writes an indented JSON object field by field, remembering
// the first error.
type jsonWriter struct {
	w   io.Writer
	buf bytes.Buffer
	err error
}

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = io.WriteString(j.w, s)
	}
}

// value encodes v indented at depth (in units of two spaces), without a
// trailing newline.
func (j *jsonWriter) value(v any, depth int) {
	if j.err != nil {
		return
	}
	j.buf.Reset()
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(strings.Repeat("  ", depth), "  ")
	if j.err = enc.Encode(v); j.err != nil {
		return
	}
	_, j.err = j.w.Write(bytes.TrimSuffix(j.buf.Bytes(), []byte("\n")))
}

func (j *jsonWriter) field(name string, v any, last bool) {
	j.raw("  \"" + name + "\": ")
	j.value(v, 1)
	if last {
		j.raw("\n")
	} else {
		j.raw(",\n")
	}
}

func (j *jsonWriter) findings(name string, fs []vouch.Finding) {
	if len(fs) == 0 {
		j.raw("  \"" + name + "\": [],\n")
		return
	}
	j.raw("  \"" + name + "\": [\n")
	for i := range fs {
		j.raw("    ")
		f := fs[i]
		if f.Package != nil {
			f.Package = reportPackage(f.Package)
		}
		j.value(&f, 2)
		if i < len(fs)-1 {
			j.raw(",\n")
		} else {
			j.raw("\n")
		}
	}
	j.raw("  ],\n")
}

// reportPackage drops what a finding's package carries only for later
// stages of a scan: the Go reachability hints (every import path or
// linked symbol of a module) are inputs to matching, not results.
func reportPackage(p *vouch.Package) *vouch.Package {
	if p.Metadata["go.imports"] == "" && p.Metadata["go.symbols"] == "" {
		return p
	}
	q := *p
	q.Metadata = make(map[string]string, len(p.Metadata))
	for k, v := range p.Metadata {
		if k != "go.imports" && k != "go.symbols" {
			q.Metadata[k] = v
		}
	}
	if len(q.Metadata) == 0 {
		q.Metadata = nil
	}
	return &q
}
