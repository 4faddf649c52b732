package policy

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// sarifLog is the part of SARIF 2.1.0 a gate reads: each run's tool and
// rules, and each result's rule, level, message and first location.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string      `json:"name"`
				Rules []sarifRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Rule      *struct {
				ID    string `json:"id"`
				Index *int   `json:"index"`
			} `json:"rule"`
			Level   string `json:"level"`
			Kind    string `json:"kind"`
			Message struct {
				Text     string `json:"text"`
				Markdown string `json:"markdown"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Suppressions []struct {
				Status string `json:"status"`
			} `json:"suppressions"`
			Properties sarifProps `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

type sarifRule struct {
	ID                   string `json:"id"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties sarifProps `json:"properties"`
}

// sarifProps reads security-severity, which CodeQL and GitHub write as a
// string ("8.8") and some tools as a number.
type sarifProps struct {
	SecuritySeverity json.RawMessage `json:"security-severity"`
	// Tags: gosec writes its own severity as a tag ("security", "HIGH").
	Tags []string `json:"tags"`
}

// tagSeverity is a severity word among the tags, as gosec writes it.
func (p sarifProps) tagSeverity() (string, bool) {
	for _, t := range p.Tags {
		switch strings.ToUpper(t) {
		case "CRITICAL", "HIGH", "MEDIUM", "LOW":
			return strings.ToUpper(t), true
		}
	}
	return "", false
}

func (p sarifProps) score() (float64, bool) {
	raw := strings.Trim(string(p.SecuritySeverity), `" `)
	if raw == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(raw, 64)
	return f, err == nil && f >= 0 && f <= 10
}

// accepted: a SARIF suppression hides a result only when accepted (a
// missing status means accepted); one under review or rejected does not.
func accepted(sups []struct {
	Status string `json:"status"`
}) bool {
	for _, s := range sups {
		if s.Status == "" || s.Status == "accepted" {
			return true
		}
	}
	return false
}

// sarif files every run of a SARIF log. Results a tool suppressed with an
// accepted suppression do not count.
func (r *reader) sarif(e *vouch.Evidence, data []byte) error {
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		return vouch.Input(fmt.Errorf("evidence %s: bad SARIF: %s", e.Source, shortJSON(err)), "")
	}
	if !strings.HasPrefix(log.Version, "2.1") {
		return vouch.Input(fmt.Errorf("evidence %s: SARIF version %q (vouch reads 2.1.0)", e.Source, log.Version), "")
	}
	id := r.add(*e)
	for _, run := range log.Runs {
		out := SARIFRun{Evidence: id, Signed: e.Signed, Tool: run.Tool.Driver.Name, Results: make([]SARIFResult, 0, len(run.Results))}
		rules := run.Tool.Driver.Rules
		byID := make(map[string]int, len(rules))
		for i, rl := range rules {
			byID[rl.ID] = i
		}
		for _, res := range run.Results {
			if accepted(res.Suppressions) || res.Kind == "pass" || res.Kind == "notApplicable" || res.Kind == "informational" {
				continue // accepted, or not a problem; fail, open and review count
			}
			ruleID := res.RuleID
			idx := -1
			switch {
			case res.RuleIndex != nil:
				idx = *res.RuleIndex
			case res.Rule != nil && res.Rule.Index != nil:
				idx = *res.Rule.Index
			}
			if ruleID == "" && res.Rule != nil {
				ruleID = res.Rule.ID
			}
			if idx < 0 || idx >= len(rules) {
				idx = -1
				if i, ok := byID[ruleID]; ok {
					idx = i
				}
			}
			if ruleID == "" && idx >= 0 {
				ruleID = rules[idx].ID
			}
			level := res.Level
			if level == "" && idx >= 0 {
				level = rules[idx].DefaultConfiguration.Level
			}
			if level == "" {
				level = "warning" // SARIF's default
			}
			// The most specific word on severity wins: a security-severity
			// score (CodeQL, GitHub), on the result or its rule; a severity
			// tag (gosec); else the level.
			sev := ""
			if s, ok := res.Properties.score(); ok {
				sev = vouch.SeverityFromScore(s).String()
			} else if idx >= 0 {
				if s, ok := rules[idx].Properties.score(); ok {
					sev = vouch.SeverityFromScore(s).String()
				} else if t, ok := rules[idx].Properties.tagSeverity(); ok {
					sev = t
				}
			}
			if sev == "" {
				sev = map[string]string{"error": "HIGH", "warning": "MEDIUM", "note": "LOW", "none": "NONE"}[level]
				if sev == "" {
					sev = "UNKNOWN"
				}
			}
			msg := res.Message.Text
			if msg == "" {
				msg = res.Message.Markdown
			}
			loc := ""
			if len(res.Locations) > 0 {
				pl := res.Locations[0].PhysicalLocation
				loc = pl.ArtifactLocation.URI
				if pl.Region.StartLine > 0 {
					loc += ":" + strconv.Itoa(pl.Region.StartLine)
				}
			}
			out.Results = append(out.Results, SARIFResult{RuleID: ruleID, Level: level, Severity: sev, Message: msg, Location: loc})
		}
		r.c.in.SARIF = append(r.c.in.SARIF, out)
	}
	return nil
}
