package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// junitRead is JUnit XML as a CI system reads it.
type junitRead struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name      string `xml:"name,attr"`
		Tests     int    `xml:"tests,attr"`
		Failures  int    `xml:"failures,attr"`
		Skipped   int    `xml:"skipped,attr"`
		Timestamp string `xml:"timestamp,attr"`
		Cases     []struct {
			Classname string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func readJUnit(t *testing.T, d *vouch.Decision) junitRead {
	t.Helper()
	var r junitRead
	dec := xml.NewDecoder(bytes.NewReader(writeDecision(t, WriteDecisionJUnit, d)))
	dec.Strict = true
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("JUnit output is not well-formed XML: %v", err)
	}
	return r
}

func TestDecisionJUnitCounts(t *testing.T) {
	d := richDecision()
	r := readJUnit(t, d)
	if len(r.Suites) != 1 {
		t.Fatalf("%d suites, want 1", len(r.Suites))
	}
	s := r.Suites[0]
	if s.Name != "vouch gate production" || s.Timestamp != "2026-03-02T09:15:00" {
		t.Errorf("suite %q at %q", s.Name, s.Timestamp)
	}
	// 10 policies, 5 of which have a violation or a waived one: 5 passes,
	// plus one case per violation (4) and per waived violation (1).
	if s.Tests != 10 || len(s.Cases) != 10 || s.Failures != 3 || s.Skipped != 1 {
		t.Errorf("tests %d (cases %d) failures %d skipped %d, want 10 (10) 3 1", s.Tests, len(s.Cases), s.Failures, s.Skipped)
	}
	if r.Tests != s.Tests || r.Failures != s.Failures || r.Skipped != s.Skipped {
		t.Errorf("testsuites counts %d/%d/%d disagree with the suite's", r.Tests, r.Failures, r.Skipped)
	}
	failures, skipped, warnings, passed := 0, 0, 0, 0
	for _, c := range s.Cases {
		if !strings.HasPrefix(c.Classname, "vouch.gate.") || c.Name == "" {
			t.Errorf("case %q %q", c.Classname, c.Name)
		}
		switch {
		case c.Failure != nil:
			failures++
		case c.Skipped != nil:
			skipped++
			if !strings.Contains(c.Skipped.Message, "W-2026-007") || !strings.Contains(c.Skipped.Message, "team-payments") {
				t.Errorf("skipped message %q lacks the waiver and its owner", c.Skipped.Message)
			}
		case strings.HasPrefix(c.SystemOut, "warning: "):
			warnings++
		default:
			passed++
		}
	}
	if failures != 3 || skipped != 1 || warnings != 1 || passed != 5 {
		t.Errorf("failures %d skipped %d warnings %d passed %d, want 3 1 1 5", failures, skipped, warnings, passed)
	}
}

func TestDecisionJUnitEscapes(t *testing.T) {
	const msg = "<b>bad</b> & ]]> <![CDATA[x]]> \x00\x01\x08\x0b\x1b\ufffe \xff end"
	d := richDecision()
	d.Violations[3].Message = msg // the vulnerabilities violation, which denies
	d.Environment = "prod\x00<&>"
	d.Waived[0].Waiver.Reason = "\x1f]]>&<"
	r := readJUnit(t, d)
	const want = "<b>bad</b> & ]]> <![CDATA[x]]>   end"
	var found bool
	for _, c := range r.Suites[0].Cases {
		if c.Failure == nil || !strings.HasPrefix(c.Classname, "vouch.gate.vulnerabilities") {
			continue
		}
		found = true
		if c.Failure.Message != want || c.Name != want {
			t.Errorf("message %q, name %q; want %q (invalid XML characters dropped, the rest intact)", c.Failure.Message, c.Name, want)
		}
		if !strings.HasPrefix(c.Failure.Text, want+"\n") {
			t.Errorf("failure text %q does not start with the message", c.Failure.Text)
		}
	}
	if !found {
		t.Fatal("no failure for the vulnerabilities violation")
	}
	if got := r.Suites[0].Name; got != "vouch gate prod<&>" {
		t.Errorf("suite name %q", got)
	}
}

func TestXMLText(t *testing.T) {
	tests := map[string]string{
		"plain":              "plain",
		"tab\tnl\ncr\r":      "tab\tnl\ncr\r",
		"nul\x00bel\x07":     "nulbel",
		"\ufffe\uffff\ufffd": "\ufffd",
		"bad\xffutf8":        "badutf8",
		"emoji 🚀":            "emoji 🚀",
	}
	for in, want := range tests {
		if got := xmlText(in); got != want {
			t.Errorf("xmlText(%q) = %q, want %q", in, got, want)
		}
	}
}
