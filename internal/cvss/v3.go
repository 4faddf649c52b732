package cvss

import (
	"math"
	"strings"
)

// v3 metric indices, in the order of the specification's vector table.
const (
	v3AV = iota
	v3AC
	v3PR
	v3UI
	v3S
	v3C
	v3I
	v3A
	v3E
	v3RL
	v3RC
	v3CR
	v3IR
	v3AR
	v3MAV
	v3MAC
	v3MPR
	v3MUI
	v3MS
	v3MC
	v3MI
	v3MA
	v3Count

	v3BaseCount = v3E
)

// v3Metrics lists each metric's name and its allowed one-letter values.
var v3Metrics = [v3Count]struct{ name, values string }{
	{"AV", "NALP"}, {"AC", "LH"}, {"PR", "NLH"}, {"UI", "NR"}, {"S", "UC"},
	{"C", "HLN"}, {"I", "HLN"}, {"A", "HLN"},
	{"E", "XHFPU"}, {"RL", "XUWTO"}, {"RC", "XCRU"},
	{"CR", "XHML"}, {"IR", "XHML"}, {"AR", "XHML"},
	{"MAV", "XNALP"}, {"MAC", "XLH"}, {"MPR", "XNLH"}, {"MUI", "XNR"}, {"MS", "XUC"},
	{"MC", "XHLN"}, {"MI", "XHLN"}, {"MA", "XHLN"},
}

func v3Index(key string) int {
	for i := range v3Metrics {
		if v3Metrics[i].name == key {
			return i
		}
	}
	return -1
}

// V3 is a parsed CVSS v3.0 or v3.1 vector.
type V3 struct {
	// Minor is 0 for CVSS v3.0 and 1 for v3.1; the two differ only in
	// how the score is rounded up.
	Minor int
	m     [v3Count]byte // metric values; 0 when absent
}

// ParseV3 parses a "CVSS:3.0/…" or "CVSS:3.1/…" vector. Metrics may come
// in any order; each at most once; all eight base metrics are required.
func ParseV3(vector string) (V3, error) {
	var v V3
	if len(vector) > maxVectorLen {
		return v, invalid(vector, "longer than %d bytes", maxVectorLen)
	}
	var rest string
	switch {
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		v.Minor = 0
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		v.Minor = 1
	default:
		return v, invalid(vector, "prefix %q is not CVSS:3.0 or CVSS:3.1", prefixOf(vector))
	}
	rest = vector[len("CVSS:3.x/"):]
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
		i := v3Index(m.key)
		if i < 0 {
			return v, invalid(vector, "unknown metric %q", m.key)
		}
		if v.m[i] != 0 {
			return v, invalid(vector, "metric %s given twice", m.key)
		}
		if len(m.value) != 1 || strings.IndexByte(v3Metrics[i].values, m.value[0]) < 0 {
			return v, invalid(vector, "metric %s has unknown value %q", m.key, m.value)
		}
		v.m[i] = m.value[0]
	}
	for i := range v3BaseCount {
		if v.m[i] == 0 {
			return v, invalid(vector, "base metric %s missing", v3Metrics[i].name)
		}
	}
	return v, nil
}

// Version returns "3.0" or "3.1".
func (v V3) Version() string {
	if v.Minor == 0 {
		return "3.0"
	}
	return "3.1"
}

// Metric returns the value of the named metric ("AV", "MC", …), "X" for an
// optional metric the vector does not set, and "" for an unknown name.
func (v V3) Metric(name string) string {
	i := v3Index(name)
	if i < 0 {
		return ""
	}
	if v.m[i] == 0 {
		return "X"
	}
	return string([]byte{v.m[i]})
}

// BaseScore computes the base score by the formula of the specification's
// section 7.1, with the version's Roundup.
func (v V3) BaseScore() float64 {
	changed := v.m[v3S] == 'C'
	iss := 1 - (1-v3CIA(v.m[v3C]))*(1-v3CIA(v.m[v3I]))*(1-v3CIA(v.m[v3A]))
	var impact float64
	if changed {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	} else {
		impact = 6.42 * iss
	}
	if impact <= 0 {
		return 0
	}
	expl := 8.22 * v3AVw(v.m[v3AV]) * v3ACw(v.m[v3AC]) * v3PRw(v.m[v3PR], changed) * v3UIw(v.m[v3UI])
	if changed {
		return v.roundup(math.Min(1.08*(impact+expl), 10))
	}
	return v.roundup(math.Min(impact+expl, 10))
}

