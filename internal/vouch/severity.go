package vouch

import (
	"fmt"
	"strings"
)

// Severity ranks a finding. The zero value is SeverityUnknown: a finding
// whose source gave no severity (the Go vulnerability database gives none)
// stays unknown and is never silently treated as low.
type Severity int

const (
	SeverityUnknown Severity = iota
	SeverityNone
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"UNKNOWN", "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return "UNKNOWN"
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name in any case ("high", "CRITICAL").
// "moderate" (GitHub's word) is MEDIUM and "important" (Red Hat's) is HIGH.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "UNKNOWN", "":
		return SeverityUnknown, nil
	case "NONE", "INFO", "INFORMATIONAL", "NEGLIGIBLE":
		return SeverityNone, nil
	case "LOW":
		return SeverityLow, nil
	case "MEDIUM", "MODERATE":
		return SeverityMedium, nil
	case "HIGH", "IMPORTANT":
		return SeverityHigh, nil
	case "CRITICAL":
		return SeverityCritical, nil
	}
	return SeverityUnknown, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
}

// SeverityFromScore maps a CVSS base score to its qualitative rating, the
// same table in CVSS v3.x and v4.0.
func SeverityFromScore(score float64) Severity {
	switch {
	case score >= 9.0:
		return SeverityCritical
	case score >= 7.0:
		return SeverityHigh
	case score >= 4.0:
		return SeverityMedium
	case score > 0:
		return SeverityLow
	}
	return SeverityNone
}

// AtLeast reports whether s meets threshold t. An unknown severity meets
// every threshold unless unknownPasses is set: security checks fail closed.
func (s Severity) AtLeast(t Severity, unknownPasses bool) bool {
	if s == SeverityUnknown {
		return !unknownPasses
	}
	return s >= t
}

// MarshalText writes the upper-case name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a name as ParseSeverity does.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
