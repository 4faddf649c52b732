package version

import (
	"strings"

	"github.com/google/osv-scalibr/semantic"
)

// APKVersion is a version of an Alpine (apk) package, compared as
// apk-tools does (src/version.c):
//
//	digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#}
//
// The leading number is compared numerically, as are the later numbers
// unless one of the two has a leading zero, in which case they compare as
// strings ("1.02" < "1.1", as in Gentoo). A letter follows the numbers.
// Suffixes rank alpha < beta < pre < rc < (none) < cvs < svn < git < hg <
// p. A commit hash compares as a string, the -r revision as a number.
// Versions are compared token by token; where one runs out, the longer is
// newer unless its next token is a pre-release suffix. A malformed token
// ends the comparison as apk-tools ends it, so every string is ordered and
// none is an error.
//
// This follows apk-tools 3 (its test suite, test/unit/version.data, is in
// testdata/apk-version.txt) with two extensions for versions apk-tools 3
// calls invalid, which old Alpine releases still carry in the security
// database: digits may follow the letter ("6.0.2p1", as apk-tools 2
// allowed), and where both versions turn malformed at the same point the
// rest of each is compared as a string, so "1.2.r1" < "1.2.r2" rather
// than equal.
//
// osv-scalibr's comparator gives a missing suffix the weight of "cvs", so
// it ranks 1.2.3_cvs equal to 1.2.3; it also ignores the commit hash. This
// type replaces it for apk ecosystems.
type APKVersion struct {
	s string
}

var _ semantic.Version = APKVersion{}

// ParseAPK reads an apk version. It never fails: apk-tools orders every
// string.
func ParseAPK(s string) APKVersion { return APKVersion{s: s} }

// Compare orders v against w, which must be an APKVersion.
func (v APKVersion) Compare(w semantic.Version) (int, error) {
	if w, ok := w.(APKVersion); ok {
		return compareAPK(v.s, w.s), nil
	}
	return 0, semantic.ErrNotSameEcosystem
}

// CompareStr orders v against the apk version str.
func (v APKVersion) CompareStr(str string) (int, error) {
	return compareAPK(v.s, str), nil
}

// apk token kinds, in the order apk-tools requires them to appear; the
// order also decides which of two versions that differ only in length is
// newer.
const (
	apkInitialDigit = iota
	apkDigit
	apkLetter
	apkSuffix
	apkSuffixNo
	apkHash
	apkRevision
	apkEnd
	apkInvalid
)

// apk suffix ranks; apkNoSuffix is what a version without one has.
const (
	apkSufInvalid = iota
	apkSufAlpha
	apkSufBeta
	apkSufPre
	apkSufRC
	apkNoSuffix
	apkSufCVS
	apkSufSVN
	apkSufGit
	apkSufHg
	apkSufP
)

var apkSuffixes = map[string]int{
	"alpha": apkSufAlpha, "beta": apkSufBeta, "pre": apkSufPre, "rc": apkSufRC,
	"cvs": apkSufCVS, "svn": apkSufSVN, "git": apkSufGit, "hg": apkSufHg, "p": apkSufP,
}

type apkToken struct {
	kind   int
	suffix int
	value  string // digits, letter, suffix name or hash
}

// apkScanner walks a version string token by token.
type apkScanner struct {
	s   string
	tok apkToken
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (sc *apkScanner) digits() {
	i := 0
	for i < len(sc.s) && isDigit(sc.s[i]) {
		i++
	}
	sc.tok.value, sc.s = sc.s[:i], sc.s[i:]
	if i == 0 {
		sc.tok.kind = apkInvalid
	}
}

func (sc *apkScanner) first() {
	sc.tok.kind = apkInitialDigit
	sc.digits()
}

func (sc *apkScanner) next() {
	if sc.s == "" {
		sc.tok.kind = apkEnd
		return
	}
	prev := sc.tok.kind
	c := sc.s[0]
	switch {
	case 'a' <= c && c <= 'z':
		if prev > apkDigit {
			sc.tok.kind = apkInvalid
			return
		}
		sc.tok = apkToken{kind: apkLetter, value: sc.s[:1]}
		sc.s = sc.s[1:]
	case c == '.' || isDigit(c):
		if c == '.' {
			if prev > apkDigit {
				sc.tok.kind = apkInvalid
				return
			}
			sc.s = sc.s[1:]
		}
		switch prev {
		case apkInitialDigit, apkDigit, apkLetter: // a letter then digits: apk-tools 2
			sc.tok.kind = apkDigit
		case apkSuffix:
			sc.tok.kind = apkSuffixNo
		default:
			sc.tok.kind = apkInvalid
			return
		}
		sc.digits()
	case c == '_':
		if prev > apkSuffixNo {
			sc.tok.kind = apkInvalid
			return
		}
		i := 1
		for i < len(sc.s) && 'a' <= sc.s[i] && sc.s[i] <= 'z' {
			i++
		}
		name := sc.s[1:i]
		sc.s = sc.s[i:]
		suf, ok := apkSuffixes[name]
		if !ok {
			sc.tok.kind = apkInvalid
			return
		}
		sc.tok = apkToken{kind: apkSuffix, suffix: suf, value: name}
	case c == '~':
		if prev >= apkHash {
			sc.tok.kind = apkInvalid
			return
		}
		i := 1
		for i < len(sc.s) && (isDigit(sc.s[i]) || 'a' <= sc.s[i] && sc.s[i] <= 'f') {
			i++
		}
		if i == 1 {
			sc.tok.kind = apkInvalid
			return
		}
		sc.tok = apkToken{kind: apkHash, value: sc.s[1:i]}
		sc.s = sc.s[i:]
	case c == '-':
		if prev >= apkRevision || !strings.HasPrefix(sc.s, "-r") {
			sc.tok.kind = apkInvalid
			return
		}
		sc.s = sc.s[2:]
		sc.tok.kind = apkRevision
		sc.digits()
	default:
		sc.tok.kind = apkInvalid
	}
}

// compareNumeric orders two digit strings by value, whatever their length.
func compareNumeric(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return cmpInt(len(a), len(b))
	}
	return strings.Compare(a, b)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func compareAPKTokens(a, b apkToken) int {
	switch a.kind {
	case apkDigit:
		if a.value[0] == '0' || b.value[0] == '0' {
			return strings.Compare(a.value, b.value)
		}
		return compareNumeric(a.value, b.value)
	case apkInitialDigit, apkSuffixNo, apkRevision:
		return compareNumeric(a.value, b.value)
	case apkSuffix:
		return cmpInt(a.suffix, b.suffix)
	}
	return strings.Compare(a.value, b.value) // letter, hash
}

func compareAPK(a, b string) int {
	sa, sb := apkScanner{s: a}, apkScanner{s: b}
	sa.first()
	sb.first()
	for sa.tok.kind == sb.tok.kind && sa.tok.kind < apkEnd {
		if c := compareAPKTokens(sa.tok, sb.tok); c != 0 {
			return c
		}
		sa.next()
		sb.next()
	}
	ka, kb := sa.tok.kind, sb.tok.kind
	switch {
	case ka == apkInvalid && kb == apkInvalid:
		// Both malformed at the same point: sort the rest as strings
		// rather than call two different versions equal.
		return strings.Compare(sa.s, sb.s)
	case ka == kb:
		return 0
	case ka == apkSuffix && sa.tok.suffix < apkNoSuffix:
		return -1
	case kb == apkSuffix && sb.tok.suffix < apkNoSuffix:
		return 1
	case ka > kb:
		return -1
	}
	return 1
}
