package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// decisionSchemaVersion is the version of the JSON form of vouch.Decision.
const decisionSchemaVersion = "1"

// normalizedDecision returns a copy of d that the decision writers can
// read without checks: never nil, slices and maps never nil, violations
// sorted (deny first, then severity from critical down, policy, message),
// policies sorted by id. d itself is not modified; the copy shares
// nothing that a writer changes.
func normalizedDecision(d *vouch.Decision) *vouch.Decision {
	var c vouch.Decision
	if d != nil {
		c = *d
	}
	if c.SchemaVersion == "" {
		c.SchemaVersion = decisionSchemaVersion
	}
	c.Violations = sortedViolations(c.Violations)
	c.Waived = sortedViolations(c.Waived)
	c.ExpiredWaivers = slices.Clone(c.ExpiredWaivers)
	if c.ExpiredWaivers == nil {
		c.ExpiredWaivers = []vouch.Waiver{}
	}
	slices.SortStableFunc(c.ExpiredWaivers, func(a, b vouch.Waiver) int {
		return cmp.Or(a.Expires.Compare(b.Expires), strings.Compare(a.ID, b.ID))
	})
	// Evidence keeps the order it was given in: its ids ("e1", "e2" …)
	// follow that order.
	c.Evidence = slices.Clone(c.Evidence)
	if c.Evidence == nil {
		c.Evidence = []vouch.Evidence{}
	}
	c.Policies = slices.Clone(c.Policies)
	if c.Policies == nil {
		c.Policies = []vouch.Policy{}
	}
	slices.SortStableFunc(c.Policies, func(a, b vouch.Policy) int { return strings.Compare(a.ID, b.ID) })
	if c.Summary.Findings == nil {
		c.Summary.Findings = map[string]map[string]int{}
	}
	return &c
}

func sortedViolations(vs []vouch.Violation) []vouch.Violation {
	out := slices.Clone(vs)
	if out == nil {
		return []vouch.Violation{}
	}
	slices.SortStableFunc(out, compareViolations)
	return out
}

// compareViolations orders violations as every decision writer lists
// them: deny before warn, then severity from critical down, then policy,
// message, finding and package.
func compareViolations(a, b vouch.Violation) int {
	return cmp.Or(
		cmp.Compare(actionRank(b.Action), actionRank(a.Action)),
		cmp.Compare(severityRank(b.Severity), severityRank(a.Severity)), // UNKNOWN just below CRITICAL
		strings.Compare(a.Policy, b.Policy),
		strings.Compare(a.Message, b.Message),
		strings.Compare(a.Finding, b.Finding),
		strings.Compare(a.Package, b.Package),
		slices.Compare(a.Evidence, b.Evidence),
	)
}

func actionRank(v vouch.Verdict) int {
	switch v {
	case vouch.Deny:
		return 2
	case vouch.Warn:
		return 1
	}
	return 0
}

// verdictLabel is the verdict as reports show it: "ALLOW", "WARN", "DENY".
func verdictLabel(v vouch.Verdict) string {
	if v == "" {
		return "NO VERDICT"
	}
	return strings.ToUpper(sanitize(string(v)))
}

// artifactLabel names the artifact: "name@sha256:3f2a9c0d1e2f…", or the
// full digest when full is set.
func artifactLabel(s vouch.Subject, full bool) string {
	dg := s.Digest.String()
	if !full && dg != "" {
		if short := shortDigest(dg); short != dg {
			dg = short + "…"
		}
	}
	switch {
	case s.Name != "" && dg != "":
		return s.Name + "@" + dg
	case s.Name != "":
		return s.Name
	case dg != "":
		return dg
	}
	return "(no artifact)"
}

// evidenceIndex finds evidence by id.
func evidenceIndex(d *vouch.Decision) map[string]*vouch.Evidence {
	m := make(map[string]*vouch.Evidence, len(d.Evidence))
	for i := range d.Evidence {
		if _, ok := m[d.Evidence[i].ID]; !ok {
			m[d.Evidence[i].ID] = &d.Evidence[i]
		}
	}
	return m
}

// decisionCounts counts what a decision's lists hold, for summary lines.
type decisionCounts struct {
	denied, warned, waived, expired, rejected, evidence, policies int
}

func countDecision(d *vouch.Decision) decisionCounts {
	c := decisionCounts{
		waived:   len(d.Waived),
		expired:  len(d.ExpiredWaivers),
		evidence: len(d.Evidence),
		policies: len(d.Policies),
	}
	for _, v := range d.Violations {
		if v.Action == vouch.Warn {
			c.warned++
		} else {
			c.denied++ // anything that is not a warning denies: fail closed
		}
	}
	for _, e := range d.Evidence {
		if e.Rejected != "" {
			c.rejected++
		}
	}
	return c
}

func (c decisionCounts) parts() []string {
	return []string{
		fmt.Sprintf("%d denied", c.denied),
		fmt.Sprintf("%d warned", c.warned),
		fmt.Sprintf("%d waived", c.waived),
		plural(c.expired, "expired waiver", "expired waivers"),
		fmt.Sprintf("%d of %s rejected", c.rejected, plural(c.evidence, "evidence", "evidence")),
		plural(c.policies, "policy", "policies"),
	}
}

// formatDay writes a date as reports show waiver expiry: "2026-01-01".
func formatDay(t time.Time) string {
	if t.IsZero() {
		return dash
	}
	return t.UTC().Format(time.DateOnly)
}

// formatInstant writes a time to the second, in UTC.
func formatInstant(t time.Time) string {
	if t.IsZero() {
		return dash
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// WriteDecisionJSON writes d as indented JSON: vouch gate's JSON output,
// and the predicate of https://vouch.dev/decision/v1 attestations. Empty
// lists are written as [] and violations in the order the other writers
// use; d is not modified.
func WriteDecisionJSON(w io.Writer, d *vouch.Decision) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(normalizedDecision(d)); err != nil {
		return fmt.Errorf("write decision json: %w", err)
	}
	return nil
}
