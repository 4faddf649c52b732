package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
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

// WriteJSON writes r as indented JSON, findings in Sort order.
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(normalized(r)); err != nil {
		return fmt.Errorf("write json result: %w", err)
	}
	return nil
}
