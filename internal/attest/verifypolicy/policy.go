// Package verifypolicy decides whether an artifact's evidence is enough:
// the requirements of a verification policy file (verify.yaml) checked
// against the signatures and attestations that trusted keys made about
// one artifact digest.
//
//	keys:                     # trusted public keys: files (relative to this
//	  - keys/release.pub      # file) or env://VAR
//	signature: required       # a signature over the artifact itself:
//	                          # required (the default) or optional
//	predicates:               # attestations that must be present
//	  - slsaprovenance1       # (short names as --type takes, or URIs)
//	  - vouch-scan
//	maxAge: 7d                # older evidence does not count (s, m, h, d)
//	provenance:               # SLSA provenance v1 that must be present,
//	  builders:               # built by one of these builder ids,
//	    - https://github.com/actions/runner/github-hosted
//	  repositories:           # from one of these source repositories,
//	    - github.com/acme/app
//	  refs:                   # from a ref matching one of these patterns,
//	    - refs/heads/main
//	    - refs/tags/v*
//	  cleanTree: true         # and from a clean work tree
//	scan:                     # a vouch scan attestation that must be present,
//	  maxSeverity: medium     # with no counting finding above this severity
//	  unknownSeverity: fail   # findings of unknown severity fail (default)
//
// Evaluate names every requirement and whether it held, with the reason;
// the artifact passes only when all hold. Everything fails closed:
// evidence that does not verify, is of unknown age when an age is
// required, or does not record what a requirement asks about, never
// satisfies it.
package verifypolicy

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/provenance"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Policy is a parsed verify.yaml.
type Policy struct {
	// Keys are key references, made relative to the policy file's
	// directory when they are relative paths.
	Keys       []string          `yaml:"keys"`
	Signature  string            `yaml:"signature"`
	Predicates []string          `yaml:"predicates"`
	MaxAge     Duration          `yaml:"maxAge"`
	Provenance *ProvenancePolicy `yaml:"provenance"`
	Scan       *ScanPolicy       `yaml:"scan"`
}

// ProvenancePolicy constrains SLSA provenance.
type ProvenancePolicy struct {
	Builders     []string `yaml:"builders"`
	Repositories []string `yaml:"repositories"`
	Refs         []string `yaml:"refs"`
	CleanTree    bool     `yaml:"cleanTree"`
}

// ScanPolicy constrains vouch scan evidence.
type ScanPolicy struct {
	MaxSeverity     string `yaml:"maxSeverity"`
	UnknownSeverity string `yaml:"unknownSeverity"`

	max vouch.Severity
}

// Duration is a time.Duration that also reads days ("7d").
type Duration time.Duration

// UnmarshalYAML reads "90m", "24h", "7d", "1d12h".
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseDuration(n.Value)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// ParseDuration reads a Go duration, with "d" for days of 24 hours.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var days time.Duration
	if i := strings.IndexByte(s, 'd'); i > 0 {
		n, err := strconv.Atoi(s[:i])
		if err != nil || n < 0 {
			return 0, fmt.Errorf("duration %q: want a number of days before d", s)
		}
		days = time.Duration(n) * 24 * time.Hour
		s = s[i+1:]
		if s == "" {
			return days, nil
		}
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("duration %q: want something like 12h or 7d", s)
	}
	return days + v, nil
}

// Load reads and checks a policy file.
func Load(file string) (*Policy, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	p, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("policy %s: %w", file, err)
	}
	dir := filepath.Dir(file)
	for i, k := range p.Keys {
		if !strings.Contains(k, "://") && !filepath.IsAbs(k) {
			p.Keys[i] = filepath.Join(dir, k)
		}
	}
	return p, nil
}

