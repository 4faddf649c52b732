package cvss

import (
	"math"
	"strings"
)

// v4 metric indices, in the order of the specification's vector table.
const (
	v4AV = iota
	v4AC
	v4AT
	v4PR
	v4UI
	v4VC
	v4VI
	v4VA
	v4SC
	v4SI
	v4SA
	v4E // threat
	v4CR
	v4IR
	v4AR
	v4MAV
	v4MAC
	v4MAT
	v4MPR
	v4MUI
	v4MVC
	v4MVI
	v4MVA
	v4MSC
	v4MSI
	v4MSA
	v4S // supplemental
	v4AU
	v4R
	v4V
	v4RE
	v4U
	v4Count

	v4BaseCount = v4E
)

// v4Metrics lists each metric's name and allowed values. The values of
// the base metrics are listed from most to least severe, and optional
// metrics list "X" (not defined) first, so that a value's index is its
// severity level in the scoring below.
var v4Metrics = [v4Count]struct {
	name   string
	values []string
}{
	{"AV", []string{"N", "A", "L", "P"}},
	{"AC", []string{"L", "H"}},
	{"AT", []string{"N", "P"}},
	{"PR", []string{"N", "L", "H"}},
	{"UI", []string{"N", "P", "A"}},
	{"VC", []string{"H", "L", "N"}},
	{"VI", []string{"H", "L", "N"}},
	{"VA", []string{"H", "L", "N"}},
	{"SC", []string{"H", "L", "N"}},
	{"SI", []string{"H", "L", "N"}},
	{"SA", []string{"H", "L", "N"}},
	{"E", []string{"X", "A", "P", "U"}},
	{"CR", []string{"X", "H", "M", "L"}},
	{"IR", []string{"X", "H", "M", "L"}},
	{"AR", []string{"X", "H", "M", "L"}},
	{"MAV", []string{"X", "N", "A", "L", "P"}},
	{"MAC", []string{"X", "L", "H"}},
	{"MAT", []string{"X", "N", "P"}},
	{"MPR", []string{"X", "N", "L", "H"}},
	{"MUI", []string{"X", "N", "P", "A"}},
	{"MVC", []string{"X", "H", "L", "N"}},
	{"MVI", []string{"X", "H", "L", "N"}},
	{"MVA", []string{"X", "H", "L", "N"}},
	{"MSC", []string{"X", "H", "L", "N"}},
	{"MSI", []string{"X", "S", "H", "L", "N"}},
	{"MSA", []string{"X", "S", "H", "L", "N"}},
	{"S", []string{"X", "N", "P"}},
	{"AU", []string{"X", "N", "Y"}},
	{"R", []string{"X", "A", "U", "I"}},
	{"V", []string{"X", "D", "C"}},
	{"RE", []string{"X", "L", "M", "H"}},
	{"U", []string{"X", "Clear", "Green", "Amber", "Red"}},
}

func v4Index(key string) int {
	for i := range v4Metrics {
		if v4Metrics[i].name == key {
			return i
		}
	}
	return -1
}

// V4 is a parsed CVSS v4.0 vector.
type V4 struct {
	m [v4Count]int8 // 1 + index into the metric's values; 0 when absent
}

// ParseV4 parses a "CVSS:4.0/…" vector: the eleven base metrics, all
// required, and any of the threat, environmental and supplemental
// metrics, each at most once. Metrics may come in any order (the
// specification lists a preferred order; real vectors follow it, but an
// advisory that does not is still scored).
func ParseV4(vector string) (V4, error) {
	var v V4
	if len(vector) > maxVectorLen {
		return v, invalid(vector, "longer than %d bytes", maxVectorLen)
	}
	rest, ok := strings.CutPrefix(vector, "CVSS:4.0/")
	if !ok {
		return v, invalid(vector, "prefix %q is not CVSS:4.0", prefixOf(vector))
	}
	if strings.HasSuffix(rest, "/") {
		return v, invalid(vector, "ends with \"/\"")
	}
	for rest != "" {
		var m metric
		m, rest, ok = nextMetric(rest)
		if !ok {
			return v, invalid(vector, "component %q is not METRIC:VALUE", m.key)
		}
		i := v4Index(m.key)
		if i < 0 {
			return v, invalid(vector, "unknown metric %q", m.key)
		}
		if v.m[i] != 0 {
			return v, invalid(vector, "metric %s given twice", m.key)
		}
		for j, val := range v4Metrics[i].values {
			if val == m.value {
				v.m[i] = int8(j + 1)
				break
			}
		}
		if v.m[i] == 0 {
			return v, invalid(vector, "metric %s has unknown value %q", m.key, m.value)
		}
	}
	for i := range v4BaseCount {
		if v.m[i] == 0 {
			return v, invalid(vector, "base metric %s missing", v4Metrics[i].name)
		}
	}
	return v, nil
}

