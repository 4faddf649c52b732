// Package cvss computes base scores and qualitative ratings from Common
// Vulnerability Scoring System vector strings, as advisories carry them
// (OSV's severity[].score, NVD, GitHub):
//
//	CVSS v2     AV:N/AC:L/Au:N/C:P/I:P/A:P
//	CVSS v3.0   CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
//	CVSS v3.1   CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N
//	CVSS v4.0   CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N
//
// Score is the one call most code needs: it recognises the version from the
// prefix and returns the base score and its rating. ParseV2, ParseV3 and
// ParseV4 return the parsed metrics for callers that want more.
//
// Every vector is validated in full before it is scored: all mandatory base
// metrics present, each metric at most once, every value one the
// specification defines (case-sensitive, as the specifications write them)
// and no unknown metric.
//
// Score returns the base score. Temporal, threat, environmental and
// supplemental metrics are validated but do not change it: for CVSS v4.0
// this is what the specification calls CVSS-B, with the threat metric at
// its default E:A (attacked) and the security requirements at H, so that an
// advisory's own guess at exploit maturity never lowers a finding below its
// base severity (vouch fails closed). Callers that want those metrics
// applied have them: V3.TemporalScore and V3.EnvironmentalScore, and
// V4.Score (CVSS-BT, -BE or -BTE, as FIRST's calculator shows it).
//
// The CVSS v4.0 score is computed as the specification's section 8.2 and
// its reference calculator do: the vector's MacroVector (equivalence
// classes EQ1–EQ6) selects one of 270 scores from the specification's
// table, from which the vector's severity distance to the MacroVector's
// highest-severity vectors is interpolated towards the next lower
// MacroVectors, then rounded half up to one decimal. CVSS v3.1 uses its
// floating-point-safe Roundup, v3.0 the plain ceiling to one decimal it
// was published with.
//
// Ratings follow each specification's table: None 0.0, Low 0.1–3.9, Medium
// 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0 for v3.x and v4.0. CVSS v2 has no
// official rating; NVD's is used: Low 0.0–3.9, Medium 4.0–6.9, High
// 7.0–10.0.
//
// Parsing is allocation-free on success and never panics on malformed input;
// errors wrap ErrInvalid.
package cvss

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// ErrInvalid is wrapped by every error about a malformed vector.
var ErrInvalid = errors.New("invalid cvss vector")

// maxVectorLen bounds the input: the longest valid vector (CVSS v4.0 with
// every optional metric) is well under 400 bytes.
const maxVectorLen = 1024

// Score parses a CVSS v2, v3.0, v3.1 or v4.0 vector and returns its base
// score and rating. A vector that starts with "CVSS:3.0/", "CVSS:3.1/" or
// "CVSS:4.0/" is read under that version; one without a "CVSS:" prefix is
// read as CVSS v2 (as NVD and OSV write them, optionally in parentheses or
// with a "CVSS:2.0/" prefix). Surrounding white space is ignored.
func Score(vector string) (score float64, sev vouch.Severity, err error) {
	vector = strings.TrimSpace(vector)
	switch {
	case strings.HasPrefix(vector, "CVSS:3."):
		v, err := ParseV3(vector)
		if err != nil {
			return 0, vouch.SeverityUnknown, err
		}
		s := v.BaseScore()
		return s, vouch.SeverityFromScore(s), nil
	case strings.HasPrefix(vector, "CVSS:4."):
		v, err := ParseV4(vector)
		if err != nil {
			return 0, vouch.SeverityUnknown, err
		}
		s := v.BaseScore()
		return s, vouch.SeverityFromScore(s), nil
	case strings.HasPrefix(vector, "CVSS:2.0/"), !strings.HasPrefix(vector, "CVSS:"):
		v, err := ParseV2(vector)
		if err != nil {
			return 0, vouch.SeverityUnknown, err
		}
		s := v.BaseScore()
		return s, V2Severity(s), nil
	}
	return 0, vouch.SeverityUnknown, invalid(vector, "unknown version prefix %q (want CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/, or a v2 vector)", prefixOf(vector))
}

// invalid builds an error that names the vector (truncated if huge) and
// wraps ErrInvalid.
func invalid(vector, format string, args ...any) error {
	if len(vector) > 120 {
		vector = vector[:120] + "…"
	}
	return fmt.Errorf("%w %q: %s", ErrInvalid, vector, fmt.Sprintf(format, args...))
}

func prefixOf(vector string) string {
	if i := strings.IndexByte(vector, '/'); i >= 0 {
		vector = vector[:i]
	}
	if len(vector) > 16 {
		vector = vector[:16]
	}
	return vector
}

// metric is one "KEY:VALUE" component of a vector.
type metric struct {
	key, value string
}

// nextMetric splits off the first "/"-separated component of s and returns
// it as a metric and the rest of s. ok is false if the component has no
// colon or an empty key or value.
func nextMetric(s string) (m metric, rest string, ok bool) {
	comp := s
	if i := strings.IndexByte(s, '/'); i >= 0 {
		comp, rest = s[:i], s[i+1:]
	}
	k, v, found := strings.Cut(comp, ":")
	if !found || k == "" || v == "" {
		return metric{key: comp}, rest, false
	}
	return metric{key: k, value: v}, rest, true
}
