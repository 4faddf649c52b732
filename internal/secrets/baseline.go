package secrets

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Baseline is a set of accepted findings, by fingerprint. Findings in the
// baseline were known when it was written; a scan reports only new ones.
type Baseline struct {
	fps map[string]bool
}

// baselineFile is the on-disk form: fingerprints, with the rule and the
// place each came from so a reviewer can read it. Secrets are never in it.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule,omitempty"`
	Path        string `json:"path,omitempty"`
	Line        int    `json:"line,omitempty"`
}

// LoadBaseline reads a baseline written by WriteBaseline. A plain list of
// fingerprints, one a line ('#' comments allowed), is read too.
func LoadBaseline(r io.Reader) (Baseline, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return Baseline{}, fmt.Errorf("read baseline: %w", err)
	}
	b := Baseline{fps: map[string]bool{}}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var f baselineFile
		if err := json.Unmarshal(trimmed, &f); err != nil {
			return Baseline{}, fmt.Errorf("read baseline: %w", err)
		}
		if f.Version != 1 {
			return Baseline{}, fmt.Errorf("read baseline: unsupported version %d (want 1)", f.Version)
		}
		for _, e := range f.Findings {
			if !isHexFingerprint(e.Fingerprint) {
				return Baseline{}, fmt.Errorf("read baseline: bad fingerprint %q", e.Fingerprint)
			}
			b.fps[e.Fingerprint] = true
		}
		return b, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		if !isHexFingerprint(line) {
			return Baseline{}, fmt.Errorf("read baseline: line %d: bad fingerprint", n)
		}
		b.fps[line] = true
	}
	return b, sc.Err()
}

func isHexFingerprint(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Contains reports whether the baseline accepts fingerprint.
func (b Baseline) Contains(fingerprint string) bool { return b.fps[fingerprint] }

// Len is the number of accepted fingerprints.
func (b Baseline) Len() int { return len(b.fps) }

// Apply marks findings the baseline accepts as suppressed (Source
// "baseline"), leaving the others alone.
func (b Baseline) Apply(findings []vouch.Finding) {
	for i := range findings {
		f := &findings[i]
		if f.Suppressed == nil && b.fps[f.Fingerprint] {
			f.Suppressed = &vouch.Suppression{Source: "baseline"}
		}
	}
}

// WriteBaseline writes the secret findings' fingerprints as a baseline,
// sorted so that it diffs well.
func WriteBaseline(w io.Writer, findings []vouch.Finding) error {
	f := baselineFile{Version: 1, Findings: []baselineEntry{}}
	seen := map[string]bool{}
	for _, x := range findings {
		if x.Kind != vouch.KindSecret || x.Fingerprint == "" || seen[x.Fingerprint] {
			continue
		}
		seen[x.Fingerprint] = true
		f.Findings = append(f.Findings, baselineEntry{Fingerprint: x.Fingerprint, Rule: x.ID, Path: x.Location.Path, Line: x.Location.Line})
	}
	sort.Slice(f.Findings, func(i, j int) bool {
		a, b := f.Findings[i], f.Findings[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Fingerprint < b.Fingerprint
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}
