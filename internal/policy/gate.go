package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Gate decides whether the artifact in src may enter its environment:
// it reads the evidence, evaluates the engine's policies, applies the
// waivers and returns the decision. Errors (unreadable evidence, a
// policy that fails to evaluate, a malformed waiver) are never a
// decision: the caller must treat them as a failure.
func Gate(ctx context.Context, e *Engine, src *Sources, waivers []vouch.Waiver, tool string) (*vouch.Decision, error) {
	if src.Now.IsZero() {
		src.Now = time.Now()
	}
	// Whole seconds, as the decision records its time: deciding again as
	// of that time must see the same input (scan ages included).
	src.Now = src.Now.UTC().Truncate(time.Second)
	now := src.Now
	if err := checkWaiverLife(waivers, now); err != nil {
		return nil, err
	}
	c, err := build(ctx, src)
	if err != nil {
		return nil, err
	}
	inJSON, err := json.Marshal(c.in)
	if err != nil {
		return nil, fmt.Errorf("encode gate input: %w", err)
	}
	val, err := astValue(inJSON)
	if err != nil {
		return nil, fmt.Errorf("gate input: %w", err)
	}
	vs, err := e.Evaluate(ctx, val)
	if err != nil {
		return nil, err
	}
	all := append(slices.Clone(waivers), c.waivers...)
	kept, waived, expired := applyWaivers(vs, all, src.Environment, c.aliases, now)
	d := &vouch.Decision{
		SchemaVersion:  "1",
		Environment:    src.Environment,
		Artifact:       src.Artifact,
		Context:        src.Context,
		Violations:     orEmpty(kept),
		Waived:         orEmpty(waived),
		ExpiredWaivers: orEmptyW(expired),
		Evidence:       c.in.Evidence,
		Policies:       e.Policies(),
		PolicyDigest:   PolicyDigest(e, src.Settings),
		InputDigest:    vouch.SHA256Bytes(inJSON),
		Tool:           tool,
		DecidedAt:      now.Truncate(time.Second),
		Summary:        summarise(c.in),
	}
	var settings map[string]any
	if b, err := json.Marshal(src.Settings); err == nil && json.Unmarshal(b, &settings) == nil {
		d.Settings = settings
	}
	d.Verdict = vouch.Allow
	count := map[string]int{}
	for _, v := range kept {
		count[v.Policy]++
		switch v.Action {
		case vouch.Deny:
			d.Verdict = vouch.Deny
			d.Summary.Denied++
		case vouch.Warn:
			if d.Verdict == vouch.Allow {
				d.Verdict = vouch.Warn
			}
			d.Summary.Warned++
		}
	}
	d.Summary.Waived = len(waived)
	if d.Policies == nil {
		d.Policies = []vouch.Policy{}
	}
	for i := range d.Policies {
		d.Policies[i].Violations = count[d.Policies[i].ID]
	}
	return d, nil
}

// BuildInput reads the evidence in src into the input document the
// policies see, for vouch gate --print-input and policy tests.
func BuildInput(ctx context.Context, src *Sources) (*Input, error) {
	if src.Now.IsZero() {
		src.Now = time.Now()
	}
	src.Now = src.Now.UTC().Truncate(time.Second)
	c, err := build(ctx, src)
	if err != nil {
		return nil, err
	}
	return c.in, nil
}

// PolicyDigest names what decides: the engine's compiled policies and
// the environment's settings that tune them. Two decisions with the same
// policy digest applied the same rules.
func PolicyDigest(e *Engine, s Settings) vouch.Digest {
	settings, _ := json.Marshal(s)
	return vouch.SHA256Bytes([]byte(e.Digest().String() + "\n" + string(settings)))
}

func orEmpty(v []vouch.Violation) []vouch.Violation {
	if v == nil {
		return []vouch.Violation{}
	}
	return v
}

func orEmptyW(v []vouch.Waiver) []vouch.Waiver {
	if v == nil {
		return []vouch.Waiver{}
	}
	return v
}

// summarise counts components, licences and findings for reports.
// Findings seen in several scans count once.
func summarise(in *Input) vouch.GateSummary {
	s := vouch.GateSummary{Findings: map[string]map[string]int{}, Licenses: map[string]int{}}
	comps := map[string]bool{}
	for _, b := range in.SBOMs {
		for _, c := range b.Components {
			key := c.Purl
			if key == "" {
				key = c.Ecosystem + "/" + c.Name + "@" + c.Version
			}
			if comps[key] {
				continue
			}
			comps[key] = true
			if len(c.Licenses) == 0 {
				s.Licenses["(none)"]++
			}
			for _, l := range c.Licenses {
				s.Licenses[l]++
			}
		}
	}
	s.Components = len(comps)
	seen := map[string]bool{}
	add := func(kind, sev, key string) {
		if seen[key] {
			return
		}
		seen[key] = true
		m := s.Findings[kind]
		if m == nil {
			m = map[string]int{}
			s.Findings[kind] = m
		}
		m[sev]++
	}
	for _, sc := range in.Scans {
		for _, f := range sc.Findings {
			add(f.Kind, f.Severity, strings.Join([]string{f.Kind, f.ID, f.Package, f.Location}, "\x00"))
		}
	}
	for _, run := range in.SARIF {
		for _, r := range run.Results {
			add("sast", r.Severity, strings.Join([]string{"sast", run.Tool, r.RuleID, r.Location, r.Message}, "\x00"))
		}
	}
	return s
}

func astValue(b []byte) (ast.Value, error) { return ast.ValueFromReader(bytes.NewReader(b)) }
