package cvss

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// examples are vectors with their published scores: FIRST's "CVSS v3.1
// Examples" and "CVSS v3.0 Examples" documents, the CVSS v2 guide's
// section 3.3, and vectors from the reference test data of testdata/
// (see README.md) for v4.0, where Score gives the base score (CVSS-B).
var examples = []struct {
	vector string
	score  float64
	sev    vouch.Severity
}{
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, vouch.SeverityMedium},   // CVE-2013-1937 phpMyAdmin XSS
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, vouch.SeverityMedium},   // CVE-2013-0375 MySQL SQL injection
	{"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, vouch.SeverityLow},      // CVE-2014-3566 POODLE
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, vouch.SeverityCritical}, // CVE-2012-1516 VMware guest escape
	{"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2, vouch.SeverityMedium},   // CVE-2009-0783 Tomcat
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, vouch.SeverityHigh},     // CVE-2012-0384 Cisco IOS
	{"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, vouch.SeverityHigh},     // CVE-2015-1098 iWork
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, vouch.SeverityHigh},     // CVE-2014-0160 Heartbleed
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, vouch.SeverityCritical}, // CVE-2014-6271 Shellshock
	{"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8, vouch.SeverityMedium},   // CVE-2008-1447 DNS Kaminsky
	{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8, vouch.SeverityMedium},   // CVE-2014-2005 Sophos
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8, vouch.SeverityMedium},   // CVE-2010-0467 Joomla
	{"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3, vouch.SeverityCritical}, // CVE-2013-6014 Juniper
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4, vouch.SeverityMedium},   // CVE-2014-9253 DokuWiki
	{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6, vouch.SeverityMedium},   // CVE-2014-2019 iOS
	{"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4, vouch.SeverityHigh},     // CVE-2014-0224 OpenSSL CCS
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6, vouch.SeverityCritical}, // CVE-2012-5376 Chrome sandbox
	{"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.2, vouch.SeverityHigh},     // CVE-2016-5729 Lenovo BIOS
	{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 7.6, vouch.SeverityHigh},     // CVE-2018-3652 Intel
	{"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, vouch.SeverityMedium},   // v3.0 examples, CVE-2013-1937
	{"CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3, vouch.SeverityCritical}, // v3.0 examples, CVE-2013-6014
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0, vouch.SeverityNone},
	// Temporal and environmental metrics do not change the base score.
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/CR:L/MAV:P", 9.8, vouch.SeverityCritical},

	{"AV:N/AC:L/Au:N/C:N/I:N/A:C", 7.8, vouch.SeverityHigh},   // CVE-2002-0392
	{"AV:N/AC:L/Au:N/C:C/I:C/A:C", 10, vouch.SeverityHigh},    // CVE-2003-0818
	{"AV:L/AC:H/Au:N/C:C/I:C/A:C", 6.2, vouch.SeverityMedium}, // CVE-2003-0062
	{"(AV:N/AC:L/Au:N/C:P/I:P/A:P)", 7.5, vouch.SeverityHigh},
	{"CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, vouch.SeverityHigh},
	{" CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n", 9.8, vouch.SeverityCritical},
	{"AV:L/AC:H/Au:M/C:N/I:N/A:P", 0.8, vouch.SeverityLow},
	{"AV:L/AC:H/Au:M/C:N/I:N/A:N", 0, vouch.SeverityLow}, // NVD's v2 Low starts at 0.0

	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, vouch.SeverityCritical},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.6, vouch.SeverityHigh},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.3, vouch.SeverityHigh},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:L/SA:N", 6.9, vouch.SeverityMedium},
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:H/VA:N/SC:H/SI:H/SA:N", 5.8, vouch.SeverityMedium},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0, vouch.SeverityNone},
	// Supplemental metrics never change a score.
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/S:P/AU:N/R:A/V:D/RE:M/U:Green", 7.3, vouch.SeverityHigh},
	// Score is CVSS-B: threat and environmental metrics are ignored
	// (E:U alone would give 4.1, see TestV4ThreatAndEnvironment).
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U", 7.3, vouch.SeverityHigh},
}