// Parse reads a policy; unknown fields are errors, so that a misspelled
// requirement is never silently ignored.
func Parse(b []byte) (*Policy, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var p Policy
	if err := dec.Decode(&p); err != nil {
		return nil, err
	}
	switch p.Signature {
	case "":
		p.Signature = "required"
	case "required", "optional":
	default:
		return nil, fmt.Errorf("signature %q: want required or optional", p.Signature)
	}
	for i, t := range p.Predicates {
		uri, err := attest.ParsePredicateType(t)
		if err != nil {
			return nil, err
		}
		p.Predicates[i] = uri
	}
	if p.Provenance != nil {
		for _, r := range p.Provenance.Refs {
			if _, err := path.Match(r, ""); err != nil {
				return nil, fmt.Errorf("provenance ref pattern %q: %w", r, err)
			}
		}
	}
	if p.Scan != nil {
		if p.Scan.MaxSeverity == "" {
			return nil, errors.New("scan: maxSeverity is required (low, medium, high or critical)")
		}
		s, err := vouch.ParseSeverity(p.Scan.MaxSeverity)
		if err != nil || s == vouch.SeverityUnknown {
			return nil, fmt.Errorf("scan maxSeverity %q: want none, low, medium, high or critical", p.Scan.MaxSeverity)
		}
		p.Scan.max = s
		switch p.Scan.UnknownSeverity {
		case "", "fail", "ignore":
		default:
			return nil, fmt.Errorf("scan unknownSeverity %q: want fail or ignore", p.Scan.UnknownSeverity)
		}
	}
	return &p, nil
}

// Check is one requirement and whether it held.
type Check struct {
	Requirement string `json:"requirement"`
	Passed      bool   `json:"passed"`
	Detail      string `json:"detail"`
}

// Result is a policy's verdict on one artifact.
type Result struct {
	Subject vouch.Digest `json:"subject"`
	Passed  bool         `json:"passed"`
	Checks  []Check      `json:"checks"`
}

// Evaluate checks ev against p at time now.
func Evaluate(p *Policy, ev *attest.Evidence, now time.Time) *Result {
	r := &Result{Subject: ev.Subject, Passed: true}
	add := func(req string, ok bool, detail string) {
		r.Checks = append(r.Checks, Check{Requirement: req, Passed: ok, Detail: detail})
		if !ok {
			r.Passed = false
		}
	}
	if p.Signature == "required" {
		if len(ev.Signatures) > 0 {
			s := ev.Signatures[0]
			add("signature", true, fmt.Sprintf("signed by %s (%s)", fingerprint(s.Key), s.Source))
		} else {
			add("signature", false, "no signature by a trusted key"+rejections(ev, ""))
		}
	}
	maxAge := time.Duration(p.MaxAge)
	fresh := func(v *attest.Verified) (time.Time, error) {
		t, ok := evidenceTime(v.Statement)
		switch {
		case !ok && maxAge > 0:
			return t, errors.New("records no time, so its age cannot be checked")
		case ok && t.After(now.Add(5*time.Minute)):
			return t, fmt.Errorf("is dated %s, in the future", t.Format(time.RFC3339))
		case ok && maxAge > 0 && now.Sub(t) > maxAge:
			return t, fmt.Errorf("is %s old (made %s; maxAge %s)", roundAge(now.Sub(t)), t.Format(time.RFC3339), roundAge(maxAge))
		}
		return t, nil
	}
	// usable returns the attestations of a type that are fresh enough,
	// newest first, and why the others were not.
	usable := func(pt string) ([]*attest.Verified, []string) {
		var ok []*attest.Verified
		var times []time.Time
		var why []string
		for _, v := range ev.ByType(pt) {
			t, err := fresh(v)
			if err != nil {
				why = append(why, fmt.Sprintf("the attestation from %s %v", v.Source, err))
				continue
			}
			i := 0
			for i < len(ok) && !times[i].Before(t) {
				i++
			}
			ok = append(ok[:i], append([]*attest.Verified{v}, ok[i:]...)...)
			times = append(times[:i], append([]time.Time{t}, times[i:]...)...)
		}
		return ok, why
	}
	for _, pt := range p.Predicates {
		vs, why := usable(pt)
		if len(vs) > 0 {
			add("attestation "+pt, true, fmt.Sprintf("%d verified, from %s", len(vs), vs[0].Source))
			continue
		}
		add("attestation "+pt, false, missing(ev, pt, why))
	}
	if p.Provenance != nil {
		checkProvenance(p.Provenance, ev, usable, add)
	}
	if p.Scan != nil {
		checkScan(p.Scan, ev, usable, add)
	}
	return r
}

