package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

const (
	gateDriverName   = "vouch-gate"
	violationHashKey = "vouchViolationHash/v1"
)

// The subset of SARIF 2.1.0 that WriteDecisionSARIF writes. It differs
// from the scan's: results may have no location (a missing approval has
// no file), and rules are policies.
type (
	gateSARIFLog struct {
		Schema  string         `json:"$schema"`
		Version string         `json:"version"`
		Runs    []gateSARIFRun `json:"runs"`
	}
	gateSARIFRun struct {
		Tool       gateSARIFTool     `json:"tool"`
		Results    []gateSARIFResult `json:"results"`
		ColumnKind string            `json:"columnKind"`
		Properties gateRunProperties `json:"properties"`
	}
	gateRunProperties struct {
		Environment    string `json:"environment,omitempty"`
		Verdict        string `json:"verdict,omitempty"`
		Artifact       string `json:"artifact,omitempty"`
		ArtifactDigest string `json:"artifactDigest,omitempty"`
		PolicyDigest   string `json:"policyDigest,omitempty"`
		InputDigest    string `json:"inputDigest,omitempty"`
		DecidedAt      string `json:"decidedAt,omitempty"`
	}
	gateSARIFTool struct {
		Driver gateSARIFDriver `json:"driver"`
	}
	gateSARIFDriver struct {
		Name           string          `json:"name"`
		Version        string          `json:"version,omitempty"`
		InformationURI string          `json:"informationUri"`
		Rules          []gateSARIFRule `json:"rules"`
	}
	gateSARIFRule struct {
		ID               string             `json:"id"`
		Name             string             `json:"name,omitempty"`
		ShortDescription sarifText          `json:"shortDescription"`
		FullDescription  sarifText          `json:"fullDescription"`
		Properties       gateRuleProperties `json:"properties"`
	}
	gateRuleProperties struct {
		Tags   []string `json:"tags"`
		Source string   `json:"source,omitempty"`
	}
	gateSARIFResult struct {
		RuleID              string                 `json:"ruleId"`
		RuleIndex           int                    `json:"ruleIndex"`
		Level               string                 `json:"level"`
		Message             sarifText              `json:"message"`
		Locations           []gateSARIFLocation    `json:"locations,omitempty"`
		PartialFingerprints map[string]string      `json:"partialFingerprints"`
		Suppressions        []gateSARIFSuppression `json:"suppressions,omitempty"`
		Properties          gateResultProperties   `json:"properties"`
	}
	gateSARIFLocation struct {
		PhysicalLocation gateSARIFPhysical `json:"physicalLocation"`
	}
	gateSARIFPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
	}
	gateSARIFSuppression struct {
		Kind          string                   `json:"kind"`
		Status        string                   `json:"status"`
		Justification string                   `json:"justification,omitempty"`
		Properties    *gateSuppressionProperty `json:"properties,omitempty"`
	}
	gateSuppressionProperty struct {
		Waiver   string `json:"waiver,omitempty"`
		Owner    string `json:"owner,omitempty"`
		Approver string `json:"approver,omitempty"`
		Expires  string `json:"expires,omitempty"`
		Source   string `json:"source,omitempty"`
	}
	gateResultProperties struct {
		Action   string   `json:"action"`
		Severity string   `json:"severity"`
		Finding  string   `json:"finding,omitempty"`
		Package  string   `json:"package,omitempty"`
		Evidence []string `json:"evidence,omitempty"`
	}
)

