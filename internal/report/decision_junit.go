package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// The JUnit XML that GitLab, Jenkins and most CI systems read.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Skipped  int          `xml:"skipped,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string           `xml:"name,attr"`
		Tests      int              `xml:"tests,attr"`
		Failures   int              `xml:"failures,attr"`
		Errors     int              `xml:"errors,attr"`
		Skipped    int              `xml:"skipped,attr"`
		Timestamp  string           `xml:"timestamp,attr,omitempty"`
		Properties *junitProperties `xml:"properties"`
		Cases      []junitCase      `xml:"testcase"`
	}
	junitProperties struct {
		Properties []junitProperty `xml:"property"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Classname string        `xml:"classname,attr"`
		Name      string        `xml:"name,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitFailure `xml:"failure"`
		Skipped   *junitSkipped `xml:"skipped"`
		SystemOut *junitText    `xml:"system-out"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",cdata"`
	}
	// junitText is text that people read in a CI log: CDATA keeps its
	// line breaks as they are (encoding/xml splits any "]]>" in it).
	junitText struct {
		Text string `xml:",cdata"`
	}
	junitSkipped struct {
		Message string `xml:"message,attr"`
	}
)

// maxCaseName bounds a test case's name, which CI systems show in one line.
const maxCaseName = 200

// WriteDecisionJUnit writes d as JUnit XML, one test suite named
// "vouch gate ENVIRONMENT": a passing test case for each policy without
// violations, and one test case per violation — a failure when it denies,
// a pass that says "warning" in its system-out when it warns, skipped
// when a waiver covers it. Test cases are classed "vouch.gate.POLICY".
// Characters that XML 1.0 does not allow are dropped. d is not modified.
func WriteDecisionJUnit(w io.Writer, d *vouch.Decision) error {
	d = normalizedDecision(d)
	evidence := evidenceIndex(d)
	suite := junitSuite{Name: xmlText(strings.TrimSpace("vouch gate " + d.Environment))}
	if !d.DecidedAt.IsZero() {
		suite.Timestamp = d.DecidedAt.UTC().Format("2006-01-02T15:04:05")
	}
	var props []junitProperty
	for _, kv := range [][2]string{
		{"environment", d.Environment},
		{"verdict", string(d.Verdict)},
		{"artifact", d.Artifact.Name},
		{"artifact.digest", d.Artifact.Digest.String()},
		{"policy.digest", d.PolicyDigest.String()},
		{"input.digest", d.InputDigest.String()},
		{"tool", d.Tool},
	} {
		if kv[1] != "" {
			props = append(props, junitProperty{Name: kv[0], Value: xmlText(kv[1])})
		}
	}
	if len(props) > 0 {
		suite.Properties = &junitProperties{Properties: props}
	}

	hit := map[string]bool{}
	for _, vs := range [][]vouch.Violation{d.Violations, d.Waived} {
		for _, v := range vs {
			hit[v.Policy] = true
		}
	}
	for _, p := range d.Policies {
		if hit[p.ID] {
			continue
		}
		name := firstLine(p.Title)
		if name == "" {
			name = p.ID
		}
		suite.Cases = append(suite.Cases, junitCase{Classname: junitClass(p.ID), Name: xmlText(cut(name, maxCaseName)), Time: "0"})
	}
	for _, v := range d.Violations {
		c := violationCase(v)
		detail := xmlText(violationDetail(v, evidence))
		if v.Action == vouch.Warn {
			c.SystemOut = &junitText{Text: "warning: " + detail}
		} else {
			c.Failure = &junitFailure{Message: xmlText(v.Message), Type: xmlText(strings.ToLower(verdictLabel(v.Action)) + " " + v.Severity.String()), Text: detail}
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, c)
	}
	for _, v := range d.Waived {
		c := violationCase(v)
		msg := "waived"
		if wv := v.Waiver; wv != nil {
			msg = "waived by " + orDefault(wv.ID, "a waiver")
			var who []string
			if wv.Owner != "" {
				who = append(who, "owner "+wv.Owner)
			}
			if wv.Approver != "" {
				who = append(who, "approved by "+wv.Approver)
			}
			if !wv.Expires.IsZero() {
				who = append(who, "expires "+formatDay(wv.Expires))
			}
			if len(who) > 0 {
				msg += " (" + strings.Join(who, ", ") + ")"
			}
			if wv.Reason != "" {
				msg += ": " + wv.Reason
			}
		}
		c.Skipped = &junitSkipped{Message: xmlText(msg)}
		c.SystemOut = &junitText{Text: xmlText(violationDetail(v, evidence))}
		suite.Cases = append(suite.Cases, c)
		suite.Skipped++
	}
	suite.Tests = len(suite.Cases)

	doc := junitSuites{
		Name:     "vouch gate",
		Tests:    suite.Tests,
		Failures: suite.Failures,
		Skipped:  suite.Skipped,
		Suites:   []junitSuite{suite},
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write decision junit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("write decision junit: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write decision junit: %w", err)
	}
	return nil
}

func junitClass(policy string) string {
	return xmlText("vouch.gate." + orDefault(policy, "unknown"))
}

func violationCase(v vouch.Violation) junitCase {
	name := firstLine(v.Message)
	if name == "" {
		name = "policy " + v.Policy + " violated"
	}
	return junitCase{Classname: junitClass(v.Policy), Name: xmlText(cut(name, maxCaseName)), Time: "0"}
}

// violationDetail writes what a CI log should show about a violation,
// one fact a line.
func violationDetail(v vouch.Violation, evidence map[string]*vouch.Evidence) string {
	var b strings.Builder
	b.WriteString(v.Message + "\n\n")
	fmt.Fprintf(&b, "policy:   %s\naction:   %s\nseverity: %s\n", v.Policy, v.Action, v.Severity)
	if v.Finding != "" {
		fmt.Fprintf(&b, "finding:  %s\n", v.Finding)
	}
	if v.Package != "" {
		fmt.Fprintf(&b, "package:  %s\n", v.Package)
	}
	for _, id := range v.Evidence {
		if e := evidence[id]; e != nil {
			fmt.Fprintf(&b, "evidence: %s %s %s\n", e.ID, e.Kind, e.Source)
		} else {
			fmt.Fprintf(&b, "evidence: %s\n", id)
		}
	}
	return b.String()
}

// xmlText drops what XML 1.0 cannot hold (control characters other than
// tab, newline and carriage return; surrogates; U+FFFE and U+FFFF) and
// invalid UTF-8. encoding/xml escapes the rest.
func xmlText(s string) string {
	valid := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' ||
			(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
	}
	clean := utf8.ValidString(s)
	for _, r := range s {
		if !clean || !valid(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && size == 1) && valid(r) {
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}
