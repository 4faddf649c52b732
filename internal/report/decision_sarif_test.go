package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

func TestDecisionSARIFValidatesAgainstOfficialSchema(t *testing.T) {
	sch := compileSchema(t, sarifSchemaPath)
	for name, d := range map[string]*vouch.Decision{"rich": richDecision(), "hostile": hostileDecision(), "zero": {}} {
		if err := validate(t, sch, writeDecision(t, WriteDecisionSARIF, d)); err != nil {
			t.Errorf("%s: SARIF fails the official schema: %v", name, err)
		}
	}
	// The schema can fail: a level SARIF does not know is rejected.
	var m map[string]any
	if err := json.Unmarshal(writeDecision(t, WriteDecisionSARIF, richDecision()), &m); err != nil {
		t.Fatal(err)
	}
	result(m, 0)["level"] = "deny"
	doc, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if validate(t, sch, doc) == nil {
		t.Error("the schema accepted level \"deny\": the validation above proves nothing")
	}
}

func TestDecisionSARIF(t *testing.T) {
	d := richDecision()
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
				Suppressions []struct{ Kind, Status, Justification string }
			}
		}
	}
	if err := json.Unmarshal(writeDecision(t, WriteDecisionSARIF, d), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "vouch-gate" {
		t.Errorf("driver %q, want vouch-gate", run.Tool.Driver.Name)
	}
	if got, want := len(run.Tool.Driver.Rules), len(d.Policies); got != want {
		t.Errorf("%d rules, want one per policy (%d)", got, want)
	}
	if got, want := len(run.Results), len(d.Violations)+len(d.Waived); got != want {
		t.Fatalf("%d results, want %d", got, want)
	}
	levels := map[string]int{}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s: ruleIndex %d points at %s", r.RuleID, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID)
		}
		if len(r.Suppressions) > 0 {
			s := r.Suppressions[0]
			if s.Kind != "external" || s.Justification != d.Waived[0].Waiver.Reason {
				t.Errorf("suppression %+v, want external with the waiver's reason", s)
			}
			levels["waived"]++
			continue
		}
		levels[r.Level]++
	}
	if levels["error"] != 3 || levels["warning"] != 1 || levels["waived"] != 1 {
		t.Errorf("levels %v, want 3 error, 1 warning, 1 waived", levels)
	}
	// The log4j violation names the scan and the SBOM: both are locations.
	first := run.Results[0]
	if first.RuleID != "vulnerabilities" || len(first.Locations) != 2 ||
		first.Locations[0].PhysicalLocation.ArtifactLocation.URI != "evidence/scan.intoto.jsonl" ||
		first.Locations[1].PhysicalLocation.ArtifactLocation.URI != "evidence/sbom.cdx.json" {
		t.Errorf("first result %s at %+v, want vulnerabilities at the scan and the SBOM", first.RuleID, first.Locations)
	}
}

// A violation of a policy the decision does not list still gets a rule.
func TestDecisionSARIFUnlistedPolicy(t *testing.T) {
	d := &vouch.Decision{Violations: []vouch.Violation{{Policy: "ghost", Action: vouch.Deny, Evidence: []string{"e9"}}}}
	sch := compileSchema(t, sarifSchemaPath)
	out := writeDecision(t, WriteDecisionSARIF, d)
	if err := validate(t, sch, out); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	if len(rules(m)) != 1 || rules(m)[0].(map[string]any)["id"] != "ghost" {
		t.Errorf("rules %v, want one for ghost", rules(m))
	}
}

// TestDecisionSARIFLocatesMissingEvidence: a violation about something
// missing still has a location (the artifact), which GitHub requires.
func TestDecisionSARIFLocatesMissingEvidence(t *testing.T) {
	d := &vouch.Decision{Artifact: vouch.Subject{Name: "dist/app"}, Verdict: vouch.Deny,
		Violations: []vouch.Violation{{Policy: "signature", Action: vouch.Deny, Severity: vouch.SeverityCritical, Message: "not signed"}}}
	var b bytes.Buffer
	if err := WriteDecisionSARIF(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`"uri": "dist/app"`)) {
		t.Errorf("no location at the artifact:\n%s", b.String())
	}
}
