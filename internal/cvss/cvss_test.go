package cvss

import (
	"errors"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// v3Examples are the vectors and base scores published in FIRST's "CVSS
// v3.1 Examples" document (and the v3.0 examples document for CVSS:3.0).
var v3Examples = []struct {
	vector string
	score  float64
	sev    vouch.Severity
}{
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, vouch.SeverityMedium},   // CVE-2013-1937
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, vouch.SeverityMedium},   // CVE-2013-0375
	{"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, vouch.SeverityLow},      // CVE-2014-3566
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, vouch.SeverityCritical}, // CVE-2012-1516
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, vouch.SeverityCritical}, // CVE-2014-6271
	{"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3, vouch.SeverityCritical}, // CVE-2013-6014
	{"CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3, vouch.SeverityCritical},
	{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 7.6, vouch.SeverityHigh}, // CVE-2018-3652
	{"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.2, vouch.SeverityHigh}, // CVE-2016-5729
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0, vouch.SeverityNone},
	{"AV:N/AC:L/Au:N/C:N/I:N/A:C", 7.8, vouch.SeverityHigh},   // CVSS v2 guide, CVE-2002-0392
	{"AV:N/AC:L/Au:N/C:C/I:C/A:C", 10, vouch.SeverityHigh},    // CVE-2003-0818
	{"AV:L/AC:H/Au:N/C:C/I:C/A:C", 6.2, vouch.SeverityMedium}, // CVE-2003-0062
}

func TestScoreExamples(t *testing.T) {
	for _, tc := range v3Examples {
		s, sev, err := Score(tc.vector)
		if err != nil || s != tc.score || sev != tc.sev {
			t.Errorf("Score(%q) = %v, %v, %v; want %v, %v", tc.vector, s, sev, err, tc.score, tc.sev)
		}
	}
}

func TestScoreInvalid(t *testing.T) {
	for _, v := range []string{
		"",
		"CVSS:3.1/",
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",          // A missing
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H",  // duplicate
		"CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",      // bad value
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:X", // unknown metric
		"CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",      // unknown version
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",     // trailing slash
		"AV:N/AC:L/Au:N/C:P/I:P",
	} {
		_, sev, err := Score(v)
		if !errors.Is(err, ErrInvalid) || sev != vouch.SeverityUnknown {
			t.Errorf("Score(%q) = %v, %v; want ErrInvalid", v, sev, err)
		}
	}
}
