package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/vouch-dev/vouch/internal/signing"
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
	// Waiver files are evidence too: listed, digested into the input, and
	// rejected where only signed waivers count.
	all := fileWaivers(c, waivers, src.Settings.Waivers.RequireSigned)
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
	all = append(all, c.waivers...)
	kept, waived, expired := applyWaivers(vs, all, src.Environment, c.aliases, src.Settings.Waivers.Protected, now)
	d := &vouch.Decision{
		SchemaVersion:  "1",
		Environment:    src.Environment,
		Artifact:       src.Artifact,
		Context:        src.Context,
		Violations:     orEmpty(kept),
		Waived:         orEmpty(waived),
		ExpiredWaivers: orEmpty(expired),
		Evidence:       c.in.Evidence,
		Policies:       e.Policies(),
		PolicyDigest:   PolicyDigest(e, src.Settings, src.Keys, src.Approvers),
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
	d.Policies = orEmpty(d.Policies)
	for i := range d.Policies {
		d.Policies[i].Violations = count[d.Policies[i].ID]
	}
	return d, nil
}

// fileWaivers lists the waiver files among the evidence and returns the
// waivers that may apply: none when the environment counts only signed
// waivers, since a file in the repository under test has no approver's
// signature.
func fileWaivers(c *collected, ws []vouch.Waiver, requireSigned bool) []vouch.Waiver {
	var sources []string
	for _, w := range ws {
		if !slices.Contains(sources, w.Source) {
			sources = append(sources, w.Source)
		}
	}
	for _, src := range sources {
		e := vouch.Evidence{ID: fmt.Sprintf("e%d", len(c.in.Evidence)+1), Source: src, Kind: "waiver", Format: "waiver-file"}
		if b, err := os.ReadFile(src); err == nil {
			e.Digest = vouch.SHA256Bytes(b)
		}
		if requireSigned {
			e.Rejected = "unsigned waiver file: this environment counts only waivers signed by their approver (vouch attest --type waiver)"
		}
		c.in.Evidence = append(c.in.Evidence, e)
	}
	if requireSigned {
		return nil
	}
	return slices.Clone(ws)
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

// PolicyDigest names what decides: the engine's compiled policies, the
// environment's settings that tune them, and whom it trusts — the keys
// for signatures and evidence, and the approvers with their keys. Two
// decisions with the same policy digest applied the same rules with the
// same trust.
func PolicyDigest(e *Engine, s Settings, keys []signing.Verifier, approvers map[string][]signing.Verifier) vouch.Digest {
	settings, _ := json.Marshal(s)
	var trust []string
	for _, k := range keys {
		trust = append(trust, "key "+fingerprint(k))
	}
	for id, ks := range approvers {
		for _, k := range ks {
			trust = append(trust, "approver "+strings.ToLower(strings.TrimSpace(id))+" "+fingerprint(k))
		}
	}
	slices.Sort(trust)
	trust = slices.Compact(trust)
	return vouch.SHA256Bytes([]byte(e.Digest().String() + "\n" + string(settings) + "\n" + strings.Join(trust, "\n")))
}

// orEmpty gives nil as an empty list, so that JSON says [] rather than
// null.
func orEmpty[T any](v []T) []T {
	if v == nil {
		return []T{}
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