// Metric returns the value of the named metric ("AV", "E", "U", …), "X"
// for an optional metric the vector does not set, and "" for an unknown
// name.
func (v V4) Metric(name string) string {
	i := v4Index(name)
	if i < 0 {
		return ""
	}
	if v.m[i] == 0 {
		return "X"
	}
	return v4Metrics[i].values[v.m[i]-1]
}

// levels holds the metric values that enter the score as severity levels,
// 0 the most severe, in the reference calculator's units of 0.1: AV N0 A1
// L2 P3; AC L0 H1; AT N0 P1; PR N0 L1 H2; UI N0 P1 A2; VC, VI, VA H0 L1
// N2; SC H1 L2 N3; SI, SA S0 H1 L2 N3 (S, "safety", only through MSI and
// MSA); CR, IR, AR H0 M1 L2; E A0 P1 U2.
type levels struct {
	av, ac, at, pr, ui, vc, vi, va, sc, si, sa, cr, ir, ar, e int8
}

// baseLevels returns the levels of the base metrics alone, the threat and
// security-requirement metrics at their defaults (E:A, CR/IR/AR:H).
func (v V4) baseLevels() levels {
	return levels{
		av: v.m[v4AV] - 1, ac: v.m[v4AC] - 1, at: v.m[v4AT] - 1,
		pr: v.m[v4PR] - 1, ui: v.m[v4UI] - 1,
		vc: v.m[v4VC] - 1, vi: v.m[v4VI] - 1, va: v.m[v4VA] - 1,
		sc: v.m[v4SC], si: v.m[v4SI], sa: v.m[v4SA],
	}
}

// effectiveLevels returns the levels with every threat and environmental
// metric the vector sets applied: a modified metric other than X replaces
// its base metric, and E, CR, IR, AR keep their defaults when X.
func (v V4) effectiveLevels() levels {
	l := v.baseLevels()
	// mod returns the modified metric's value index (1-based, "X" is 1)
	// less 2, i.e. its base-scale level, or -1 when not set.
	mod := func(i int) int8 {
		if v.m[i] <= 1 {
			return -1
		}
		return v.m[i] - 2
	}
	set := func(dst *int8, i int) {
		if x := mod(i); x >= 0 {
			*dst = x
		}
	}
	set(&l.e, v4E)
	set(&l.cr, v4CR)
	set(&l.ir, v4IR)
	set(&l.ar, v4AR)
	set(&l.av, v4MAV)
	set(&l.ac, v4MAC)
	set(&l.at, v4MAT)
	set(&l.pr, v4MPR)
	set(&l.ui, v4MUI)
	set(&l.vc, v4MVC)
	set(&l.vi, v4MVI)
	set(&l.va, v4MVA)
	if x := mod(v4MSC); x >= 0 {
		l.sc = x + 1 // SC has no S: H is level 1
	}
	set(&l.si, v4MSI)
	set(&l.sa, v4MSA)
	return l
}

// BaseScore returns the CVSS-B score: the base metrics alone, with the
// threat metric at its default E:A (attacked, the worst case) and no
// environmental adjustment. It is never lower than Score.
func (v V4) BaseScore() float64 { return v.baseLevels().score() }