func TestScoreExamples(t *testing.T) {
	for _, tc := range examples {
		s, sev, err := Score(tc.vector)
		if err != nil || s != tc.score || sev != tc.sev {
			t.Errorf("Score(%q) = %v, %v, %v; want %v, %v", tc.vector, s, sev, err, tc.score, tc.sev)
		}
	}
}

// TestReferenceVectors scores every vector of the reference test data in
// testdata/ (see README.md): exhaustive base vectors for v2, v3.0 and v3.1
// with their temporal and environmental scores, and base, threat,
// security-requirement and supplemental vectors for v4.0.
func TestReferenceVectors(t *testing.T) {
	files, err := filepath.Glob("testdata/vectors_*")
	if err != nil || len(files) < 10 {
		t.Fatalf("reference vectors missing: %v %v", files, err)
	}
	for _, file := range files {
		n := 0
		forEachLine(t, file, func(line string) {
			vector, scores, ok := strings.Cut(line, " - ")
			if !ok {
				t.Fatalf("%s: bad line %q", file, line)
			}
			want := parseScores(t, scores)
			n++
			switch {
			case strings.HasPrefix(vector, "CVSS:4.0/"):
				v, err := ParseV4(vector)
				if err != nil {
					t.Errorf("%s: %v", file, err)
					return
				}
				if got := v.Score(); got != want[0] {
					t.Errorf("%s: V4.Score(%s) = %v, want %v", file, vector, got, want[0])
				}
			case strings.HasPrefix(vector, "CVSS:3."):
				v, err := ParseV3(vector)
				if err != nil {
					t.Errorf("%s: %v", file, err)
					return
				}
				got := []float64{v.BaseScore(), v.TemporalScore(), v.EnvironmentalScore()}
				for i := range want {
					if got[i] != want[i] {
						t.Errorf("%s: %s scores %v, want %v", file, vector, got, want)
						break
					}
				}
			default:
				v, err := ParseV2(vector)
				if err != nil {
					t.Errorf("%s: %v", file, err)
					return
				}
				if got := v.BaseScore(); got != want[0] {
					t.Errorf("%s: V2.BaseScore(%s) = %v, want %v", file, vector, got, want[0])
				}
			}
		})
		if n == 0 {
			t.Errorf("%s: no vectors", file)
		}
	}
}

// parseScores reads "7.3", "(9.2,)" or "(5, 3.5, None)"; None ends the
// list.
func parseScores(t *testing.T, s string) []float64 {
	t.Helper()
	var out []float64
	for f := range strings.SplitSeq(strings.Trim(s, "()"), ",") {
		f = strings.TrimSpace(f)
		if f == "" || f == "None" {
			break
		}
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("bad score %q", s)
		}
		out = append(out, x+0) // -0.0 → 0
	}
	if len(out) == 0 {
		t.Fatalf("no score in %q", s)
	}
	return out
}

