package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// WriteDecisionTable writes d for people: the verdict, environment and
// artifact on the first line ("DENY  production  app@sha256:3f2a9c0d1e2f…"),
// then the violations, the waived violations, the expired waivers, the
// rejected evidence, and one summary line. Every cell is kept on one line
// and free of terminal escapes.
func WriteDecisionTable(w io.Writer, d *vouch.Decision) error {
	d = normalizedDecision(d)
	bw := bufio.NewWriter(w)
	line := func(s string) {
		bw.WriteString(s)
		bw.WriteByte('\n')
	}

	line(sanitize(strings.Join(nonEmpty(verdictLabel(d.Verdict), d.Environment, artifactLabel(d.Artifact, false)), "  ")))
	var facts []string
	if !d.DecidedAt.IsZero() {
		facts = append(facts, "decided "+formatInstant(d.DecidedAt))
	}
	if d.Tool != "" {
		facts = append(facts, "by "+d.Tool)
		if len(facts) == 2 {
			facts = []string{facts[0] + " " + facts[1]} // "decided … by vouch 0.9.0"
		}
	}
	if !d.PolicyDigest.IsZero() {
		facts = append(facts, "policy "+shortDigest(d.PolicyDigest.String()))
	}
	if !d.InputDigest.IsZero() {
		facts = append(facts, "input "+shortDigest(d.InputDigest.String()))
	}
	if len(facts) > 0 {
		line(sanitize(strings.Join(facts, ", ")))
	}
	if ctx := contextParts(d.Context); len(ctx) > 0 {
		line(sanitize(strings.Join(ctx, ", ")))
	}

	line("")
	if len(d.Violations) == 0 {
		line("no violations")
	} else {
		line("violations")
		rows := [][]string{{"ACTION", "POLICY", "SEVERITY", "MESSAGE", "EVIDENCE"}}
		for _, v := range d.Violations {
			rows = append(rows, []string{string(v.Action), v.Policy, v.Severity.String(), v.Message, strings.Join(v.Evidence, ",")})
		}
		writeTab(bw, rows)
	}

	if len(d.Waived) > 0 {
		line("")
		line("waived")
		rows := [][]string{{"POLICY", "SEVERITY", "MESSAGE", "WAIVER", "OWNER", "EXPIRES"}}
		for _, v := range d.Waived {
			id, owner, expires := "", "", dash
			if v.Waiver != nil {
				id, owner, expires = v.Waiver.ID, v.Waiver.Owner, formatDay(v.Waiver.Expires)
			}
			rows = append(rows, []string{v.Policy, v.Severity.String(), v.Message, id, owner, expires})
		}
		writeTab(bw, rows)
	}

	if len(d.ExpiredWaivers) > 0 {
		line("")
		line("expired waivers")
		rows := [][]string{{"WAIVER", "COVERED", "OWNER", "STATUS"}}
		for _, wv := range d.ExpiredWaivers {
			rows = append(rows, []string{wv.ID, waiverScope(wv), wv.Owner, "expired " + formatDay(wv.Expires) + ", no longer applies"})
		}
		writeTab(bw, rows)
	}

	c := countDecision(d)
	if c.rejected > 0 {
		line("")
		line("rejected evidence")
		rows := [][]string{{"ID", "KIND", "SOURCE", "REASON"}}
		for _, e := range d.Evidence {
			if e.Rejected != "" {
				rows = append(rows, []string{e.ID, e.Kind, e.Source, e.Rejected})
			}
		}
		writeTab(bw, rows)
	}

	line("")
	line(strings.ToLower(verdictLabel(d.Verdict)) + ": " + strings.Join(c.parts(), ", "))
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write decision table: %w", err)
	}
	return nil
}

// writeTab writes rows as an indented, aligned table. Cells are
// sanitized, so none holds a tab or a line break.
func writeTab(w io.Writer, rows [][]string) {
	tw := tabwriter.NewWriter(w, 0, 0, len(colGap), ' ', 0)
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = orDash(sanitize(c))
		}
		fmt.Fprintln(tw, indent+strings.Join(cells, "\t"))
	}
	tw.Flush()
}

// waiverScope says what a waiver covers: "policy vulnerabilities, finding
// CVE-2021-44228, package pkg:maven/…, in production".
func waiverScope(w vouch.Waiver) string {
	var p []string
	if w.Policy != "" {
		p = append(p, "policy "+w.Policy)
	}
	if w.Finding != "" {
		p = append(p, "finding "+w.Finding)
	}
	if w.Package != "" {
		p = append(p, "package "+w.Package)
	}
	if w.Environment != "" {
		p = append(p, "in "+w.Environment)
	}
	return strings.Join(p, ", ")
}

// contextParts names what the gate knew about the change.
func contextParts(c vouch.GateContext) []string {
	var p []string
	for _, kv := range [][2]string{
		{"repository", c.Repository}, {"branch", c.Branch}, {"commit", c.Commit},
		{"actor", c.Actor}, {"author", c.Author},
	} {
		if kv[1] != "" {
			p = append(p, kv[0]+" "+kv[1])
		}
	}
	return p
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