// WriteDecisionSARIF writes d as a SARIF 2.1.0 log with one run whose
// tool is "vouch-gate": one rule per policy, one result per violation
// (level "error" when it denies, "warning" when it warns), located at the
// files of the evidence it names. Waived violations are results too, with
// an external, accepted suppression whose justification is the waiver's
// reason. d is not modified.
func WriteDecisionSARIF(w io.Writer, d *vouch.Decision) error {
	d = normalizedDecision(d)

	index := map[string]int{}
	rules := make([]gateSARIFRule, 0, len(d.Policies))
	addRule := func(p vouch.Policy) {
		if _, ok := index[p.ID]; ok {
			return
		}
		index[p.ID] = len(rules)
		short := firstLine(p.Title)
		if short == "" {
			short = "Policy " + p.ID
		}
		full := strings.TrimSpace(p.Description)
		if full == "" {
			full = short
		}
		rules = append(rules, gateSARIFRule{
			ID:               p.ID,
			Name:             p.ID,
			ShortDescription: sarifText{Text: cut(short, maxDescription)},
			FullDescription:  sarifText{Text: cut(full, maxDescription)},
			Properties:       gateRuleProperties{Tags: []string{"security", "policy"}, Source: p.Source},
		})
	}
	for _, p := range d.Policies {
		addRule(p)
	}
	// A violation of a policy the decision does not list still needs a
	// rule for its ruleIndex to point at.
	for _, vs := range [][]vouch.Violation{d.Violations, d.Waived} {
		for _, v := range vs {
			addRule(vouch.Policy{ID: v.Policy})
		}
	}

	evidence := evidenceIndex(d)
	results := make([]gateSARIFResult, 0, len(d.Violations)+len(d.Waived))
	seen := map[string]int{}
	add := func(v vouch.Violation) {
		res := gateSARIFResult{
			RuleID:    v.Policy,
			RuleIndex: index[v.Policy],
			Level:     gateLevel(v.Action),
			Message:   sarifText{Text: violationText(v)},
			Locations: violationLocations(v, evidence, d.Artifact.Name),
			Properties: gateResultProperties{
				Action:   string(v.Action),
				Severity: v.Severity.String(),
				Finding:  v.Finding,
				Package:  v.Package,
				Evidence: v.Evidence,
			},
		}
		fp := violationHash(v)
		seen[fp]++
		if n := seen[fp]; n > 1 {
			fp += ":" + strconv.Itoa(n)
		}
		res.PartialFingerprints = map[string]string{violationHashKey: fp}
		if wv := v.Waiver; wv != nil {
			res.Suppressions = []gateSARIFSuppression{{
				Kind:          "external",
				Status:        "accepted",
				Justification: wv.Reason,
				Properties: &gateSuppressionProperty{
					Waiver:   wv.ID,
					Owner:    wv.Owner,
					Approver: wv.Approver,
					Expires:  sarifTime(wv.Expires),
					Source:   wv.Source,
				},
			}}
		}
		results = append(results, res)
	}
	for _, v := range d.Violations {
		add(v)
	}
	for _, v := range d.Waived {
		if v.Waiver == nil {
			v.Waiver = &vouch.Waiver{} // waived all the same, even if the gate lost the waiver
		}
		add(v)
	}

	version := strings.TrimSpace(strings.TrimPrefix(d.Tool, "vouch"))
	log := gateSARIFLog{Schema: sarifSchema, Version: sarifVersion, Runs: []gateSARIFRun{{
		Tool: gateSARIFTool{Driver: gateSARIFDriver{
			Name:           gateDriverName,
			Version:        version,
			InformationURI: informationURI,
			Rules:          rules,
		}},
		Results:    results,
		ColumnKind: "utf16CodeUnits",
		Properties: gateRunProperties{
			Environment:    d.Environment,
			Verdict:        string(d.Verdict),
			Artifact:       d.Artifact.Name,
			ArtifactDigest: d.Artifact.Digest.String(),
			PolicyDigest:   d.PolicyDigest.String(),
			InputDigest:    d.InputDigest.String(),
			DecidedAt:      sarifTime(d.DecidedAt),
		},
	}}}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&log); err != nil {
		return fmt.Errorf("write decision sarif: %w", err)
	}
	return nil
}

// gateLevel maps an action to a SARIF level. Anything that is not a
// warning is an error: a gate fails closed.
func gateLevel(a vouch.Verdict) string {
	if a == vouch.Warn {
		return "warning"
	}
	return "error"
}

func violationText(v vouch.Violation) string {
	if m := strings.TrimSpace(v.Message); m != "" {
		return m
	}
	return "Policy " + v.Policy + " is violated."
}

// violationLocations points at the files of the evidence v names, once
// each, in the order named. A violation about what is missing (no
// signature, no approval) points at the artifact itself: GitHub code
// scanning refuses results without a location.
func violationLocations(v vouch.Violation, evidence map[string]*vouch.Evidence, artifact string) []gateSARIFLocation {
	var locs []gateSARIFLocation
	seen := map[string]bool{}
	for _, id := range v.Evidence {
		e := evidence[id]
		if e == nil {
			continue
		}
		uri := artifactURI(e.Source)
		if uri == "" || seen[uri] {
			continue
		}
		seen[uri] = true
		locs = append(locs, gateSARIFLocation{PhysicalLocation: gateSARIFPhysical{
			ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: srcRoot},
		}})
	}
	if len(locs) == 0 {
		if uri := artifactURI(artifact); uri != "" {
			locs = append(locs, gateSARIFLocation{PhysicalLocation: gateSARIFPhysical{
				ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: srcRoot},
			}})
		}
	}
	return locs
}

// violationHash identifies a violation across runs by what it is about.
func violationHash(v vouch.Violation) string {
	h := sha256.New()
	for _, s := range []string{v.Policy, v.Finding, v.Package, v.Message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func sarifTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
