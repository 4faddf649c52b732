package cvss

import (
	"math"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// v2 metric indices.
const (
	v2AV = iota
	v2AC
	v2Au
	v2C
	v2I
	v2A
	v2E
	v2RL
	v2RC
	v2CDP
	v2TD
	v2CR
	v2IR
	v2AR
	v2Count

	v2BaseCount = v2E
)

// v2Metrics lists each metric's name and its allowed values; v2 values
// may be longer than one letter ("POC", "ND", "MH").
var v2Metrics = [v2Count]struct {
	name   string
	values []string
}{
	{"AV", []string{"L", "A", "N"}},
	{"AC", []string{"H", "M", "L"}},
	{"Au", []string{"M", "S", "N"}},
	{"C", []string{"N", "P", "C"}},
	{"I", []string{"N", "P", "C"}},
	{"A", []string{"N", "P", "C"}},
	{"E", []string{"U", "POC", "F", "H", "ND"}},
	{"RL", []string{"OF", "TF", "W", "U", "ND"}},
	{"RC", []string{"UC", "UR", "C", "ND"}},
	{"CDP", []string{"N", "L", "LM", "MH", "H", "ND"}},
	{"TD", []string{"N", "L", "M", "H", "ND"}},
	{"CR", []string{"L", "M", "H", "ND"}},
	{"IR", []string{"L", "M", "H", "ND"}},
	{"AR", []string{"L", "M", "H", "ND"}},
}

// V2 is a parsed CVSS v2 vector.
type V2 struct {
	m [v2Count]int8 // 1 + index into the metric's values; 0 when absent
}

// ParseV2 parses a CVSS v2 vector such as "AV:N/AC:L/Au:N/C:P/I:P/A:P".
// It also accepts the vector wrapped in parentheses, as NVD once wrote
// them, and a "CVSS:2.0/" prefix. Metrics may come in any order; each at
// most once; the six base metrics are required.
func ParseV2(vector string) (V2, error) {
	var v V2
	if len(vector) > maxVectorLen {
		return v, invalid(vector, "longer than %d bytes", maxVectorLen)
	}
	rest := vector
	if strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")") {
		rest = rest[1 : len(rest)-1]
	}
	rest = strings.TrimPrefix(rest, "CVSS:2.0/")
	if rest == "" {
		return v, invalid(vector, "empty")
	}
	if strings.HasSuffix(rest, "/") {
		return v, invalid(vector, "ends with \"/\"")
	}
	for rest != "" {
		var m metric
		var ok bool
		m, rest, ok = nextMetric(rest)
		if !ok {
			return v, invalid(vector, "component %q is not METRIC:VALUE", m.key)
		}
		i := -1
		for j := range v2Metrics {
			if v2Metrics[j].name == m.key {
				i = j
				break
			}
		}
		if i < 0 {
			return v, invalid(vector, "unknown metric %q", m.key)
		}
		if v.m[i] != 0 {
			return v, invalid(vector, "metric %s given twice", m.key)
		}
		for j, val := range v2Metrics[i].values {
			if val == m.value {
				v.m[i] = int8(j + 1)
				break
			}
		}
		if v.m[i] == 0 {
			return v, invalid(vector, "metric %s has unknown value %q", m.key, m.value)
		}
	}
	for i := range v2BaseCount {
		if v.m[i] == 0 {
			return v, invalid(vector, "base metric %s missing", v2Metrics[i].name)
		}
	}
	return v, nil
}

// Metric returns the value of the named metric ("AV", "CDP", …), "ND" for
// an optional metric the vector does not set, and "" for an unknown name.
func (v V2) Metric(name string) string {
	for i := range v2Metrics {
		if v2Metrics[i].name == name {
			if v.m[i] == 0 {
				return "ND"
			}
			return v2Metrics[i].values[v.m[i]-1]
		}
	}
	return ""
}

var (
	v2AVw  = [...]float64{0.395, 0.646, 1.0} // L, A, N
	v2ACw  = [...]float64{0.35, 0.61, 0.71}  // H, M, L
	v2Auw  = [...]float64{0.45, 0.56, 0.704} // M, S, N
	v2CIAw = [...]float64{0.0, 0.275, 0.660} // N, P, C
)

// BaseScore computes the base score by the equation of the CVSS v2
// guide's section 3.2.1, rounded to one decimal.
func (v V2) BaseScore() float64 {
	impact := 10.41 * (1 - (1-v2CIAw[v.m[v2C]-1])*(1-v2CIAw[v.m[v2I]-1])*(1-v2CIAw[v.m[v2A]-1]))
	if impact == 0 {
		return 0
	}
	expl := 20 * v2AVw[v.m[v2AV]-1] * v2ACw[v.m[v2AC]-1] * v2Auw[v.m[v2Au]-1]
	return round1((0.6*impact + 0.4*expl - 1.5) * 1.176)
}

// round1 rounds half away from zero to one decimal, tolerating the
// floating-point error of the equation (4.35 computed as 4.3499999…).
func round1(x float64) float64 {
	return math.Round(math.Round(x*100000)/10000) / 10
}

// V2Severity maps a CVSS v2 score to NVD's v2 rating: Low 0.0–3.9, Medium
// 4.0–6.9, High 7.0–10.0. CVSS v2 itself defines no rating.
func V2Severity(score float64) vouch.Severity {
	switch {
	case score >= 7.0:
		return vouch.SeverityHigh
	case score >= 4.0:
		return vouch.SeverityMedium
	}
	return vouch.SeverityLow
}
