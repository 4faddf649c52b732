package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// maxWaiverLife is the longest a waiver may run: a waiver is a debt with
// a date, not a permanent exception.
const maxWaiverLife = 366 * 24 * time.Hour

// waiverDoc is the file format of waivers, in YAML or JSON, and the
// predicate of https://vouch.dev/waiver/v1 attestations.
type waiverDoc struct {
	Waivers []waiverEntry `json:"waivers" yaml:"waivers"`
}

type waiverEntry struct {
	ID          string `json:"id" yaml:"id"`
	Policy      string `json:"policy" yaml:"policy"`
	Finding     string `json:"finding" yaml:"finding"`
	Package     string `json:"package" yaml:"package"`
	Environment string `json:"environment" yaml:"environment"`
	Owner       string `json:"owner" yaml:"owner"`
	Reason      string `json:"reason" yaml:"reason"`
	Approver    string `json:"approver" yaml:"approver"`
	Expires     string `json:"expires" yaml:"expires"`
}

// LoadWaivers reads a waiver file (YAML or JSON).
func LoadWaivers(path string) ([]vouch.Waiver, error) {
	data, err := readEvidence(path)
	if err != nil {
		var ie *vouch.InputError
		if errors.As(err, &ie) {
			return nil, vouch.Input(fmt.Errorf("waivers %s: %w", path, unwrapPath(errors.Unwrap(err))), "")
		}
		return nil, err
	}
	format := "yaml"
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		format = "json"
	}
	return parseWaivers(data, path, format)
}

func parseWaivers(data []byte, source, format string) ([]vouch.Waiver, error) {
	var doc waiverDoc
	var err error
	if format == "json" {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		err = dec.Decode(&doc)
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		err = dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			err = nil
		}
	}
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("waivers %s: %w", source, err), waiverHint)
	}
	out := make([]vouch.Waiver, 0, len(doc.Waivers))
	var errs []error
	for i, w := range doc.Waivers {
		v, err := w.waiver(source, i)
		if err != nil {
			errs = append(errs, fmt.Errorf("waivers %s: waiver %d (%s): %w", source, i+1, v.ID, err))
			continue
		}
		out = append(out, v)
	}
	if len(errs) > 0 {
		return nil, vouch.Input(errors.Join(errs...), waiverHint)
	}
	return out, nil
}

const waiverHint = "a waiver needs a scope (policy, finding or package), owner, reason, approver (not the owner) and expires (a date within a year); see docs/GATE.md"

func (w waiverEntry) waiver(source string, i int) (vouch.Waiver, error) {
	v := vouch.Waiver{
		ID: w.ID, Policy: strings.TrimSpace(w.Policy), Finding: strings.TrimSpace(w.Finding), Package: strings.TrimSpace(w.Package),
		Environment: strings.TrimSpace(w.Environment), Owner: strings.TrimSpace(w.Owner), Reason: strings.TrimSpace(w.Reason),
		Approver: strings.TrimSpace(w.Approver), Source: source,
	}
	if v.ID == "" {
		v.ID = fmt.Sprintf("%s#%d", source, i+1)
	}
	var missing []string
	if v.Policy == "" && v.Finding == "" && v.Package == "" {
		missing = append(missing, "a scope (policy, finding or package)")
	}
	for name, val := range map[string]string{"owner": v.Owner, "reason": v.Reason, "approver": v.Approver, "expires": w.Expires} {
		if val == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return v, fmt.Errorf("missing %s", strings.Join(slices.Sorted(slices.Values(missing)), ", "))
	}
	if strings.EqualFold(v.Owner, v.Approver) {
		return v, fmt.Errorf("approved by its own owner %s", v.Owner)
	}
	t, err := parseExpiry(w.Expires)
	if err != nil {
		return v, err
	}
	v.Expires = t
	return v, nil
}

// parseExpiry reads a date (the waiver runs to the end of that day, UTC)
// or an RFC 3339 time.
func parseExpiry(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Add(24*time.Hour - time.Second), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("expires %q is not a date (2026-12-31) or an RFC 3339 time", s)
}

// applyWaivers splits violations into those that count and those a
// current waiver covers, and lists the expired waivers that would have
// covered one. A waiver from a file must also not run longer than
// maxWaiverLife from now: one that does is refused as an input error, so
// nobody waives forever by writing 2099.
func applyWaivers(vs []vouch.Violation, ws []vouch.Waiver, env string, aliases map[string][]string, protected []string, now time.Time) (kept, waived []vouch.Violation, expired []vouch.Waiver) {
	expiredSeen := map[string]bool{}
	for _, v := range vs {
		if slices.Contains(protected, v.Policy) {
			kept = append(kept, v) // no waiver accepts a skipped control
			continue
		}
		var cover *vouch.Waiver
		for i := range ws {
			w := &ws[i]
			if !matchesWaiver(w, v, env, aliases) {
				continue
			}
			if now.After(w.Expires) {
				if !expiredSeen[w.ID] {
					expiredSeen[w.ID] = true
					expired = append(expired, *w)
				}
				continue
			}
			cover = w
			break
		}
		if cover == nil {
			kept = append(kept, v)
			continue
		}
		c := *cover
		v.Waiver = &c
		waived = append(waived, v)
	}
	return kept, waived, expired
}

func checkWaiverLife(ws []vouch.Waiver, now time.Time) error {
	var errs []error
	for _, w := range ws {
		if w.Expires.Sub(now) > maxWaiverLife {
			errs = append(errs, fmt.Errorf("waivers %s: waiver %s expires %s, more than a year from now", w.Source, w.ID, w.Expires.Format(time.DateOnly)))
		}
	}
	if len(errs) > 0 {
		return vouch.Input(errors.Join(errs...), waiverHint)
	}
	return nil
}

// matches: every field the waiver sets must match. A finding matches by
// id or alias, a package by purl with or without its version, or by name.
func matchesWaiver(w *vouch.Waiver, v vouch.Violation, env string, aliases map[string][]string) bool {
	if w.Environment != "" && !strings.EqualFold(w.Environment, env) {
		return false
	}
	if w.Policy != "" && w.Policy != v.Policy {
		return false
	}
	if w.Finding != "" && !findingMatches(w.Finding, v.Finding, aliases) {
		return false
	}
	if w.Package != "" && !packageMatches(w.Package, v.Package) {
		return false
	}
	return true
}

func findingMatches(want, got string, aliases map[string][]string) bool {
	if got == "" {
		return false
	}
	if strings.EqualFold(want, got) {
		return true
	}
	for _, a := range aliases[got] {
		if strings.EqualFold(want, a) {
			return true
		}
	}
	return false
}

func packageMatches(want, got string) bool {
	if got == "" {
		return false
	}
	if want == got {
		return true
	}
	if i := strings.LastIndex(got, "@"); i > 0 && got[:i] == want {
		return true // pkg:golang/x matches pkg:golang/x@v1.2.3
	}
	if strings.HasPrefix(want, "pkg:") {
		return false
	}
	// A bare name ("lodash", "golang.org/x/net", "@scope/x") matches the
	// package's whole name, whatever its ecosystem and version; never a
	// part of it (a waiver for "v2" must not cover every module's v2).
	name := got
	if i := strings.LastIndex(name, "@"); i > 0 {
		name = name[:i]
	}
	if rest, ok := strings.CutPrefix(name, "pkg:"); ok {
		if j := strings.Index(rest, "/"); j >= 0 {
			name = rest[j+1:]
		}
		if unescaped, err := url.PathUnescape(name); err == nil {
			name = unescaped
		}
	}
	return name == want
}