// TemporalScore computes the temporal score (section 7.2): the base score
// adjusted by Exploit Code Maturity, Remediation Level and Report
// Confidence. It equals BaseScore when the vector sets none of them.
func (v V3) TemporalScore() float64 {
	return v.roundup(v.BaseScore() * v.temporalFactor())
}

func (v V3) temporalFactor() float64 {
	var e, rl, rc float64 = 1, 1, 1
	switch v.m[v3E] {
	case 'U':
		e = 0.91
	case 'P':
		e = 0.94
	case 'F':
		e = 0.97
	}
	switch v.m[v3RL] {
	case 'O':
		rl = 0.95
	case 'T':
		rl = 0.96
	case 'W':
		rl = 0.97
	}
	switch v.m[v3RC] {
	case 'U':
		rc = 0.92
	case 'R':
		rc = 0.96
	}
	return e * rl * rc
}

// EnvironmentalScore computes the environmental score (section 7.3): the
// modified base metrics replace the base metrics they name unless "X",
// the security requirements weight the impacts, and the temporal metrics
// apply. It equals TemporalScore when the vector sets no environmental
// metric.
func (v V3) EnvironmentalScore() float64 {
	mod := func(base, m int) byte {
		if v.m[m] == 0 || v.m[m] == 'X' {
			return v.m[base]
		}
		return v.m[m]
	}
	req := func(m int) float64 {
		switch v.m[m] {
		case 'H':
			return 1.5
		case 'L':
			return 0.5
		}
		return 1 // M, X
	}
	changed := mod(v3S, v3MS) == 'C'
	miss := math.Min(1-
		(1-req(v3CR)*v3CIA(mod(v3C, v3MC)))*
			(1-req(v3IR)*v3CIA(mod(v3I, v3MI)))*
			(1-req(v3AR)*v3CIA(mod(v3A, v3MA))), 0.915)
	var impact float64
	switch {
	case !changed:
		impact = 6.42 * miss
	case v.Minor == 0:
		impact = 7.52*(miss-0.029) - 3.25*math.Pow(miss-0.02, 15)
	default: // v3.1 changed the modified impact formula
		impact = 7.52*(miss-0.029) - 3.25*math.Pow(miss*0.9731-0.02, 13)
	}
	if impact <= 0 {
		return 0
	}
	expl := 8.22 * v3AVw(mod(v3AV, v3MAV)) * v3ACw(mod(v3AC, v3MAC)) *
		v3PRw(mod(v3PR, v3MPR), changed) * v3UIw(mod(v3UI, v3MUI))
	sum := impact + expl
	if changed {
		sum *= 1.08
	}
	return v.roundup(v.roundup(math.Min(sum, 10)) * v.temporalFactor())
}

// roundup is the specification's Roundup: the smallest number with one
// decimal that is equal to or higher than x. CVSS v3.1 (Appendix A)
// defines it on integers to avoid floating-point error; v3.0 defined it as
// a plain ceiling to one decimal.
func (v V3) roundup(x float64) float64 {
	if v.Minor == 0 {
		return math.Ceil(x*10) / 10
	}
	i := int64(math.Round(x * 100000))
	if i%10000 == 0 {
		return float64(i) / 100000
	}
	return float64(i/10000+1) / 10
}

func v3AVw(b byte) float64 {
	switch b {
	case 'N':
		return 0.85
	case 'A':
		return 0.62
	case 'L':
		return 0.55
	}
	return 0.2 // P
}

func v3ACw(b byte) float64 {
	if b == 'L' {
		return 0.77
	}
	return 0.44 // H
}

func v3PRw(b byte, changed bool) float64 {
	switch b {
	case 'N':
		return 0.85
	case 'L':
		if changed {
			return 0.68
		}
		return 0.62
	}
	if changed { // H
		return 0.5
	}
	return 0.27
}

func v3UIw(b byte) float64 {
	if b == 'N' {
		return 0.85
	}
	return 0.62 // R
}

func v3CIA(b byte) float64 {
	switch b {
	case 'H':
		return 0.56
	case 'L':
		return 0.22
	}
	return 0 // N
}
