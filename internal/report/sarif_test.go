package report

import (
	"bytes"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// sarifSchemaPath is the OASIS SARIF 2.1.0 schema (errata 01), copied
// with its licence from the OASIS SARIF TC repository.
const sarifSchemaPath = "testdata/sarif/sarif-schema-2.1.0.json"

func compileSchema(t testing.TB, path string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	return sch
}

func validate(t testing.TB, sch *jsonschema.Schema, doc []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

func writeSARIF(t testing.TB, r *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSARIF(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSARIFValidatesAgainstOfficialSchema(t *testing.T) {
	sch := compileSchema(t, sarifSchemaPath)
	for name, r := range map[string]*Result{"rich": richResult(), "empty": emptyResult(), "zero": {}} {
		if err := validate(t, sch, writeSARIF(t, r)); err != nil {
			t.Errorf("%s: SARIF fails the official schema: %v", name, err)
		}
	}
}

// TestSARIFSchemaCatchesInvalid proves the validation above can fail: each
// mutation breaks a rule of the schema.
func TestSARIFSchemaCatchesInvalid(t *testing.T) {
	sch := compileSchema(t, sarifSchemaPath)
	mutations := map[string]func(m map[string]any){
		"unknown level": func(m map[string]any) { result(m, 0)["level"] = "fatal" },
		"no message":    func(m map[string]any) { delete(result(m, 0), "message") },
		"startLine 0": func(m map[string]any) {
			loc := result(m, 0)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["region"].(map[string]any)["startLine"] = 0
		},
		"bad suppression kind": func(m map[string]any) {
			for i := range results(m) {
				if s, ok := result(m, i)["suppressions"].([]any); ok {
					s[0].(map[string]any)["kind"] = "ignoreFile"
					return
				}
			}
			panic("no suppressed result")
		},
		"wrong version":   func(m map[string]any) { m["version"] = "2.0.0" },
		"unknown field":   func(m map[string]any) { m["findings"] = []any{} },
		"helpUri not uri": func(m map[string]any) { rules(m)[0].(map[string]any)["helpUri"] = "not a uri" },
	}
	base := writeSARIF(t, richResult())
	for name, mutate := range mutations {
		t.Run(name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(base, &m); err != nil {
				t.Fatal(err)
			}
			mutate(m)
			doc, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			if err := validate(t, sch, doc); err == nil {
				t.Error("the schema accepted an invalid document: the validation test proves nothing")
			}
		})
	}
}

func run0(m map[string]any) map[string]any { return m["runs"].([]any)[0].(map[string]any) }
func results(m map[string]any) []any       { return run0(m)["results"].([]any) }
func result(m map[string]any, i int) map[string]any {
	return results(m)[i].(map[string]any)
}
func rules(m map[string]any) []any {
	return run0(m)["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
}

// The parts of SARIF that GitHub code scanning reads, decoded strictly.
type ghLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text, Markdown string }
					HelpURI          string `json:"helpUri"`
					Properties       struct {
						Tags             []string `json:"tags"`
						SecuritySeverity *string  `json:"security-severity"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
						EndLine   int `json:"endLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind, Status, Justification string
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

// TestSARIFGitHubRules checks what GitHub code scanning requires beyond
// the schema, so that an upload is accepted and ranked.
func TestSARIFGitHubRules(t *testing.T) {
	r := richResult()
	out := writeSARIF(t, r)
	var log ghLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs; want 2.1.0 and one run", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name == "" {
		t.Error("tool.driver.name is empty")
	}
	if got, want := len(run.Results), len(r.Findings)+len(r.Suppressed); got != want {
		t.Errorf("%d results, want one per finding and suppressed finding (%d)", got, want)
	}
	ruleIDs := map[string]bool{}
	for i, rule := range run.Tool.Driver.Rules {
		if ruleIDs[rule.ID] {
			t.Errorf("rule %s twice", rule.ID)
		}
		ruleIDs[rule.ID] = true
		p := rule.Properties
		if p.SecuritySeverity == nil {
			t.Errorf("rule %s: no security-severity", rule.ID)
		} else if v, err := strconv.ParseFloat(*p.SecuritySeverity, 64); err != nil || v < 0 || v > 10 {
			t.Errorf("rule %s: security-severity %q is not a number in [0, 10]", rule.ID, *p.SecuritySeverity)
		}
		if !slices.Contains(p.Tags, "security") {
			t.Errorf("rule %s: tags %q lack \"security\", so GitHub ignores security-severity", rule.ID, p.Tags)
		}
		if len(p.Tags) > 10 {
			t.Errorf("rule %s: %d tags, GitHub shows 10", rule.ID, len(p.Tags))
		}
		if rule.ShortDescription.Text == "" || rule.FullDescription.Text == "" || rule.Help.Text == "" || rule.Help.Markdown == "" {
			t.Errorf("rule %s: empty description or help", rule.ID)
		}
		if rule.HelpURI != "" {
			if u, err := url.Parse(rule.HelpURI); err != nil || !u.IsAbs() {
				t.Errorf("rule %s: helpUri %q is not absolute", rule.ID, rule.HelpURI)
			}
		}
		if i > 0 && run.Tool.Driver.Rules[i-1].ID > rule.ID {
			t.Errorf("rules not sorted: %s after %s", rule.ID, run.Tool.Driver.Rules[i-1].ID)
		}
	}
	fps := map[string]bool{}
	suppressed := 0
	for _, res := range run.Results {
		if !ruleIDs[res.RuleID] || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d does not point at its rule", res.RuleID, res.RuleIndex)
		}
		if res.Message.Text == "" {
			t.Errorf("result %s: empty message", res.RuleID)
		}
		if len(res.Locations) == 0 {
			t.Fatalf("result %s: no location (GitHub rejects it)", res.RuleID)
		}
		pl := res.Locations[0].PhysicalLocation
		if pl.Region.StartLine < 1 {
			t.Errorf("result %s: startLine %d, GitHub rejects < 1", res.RuleID, pl.Region.StartLine)
		}
		if pl.Region.EndLine != 0 && pl.Region.EndLine < pl.Region.StartLine {
			t.Errorf("result %s: endLine %d before startLine %d", res.RuleID, pl.Region.EndLine, pl.Region.StartLine)
		}
		u, err := url.Parse(pl.ArtifactLocation.URI)
		if err != nil || u.IsAbs() || strings.HasPrefix(pl.ArtifactLocation.URI, "/") {
			t.Errorf("result %s: uri %q is not a relative reference", res.RuleID, pl.ArtifactLocation.URI)
		}
		if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %s: uriBaseId %q", res.RuleID, pl.ArtifactLocation.URIBaseID)
		}
		fp := res.PartialFingerprints[fingerprintKey]
		if fp == "" {
			t.Errorf("result %s: no partialFingerprints", res.RuleID)
		}
		if fps[fp] {
			t.Errorf("result %s: fingerprint %s not unique", res.RuleID, fp)
		}
		fps[fp] = true
		if len(res.Suppressions) > 0 {
			suppressed++
			s := res.Suppressions[0]
			if s.Kind != "external" || s.Status != "accepted" || s.Justification == "" {
				t.Errorf("result %s: suppression %+v", res.RuleID, s)
			}
		}
	}
	if suppressed != len(r.Suppressed) {
		t.Errorf("%d results carry suppressions, want %d", suppressed, len(r.Suppressed))
	}
	if strings.Contains(string(out), "DETAIL-MARKER") {
		t.Error("a secret's detail reached the SARIF output")
	}
	if !strings.Contains(string(out), `"uri": "app/config/dev%20settings.py"`) {
		t.Error("a path with a space is not percent-encoded")
	}
}

func TestSARIFLevelsAndSeverity(t *testing.T) {
	tests := []struct {
		sev      vouch.Severity
		score    float64
		level    string
		security string
	}{
		{vouch.SeverityCritical, 9.8, "error", "9.8"},
		{vouch.SeverityCritical, 0, "error", "9.5"},
		{vouch.SeverityHigh, 7.5, "error", "7.5"},
		{vouch.SeverityHigh, 5.0, "error", "8.0"}, // score disagrees with the label: trust the label
		{vouch.SeverityMedium, 0, "warning", "5.5"},
		{vouch.SeverityLow, 3.1, "note", "3.1"},
		{vouch.SeverityNone, 0, "note", "0.0"},
		{vouch.SeverityUnknown, 0, "warning", "5.5"},
		{vouch.SeverityUnknown, 9.8, "warning", "5.5"},
	}
	for _, tt := range tests {
		r := &Result{Findings: []vouch.Finding{{Kind: vouch.KindVulnerability, ID: "X-1", Severity: tt.sev, Score: tt.score, Location: vouch.Location{Path: "go.sum"}}}}
		var log ghLog
		if err := json.Unmarshal(writeSARIF(t, r), &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		if got := run.Results[0].Level; got != tt.level {
			t.Errorf("%v: level %q, want %q", tt.sev, got, tt.level)
		}
		if got := *run.Tool.Driver.Rules[0].Properties.SecuritySeverity; got != tt.security {
			t.Errorf("%v score %v: security-severity %q, want %q", tt.sev, tt.score, got, tt.security)
		}
		if got := run.Results[0].Locations[0].PhysicalLocation.Region.StartLine; got != 1 {
			t.Errorf("unknown line: startLine %d, want 1", got)
		}
	}
}

// TestSARIFFingerprintIgnoresLine: moving a finding keeps its alert.
func TestSARIFFingerprintIgnoresLine(t *testing.T) {
	a, b := richResult(), richResult()
	for i := range b.Findings {
		b.Findings[i].Location.Line += 7
	}
	fa, fb := fingerprints(t, a), fingerprints(t, b)
	if !slices.Equal(fa, fb) {
		t.Errorf("fingerprints changed when only lines moved:\n%q\n%q", fa, fb)
	}
	c := richResult()
	c.Findings[0].Package = npm("lodash", "4.17.19")
	if slices.Equal(fa, fingerprints(t, c)) {
		t.Error("fingerprints did not change when a package version did")
	}
}

func fingerprints(t *testing.T, r *Result) []string {
	var log ghLog
	if err := json.Unmarshal(writeSARIF(t, r), &log); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, res := range log.Runs[0].Results {
		out = append(out, res.PartialFingerprints[fingerprintKey])
	}
	slices.Sort(out)
	return out
}

func TestArtifactURI(t *testing.T) {
	tests := map[string]string{
		"package-lock.json":        "package-lock.json",
		"/var/lib/dpkg/status":     "var/lib/dpkg/status",
		"./app/go.mod":             "app/go.mod",
		`app\sub\requirements.txt`: "app/sub/requirements.txt",
		"dir with space/a#b?.json": "dir%20with%20space/a%23b%3F.json",
		"c:/x":                     "./c:/x",
		"":                         "",
		"/":                        "",
		"app/100%/x":               "app/100%25/x",
	}
	for in, want := range tests {
		if got := artifactURI(in); got != want {
			t.Errorf("artifactURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkWriteSARIF(b *testing.B) {
	r := manyFindings(5000)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSARIF(discard{}, r); err != nil {
			b.Fatal(err)
		}
	}
}
