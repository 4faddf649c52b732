package secrets

import (
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"math"
	"regexp"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Rule is one kind of secret the scanner knows.
type Rule struct {
	ID          string         // stable id, reported as Finding.ID ("aws-access-key-id")
	Description string         // reported as Finding.Title
	Severity    vouch.Severity // reported as Finding.Severity
	// Keywords are lower-case literals of which at least one occurs in or
	// right before every match. The prefilter runs the rule only on the
	// lines around an occurrence.
	Keywords []string
	// Pattern is an RE2 expression; SecretGroup names the submatch that is
	// the secret (0: the whole match).
	Pattern     string
	SecretGroup int
	// Entropy, when set, is the least Shannon entropy in bits per byte that
	// the secret must have.
	Entropy float64
	// Allow lists known non-secret values (documentation examples) that
	// this rule never reports.
	Allow []string
	// MultiLine is the longest span in bytes a match may have when it
	// crosses lines (PEM blocks); 0 for rules that match within a line.
	MultiLine int
	// Strict rules have a distinctive format (a vendor prefix, a checksum)
	// and still run where only high-confidence rules do: lockfiles and
	// minified bundles.
	Strict bool
	// Examples are run by the package's tests: each Positive must be found
	// by this rule, each Negative must produce no finding at all.
	Examples Examples

	// check, when set, vets a candidate beyond its pattern: checksums,
	// decoded headers, context. It must not retain its arguments.
	check func(c *candidate) bool
	// pathSuffixes, when set, run the rule over the whole of a small
	// file whose path ends in one of them, and only there; its keywords
	// are then documentation.
	pathSuffixes []string
	// anchored rules match at the start of the identifier that holds a
	// keyword (generic assignments): the pattern is tried once per
	// identifier instead of at every offset of the line.
	anchored bool
	// assignment: run only where an assignment operator follows the
	// identifier (generic rules).
	assignment bool
	// name, when set with assignment, vets the identifier before the
	// pattern runs.
	name func(ident []byte) bool
	// match, when set, replaces the pattern for anchored rules: a hand
	// parser returning submatch offsets as regexp.FindSubmatchIndex does.
	// Pattern then documents what it accepts.
	match func(win []byte) []int
}

// Examples are test inputs for a rule.
type Examples struct {
	Positive []string
	Negative []string
}

// candidate is one pattern match under consideration. A check may narrow
// secret to a sub-slice of itself (adjusting secretStart), or set override
// to a decoded value that is fingerprinted instead.
type candidate struct {
	secret      []byte   // the secret group
	secretStart int      // offset of secret in buf
	match       []byte   // the whole match
	groups      [][]byte // every submatch, nil when absent
	buf         []byte   // everything in memory around the match
	override    []byte
	file        *fileInfo
}

// narrow sets the secret to secret[i:j].
func (c *candidate) narrow(i, j int) {
	c.secretStart += i
	c.secret = c.secret[i:j]
}

// compiledRule is a Rule ready to run.
type compiledRule struct {
	*Rule
	index int
	re    *regexp.Regexp
}

func compileRule(r *Rule, index int) (*compiledRule, error) {
	p := r.Pattern
	if r.anchored {
		p = `^(?:` + p + `)`
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("rule %s: compile pattern: %w", r.ID, err)
	}
	if r.SecretGroup > re.NumSubexp() {
		return nil, fmt.Errorf("rule %s: secret group %d but pattern has %d groups", r.ID, r.SecretGroup, re.NumSubexp())
	}
	if len(r.Keywords) == 0 {
		return nil, fmt.Errorf("rule %s: no keywords", r.ID)
	}
	for _, k := range r.Keywords {
		if k != strings.ToLower(k) || k == "" {
			return nil, fmt.Errorf("rule %s: keyword %q must be non-empty lower case", r.ID, k)
		}
	}
	return &compiledRule{Rule: r, index: index, re: re}, nil
}

// shannon returns the Shannon entropy of b in bits per byte.
func shannon(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	var counts [256]int
	for _, c := range b {
		counts[c]++
	}
	var h float64
	n := float64(len(b))
	for _, k := range counts {
		if k == 0 {
			continue
		}
		p := float64(k) / n
		h -= p * math.Log2(p)
	}
	return h
}

const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// base62CRC32 encodes the CRC-32 (IEEE) of s in base 62, left-padded with
// '0' to six characters: the checksum GitHub (2021 token format) and npm
// (granular tokens) append to the 30 random characters of a token.
func base62CRC32(s []byte) string {
	v := crc32.ChecksumIEEE(s)
	var out [6]byte
	for i := 5; i >= 0; i-- {
		out[i] = base62Alphabet[v%62]
		v /= 62
	}
	return string(out[:])
}

// validChecksumToken reports whether tok ends in 36 base62 characters whose
// last six are the base62 CRC-32 of the first thirty.
func validChecksumToken(tok []byte) bool {
	if len(tok) < 36 {
		return false
	}
	body := tok[len(tok)-36:]
	return base62CRC32(body[:30]) == string(body[30:])
}

// Example templates: rules' examples are written as templates so that the
// source holds no string a scanner would take for a live credential, and
// expanded deterministically (seeded by the rule id) when the rules are
// built. {KIND:N} is N random characters of KIND:
//
//	an  A-Za-z0-9        lc  a-z0-9        uc  A-Z0-9       al  a-z
//	hex 0-9a-f           HEX 0-9A-F        d   0-9          b64 base64
//	url A-Za-z0-9_-      AU  A-Z           b32 bech32 (upper case)
//
// {gh:PREFIX} is a checksummed GitHub/npm style token with that prefix.
var templateRE = regexp.MustCompile(`\{(an|lc|uc|al|hex|HEX|d|b64|url|AU|b32):(\d+)\}|\{gh:([a-z_]+)\}`)

var templateAlphabets = map[string]string{
	"an":  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
	"lc":  "abcdefghijklmnopqrstuvwxyz0123456789",
	"uc":  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
	"al":  "abcdefghijklmnopqrstuvwxyz",
	"hex": "0123456789abcdef",
	"HEX": "0123456789ABCDEF",
	"d":   "0123456789",
	"b64": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
	"url": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
	"AU":  "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	"b32": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", // bech32, upper case
}

// exampleRand is a small deterministic generator (xorshift64*).
type exampleRand struct{ s uint64 }

func newExampleRand(seed string) *exampleRand {
	h := fnv.New64a()
	h.Write([]byte(seed))
	s := h.Sum64()
	if s == 0 {
		s = 1
	}
	return &exampleRand{s}
}

func (r *exampleRand) next() uint64 {
	r.s ^= r.s >> 12
	r.s ^= r.s << 25
	r.s ^= r.s >> 27
	return r.s * 2685821657736338717
}

func (r *exampleRand) str(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.next()%uint64(len(alphabet))]
	}
	return string(b)
}

// expandTemplate fills a template (see templateRE) from r.
func expandTemplate(r *exampleRand, t string) string {
	return templateRE.ReplaceAllStringFunc(t, func(m string) string {
		sm := templateRE.FindStringSubmatch(m)
		if sm[3] != "" {
			body := r.str(base62Alphabet, 30)
			return sm[3] + body + base62CRC32([]byte(body))
		}
		var n int
		fmt.Sscanf(sm[2], "%d", &n)
		return r.str(templateAlphabets[sm[1]], n)
	})
}

// expandExamples expands a rule's example templates with a generator
// seeded by the rule id, so examples are the same on every run.
func expandExamples(id string, ts []string) []string {
	r := newExampleRand(id)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = expandTemplate(r, t)
	}
	return out
}