// Score returns the score of every metric the vector sets — what the
// specification calls CVSS-BT, CVSS-BE or CVSS-BTE when threat or
// environmental metrics are present, and what FIRST's calculator shows.
// Supplemental metrics never change a score.
func (v V4) Score() float64 { return v.effectiveLevels().score() }

// macroVector returns the equivalence classes EQ1…EQ6 of the
// specification's table 24 for l.
func (l levels) macroVector() (eq [6]int8) {
	switch {
	case l.av == 0 && l.pr == 0 && l.ui == 0:
		eq[0] = 0
	case (l.av == 0 || l.pr == 0 || l.ui == 0) && l.av != 3:
		eq[0] = 1
	default:
		eq[0] = 2
	}
	if l.ac != 0 || l.at != 0 {
		eq[1] = 1
	}
	switch {
	case l.vc == 0 && l.vi == 0:
		eq[2] = 0
	case l.vc == 0 || l.vi == 0 || l.va == 0:
		eq[2] = 1
	default:
		eq[2] = 2
	}
	switch {
	case l.si == 0 || l.sa == 0:
		eq[3] = 0
	case l.sc == 1 || l.si == 1 || l.sa == 1:
		eq[3] = 1
	default:
		eq[3] = 2
	}
	eq[4] = l.e
	if !(l.cr == 0 && l.vc == 0 || l.ir == 0 && l.vi == 0 || l.ar == 0 && l.va == 0) {
		eq[5] = 1
	}
	return eq
}

// macroTable is macroScores indexed by EQ1…EQ6; -1 marks a combination
// that does not exist.
var macroTable = func() (t [4][3][4][4][4][3]int8) {
	for i := range t {
		for j := range t[i] {
			for k := range t[i][j] {
				for l := range t[i][j][k] {
					for m := range t[i][j][k][l] {
						for n := range t[i][j][k][l][m] {
							t[i][j][k][l][m][n] = -1
						}
					}
				}
			}
		}
	}
	for _, e := range macroScores {
		d := func(i int) int { return int(e.eq[i] - '0') }
		t[d(0)][d(1)][d(2)][d(3)][d(4)][d(5)] = e.tenth
	}
	return t
}()

// lookup returns the score of a MacroVector and whether it exists. The
// table is one larger than the largest level in every dimension so that
// the "next lower" MacroVector of the last level reads as missing.
func lookup(eq [6]int8) (float64, bool) {
	s := macroTable[eq[0]][eq[1]][eq[2]][eq[3]][eq[4]][eq[5]]
	return float64(s) / 10, s >= 0
}