func forEachLine(t *testing.T, file string, fn func(string)) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(file, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestV4ThreatAndEnvironment holds the split between V4.BaseScore
// (CVSS-B, what Score returns) and V4.Score (every metric applied).
func TestV4ThreatAndEnvironment(t *testing.T) {
	for _, tc := range []struct {
		vector      string
		base, score float64
	}{
		{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P", 7.3, 5.9},
		{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U", 7.3, 4.1},
		{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:H/IR:H/AR:M", 7.3, 7.2},
		{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:X/CR:X", 7.3, 7.3},
	} {
		v, err := ParseV4(tc.vector)
		if err != nil {
			t.Fatal(err)
		}
		if b, s := v.BaseScore(), v.Score(); b != tc.base || s != tc.score {
			t.Errorf("%s: BaseScore, Score = %v, %v; want %v, %v", tc.vector, b, s, tc.base, tc.score)
		}
	}
}

// TestV4ModifiedMetrics holds the rule that a modified base metric
// replaces the base metric it names: every reference base vector, written
// with the opposite base values and the real ones as modified metrics,
// must score the same.
func TestV4ModifiedMetrics(t *testing.T) {
	// other returns a value of metric k other than val.
	other := func(k, val string) string {
		for _, o := range v4Metrics[v4Index(k)].values {
			if o != val {
				return o
			}
		}
		t.Fatalf("metric %s has one value", k)
		return ""
	}
	n := 0
	forEachLine(t, "testdata/vectors_simple4.gz", func(line string) {
		vector, scores, _ := strings.Cut(line, " - ")
		want := parseScores(t, scores)[0]
		parts := strings.Split(strings.TrimPrefix(vector, "CVSS:4.0/"), "/")
		var base, mod []string
		for _, p := range parts {
			k, val, _ := strings.Cut(p, ":")
			o := other(k, val)
			base = append(base, k+":"+o)
			mod = append(mod, "M"+k+":"+val)
		}
		mv := "CVSS:4.0/" + strings.Join(base, "/") + "/" + strings.Join(mod, "/")
		v, err := ParseV4(mv)
		if err != nil {
			t.Fatalf("%s: %v", mv, err)
		}
		if got := v.Score(); got != want {
			t.Errorf("V4.Score(%s) = %v, want %v as for %s", mv, got, want, vector)
		}
		n++
	})
	if n < 1000 {
		t.Fatalf("only %d vectors", n)
	}
	// MSI:S and MSA:S (safety) put a vector in the highest EQ4 class.
	v, err := ParseV4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S")
	if err != nil {
		t.Fatal(err)
	}
	if v.Score() <= v.BaseScore() {
		t.Errorf("MSI:S scored %v, not above base %v", v.Score(), v.BaseScore())
	}
}

// TestOSVVectors scores every CVSS vector in the PyPI and crates.io OSV
// snapshots (testdata/osv-vectors.txt, see README.md): each must parse
// and rate. The records carry no score of their own to compare with.
func TestOSVVectors(t *testing.T) {
	n := 0
	forEachLine(t, "testdata/osv-vectors.txt", func(line string) {
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Fatalf("bad line %q", line)
		}
		id, typ, vector := f[0], f[1], f[2]
		s, sev, err := Score(vector)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			return
		}
		if s < 0 || s > 10 || sev == vouch.SeverityUnknown {
			t.Errorf("%s: Score(%s) = %v, %v", id, vector, s, sev)
		}
		if want := map[string]string{"CVSS_V3": "CVSS:3.", "CVSS_V4": "CVSS:4.0/"}[typ]; !strings.HasPrefix(vector, want) {
			t.Errorf("%s: %s vector %s", id, typ, vector)
		}
		n++
	})
	if n < 600 {
		t.Fatalf("only %d vectors", n)
	}
}

func TestScoreInvalid(t *testing.T) {
	long := "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" + strings.Repeat("/E:X", 300)
	for _, v := range []string{
		"",
		"CVSS:",
		"CVSS:3.1",
		"CVSS:3.1/",
		"cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", // wrong prefix
		"CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", // unknown version
		"CVSS:5.0/AV:N", // unknown version
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",         // A missing
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H", // duplicate
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/E:F",
		"CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",      // bad value
		"CVSS:3.1/AV:NN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",     // bad value
		"CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",      // values are case-sensitive
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:X", // unknown metric
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",     // trailing slash
		"CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",     // empty component
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A",        // no value
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N", // a v4 metric
		"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:A",  // a v4 value
		long,
		"AV:N/AC:L/Au:N/C:P/I:P",               // v2, A missing
		"AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/E:F", // v2 duplicate
		"AV:N/AC:L/Au:N/C:P/I:P/A:X",           // v2 bad value
		"AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  // v3 without prefix
		"CVSS:2.0/",                            // empty v2
		"()",                                   // empty v2
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:N",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", // S only for MSI
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:F",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:clear",
		"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S",
		"CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", // v3 metrics
	} {
		s, sev, err := Score(v)
		if !errors.Is(err, ErrInvalid) || sev != vouch.SeverityUnknown || s != 0 {
			t.Errorf("Score(%q) = %v, %v, %v; want ErrInvalid", v, s, sev, err)
		}
	}
}

func TestMetric(t *testing.T) {
	v3, err := ParseV3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P")
	if err != nil {
		t.Fatal(err)
	}
	v4, err := ParseV4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Amber")
	if err != nil {
		t.Fatal(err)
	}
	v2, err := ParseV2("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ got, want string }{
		{v3.Version(), "3.1"}, {v3.Metric("AV"), "N"}, {v3.Metric("E"), "P"}, {v3.Metric("RL"), "X"}, {v3.Metric("VC"), ""},
		{v4.Metric("U"), "Amber"}, {v4.Metric("E"), "X"}, {v4.Metric("VC"), "H"}, {v4.Metric("C"), ""},
		{v2.Metric("E"), "POC"}, {v2.Metric("RL"), "ND"}, {v2.Metric("Au"), "N"}, {v2.Metric("PR"), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestV2Severity(t *testing.T) {
	for _, tc := range []struct {
		score float64
		want  vouch.Severity
	}{{0, vouch.SeverityLow}, {3.9, vouch.SeverityLow}, {4.0, vouch.SeverityMedium}, {6.9, vouch.SeverityMedium}, {7.0, vouch.SeverityHigh}, {10, vouch.SeverityHigh}} {
		if got := V2Severity(tc.score); got != tc.want {
			t.Errorf("V2Severity(%v) = %v, want %v", tc.score, got, tc.want)
		}
	}
}

// FuzzScore holds Score to its contract on any input: no panic, an
// ErrInvalid error, or a score in [0, 10] with a known rating.
func FuzzScore(f *testing.F) {
	for _, tc := range examples {
		f.Add(tc.vector)
	}
	f.Add("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L/MAV:P/MSI:S/U:Red")
	f.Add("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:C/MPR:H/CR:H")
	f.Fuzz(func(t *testing.T, vector string) {
		s, sev, err := Score(vector)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Score(%q): error %v does not wrap ErrInvalid", vector, err)
			}
			return
		}
		if s < 0 || s > 10 || sev == vouch.SeverityUnknown {
			t.Fatalf("Score(%q) = %v, %v", vector, s, sev)
		}
		switch {
		case strings.HasPrefix(vector, "CVSS:3."):
			v, _ := ParseV3(vector)
			if x := v.EnvironmentalScore(); x < 0 || x > 10 {
				t.Fatalf("EnvironmentalScore(%q) = %v", vector, x)
			}
		case strings.HasPrefix(vector, "CVSS:4.0/"):
			v, _ := ParseV4(vector)
			if x := v.Score(); x < 0 || x > 10 {
				t.Fatalf("V4.Score(%q) = %v", vector, x)
			}
		}
	})
}

var benchSink float64

func benchmarkScore(b *testing.B, vector string) {
	b.ReportAllocs()
	for b.Loop() {
		s, _, err := Score(vector)
		if err != nil {
			b.Fatal(err)
		}
		benchSink += s
	}
}

func BenchmarkScoreV2(b *testing.B) { benchmarkScore(b, "AV:N/AC:L/Au:N/C:P/I:P/A:P") }
func BenchmarkScoreV3(b *testing.B) {
	benchmarkScore(b, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N")
}
func BenchmarkScoreV4(b *testing.B) {
	benchmarkScore(b, "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:P/VC:H/VI:L/VA:N/SC:L/SI:H/SA:N")
}