func missing(ev *attest.Evidence, pt string, why []string) string {
	if len(why) > 0 {
		return strings.Join(why, "; ")
	}
	return "no verified attestation of this type" + rejections(ev, pt)
}

// rejections summarises the evidence that was rejected, for a reason why
// a requirement found nothing.
func rejections(ev *attest.Evidence, _ string) string {
	if len(ev.Rejected) == 0 {
		return ""
	}
	var parts []string
	for i, r := range ev.Rejected {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(ev.Rejected)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("%s: %v", r.Source, r.Err))
	}
	return " (rejected: " + strings.Join(parts, "; ") + ")"
}

func roundAge(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
	return d.Round(time.Minute).String()
}

// checkProvenance picks the provenance that meets the most constraints
// (the newest among equals) and reports each constraint on it.
func checkProvenance(pp *ProvenancePolicy, ev *attest.Evidence, usable func(string) ([]*attest.Verified, []string), add func(string, bool, string)) {
	vs, why := usable(attest.SLSAProvenanceV1)
	if len(vs) == 0 {
		add("provenance", false, missing(ev, attest.SLSAProvenanceV1, why))
		return
	}
	type outcome struct {
		checks []Check
		passed int
	}
	var best *outcome
	for _, v := range vs {
		facts := readProvenance(v.Statement.Predicate)
		o := &outcome{}
		c := func(req string, ok bool, detail string) {
			o.checks = append(o.checks, Check{Requirement: req, Passed: ok, Detail: detail})
			if ok {
				o.passed++
			}
		}
		if len(pp.Builders) > 0 {
			ok := contains(pp.Builders, facts.builder)
			c("provenance builder", ok, fmt.Sprintf("builder %q%s", facts.builder, allowed(ok, pp.Builders)))
		}
		if len(pp.Repositories) > 0 {
			ok := false
			for _, r := range pp.Repositories {
				if facts.repository != "" && provenance.NormalizeRepository(r) == provenance.NormalizeRepository(facts.repository) {
					ok = true
				}
			}
			c("provenance repository", ok, fmt.Sprintf("source %q%s", orUnknown(facts.repository), allowed(ok, pp.Repositories)))
		}
		if len(pp.Refs) > 0 {
			ok := false
			for _, pat := range pp.Refs {
				if m, _ := path.Match(pat, facts.ref); m && facts.ref != "" {
					ok = true
				}
			}
			c("provenance ref", ok, fmt.Sprintf("ref %q%s", orUnknown(facts.ref), allowed(ok, pp.Refs)))
		}
		if pp.CleanTree {
			switch {
			case !facts.dirtyKnown:
				c("provenance clean tree", false, "the provenance does not record whether the work tree was clean")
			case facts.dirty:
				c("provenance clean tree", false, "built from a work tree with uncommitted changes")
			default:
				c("provenance clean tree", true, "built from a clean work tree")
			}
		}
		if best == nil || o.passed > best.passed {
			best = o
		}
	}
	add("provenance", true, fmt.Sprintf("%d verified", len(vs)))
	for _, ch := range best.checks {
		add(ch.Requirement, ch.Passed, ch.Detail)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func allowed(ok bool, list []string) string {
	if ok {
		return " is allowed"
	}
	return " is not allowed (want " + strings.Join(list, " or ") + ")"
}

func orUnknown(s string) string {
	if s == "" {
		return "(not recorded)"
	}
	return s
}