// Highest-severity vectors of each equivalence class, from the reference
// calculator's max_composed.js; and the depth of each class (its maximal
// severity distance, +1), from max_severity.js.
var (
	eq1Max = [3][][3]int8{ // AV, PR, UI
		{{0, 0, 0}},
		{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
		{{3, 0, 0}, {1, 1, 1}},
	}
	eq2Max = [2][][2]int8{ // AC, AT
		{{0, 0}},
		{{1, 0}, {0, 1}},
	}
	eq3eq6Max = [3][2][][6]int8{ // VC, VI, VA, CR, IR, AR
		{
			{{0, 0, 0, 0, 0, 0}},
			{{0, 0, 1, 1, 1, 0}, {0, 0, 0, 1, 1, 1}},
		},
		{
			{{1, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}},
			{{1, 0, 1, 0, 1, 0}, {1, 0, 0, 0, 1, 1}, {0, 1, 0, 1, 0, 1}, {0, 1, 1, 1, 0, 0}, {1, 1, 0, 0, 0, 1}},
		},
		{
			nil,
			{{1, 1, 1, 0, 0, 0}},
		},
	}
	eq4Max = [3][3]int8{ // SC, SI, SA
		{1, 0, 0},
		{1, 1, 1},
		{2, 2, 2},
	}
	eq1Depth    = [3]int8{1, 4, 5}
	eq2Depth    = [2]int8{1, 2}
	eq3eq6Depth = [3][2]int8{{7, 6}, {8, 8}, {0, 10}}
	eq4Depth    = [3]int8{6, 5, 4}
)

// score implements section 8.2 of the specification, as the reference
// calculator does: the MacroVector's score, less the mean over the
// equivalence classes of (score drop to the next lower MacroVector) ×
// (the vector's severity distance from the class's highest-severity
// vector ÷ the class's depth), rounded half up to one decimal.
func (l levels) score() float64 {
	if l.vc == 2 && l.vi == 2 && l.va == 2 && l.sc == 3 && l.si == 3 && l.sa == 3 {
		return 0
	}
	eq := l.macroVector()
	value, _ := lookup(eq)

	lower := func(i int) (float64, bool) {
		n := eq
		n[i]++
		return lookup(n)
	}
	lower1, ok1 := lower(0)
	lower2, ok2 := lower(1)
	lower4, ok4 := lower(3)
	_, ok5 := lower(4)
	var lower36 float64
	var ok36 bool
	switch e3, e6 := eq[2], eq[5]; {
	case e3 == 0 && e6 == 0: // two paths down: 01 and 10; take the higher
		left, right := eq, eq
		left[5]++
		right[2]++
		ls, lok := lookup(left)
		rs, rok := lookup(right)
		switch {
		case lok && (!rok || ls > rs):
			lower36, ok36 = ls, true
		default:
			lower36, ok36 = rs, rok
		}
	case e3 == 1 && e6 == 0: // 10 → 11
		lower36, ok36 = lower(5)
	default: // 01 → 11, 11 → 21, 21 → none
		lower36, ok36 = lower(2)
	}

	// Severity distance from the first highest-severity vector of the
	// MacroVector that the vector does not exceed in any metric.
	var d1, d2, d36, d4 int8
	e1, e2, e3, e4, e6 := eq[0], eq[1], eq[2], eq[3], eq[5]
search:
	for _, m1 := range eq1Max[e1] {
		for _, m2 := range eq2Max[e2] {
			for _, m36 := range eq3eq6Max[e3][e6] {
				m4 := eq4Max[e4]
				dav, dpr, dui := l.av-m1[0], l.pr-m1[1], l.ui-m1[2]
				dac, dat := l.ac-m2[0], l.at-m2[1]
				dvc, dvi, dva := l.vc-m36[0], l.vi-m36[1], l.va-m36[2]
				dcr, dir, dar := l.cr-m36[3], l.ir-m36[4], l.ar-m36[5]
				dsc, dsi, dsa := l.sc-m4[0], l.si-m4[1], l.sa-m4[2]
				d1, d2 = dav+dpr+dui, dac+dat
				d36 = dvc + dvi + dva + dcr + dir + dar
				d4 = dsc + dsi + dsa
				if dav >= 0 && dpr >= 0 && dui >= 0 && dac >= 0 && dat >= 0 &&
					dvc >= 0 && dvi >= 0 && dva >= 0 && dcr >= 0 && dir >= 0 && dar >= 0 &&
					dsc >= 0 && dsi >= 0 && dsa >= 0 {
					break search
				}
			}
		}
	}

	var sum float64
	n := 0
	part := func(ok bool, lowerScore float64, dist, depth int8) {
		if !ok {
			return
		}
		n++
		sum += (value - lowerScore) * float64(dist) / float64(depth)
	}
	part(ok1, lower1, d1, eq1Depth[e1])
	part(ok2, lower2, d2, eq2Depth[e2])
	part(ok36, lower36, d36, eq3eq6Depth[e3][e6])
	part(ok4, lower4, d4, eq4Depth[e4])
	if ok5 { // EQ5's distance is always 0, but it counts toward the mean
		n++
	}
	if n > 0 {
		value -= sum / float64(n)
	}
	return roundHalfUp(math.Max(0, math.Min(10, value)))
}

// roundHalfUp rounds to one decimal, half away from zero, after adding
// the reference calculator's epsilon (1e-6) so that 1.4499999999999993,
// which is 8.6 − 7.15 in floating point, rounds to 1.5.
func roundHalfUp(x float64) float64 {
	return math.Floor((x+1e-6)*10+0.5) / 10
}
