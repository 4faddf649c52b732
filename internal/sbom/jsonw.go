package sbom

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// jsonWriter writes indented JSON straight into a buffer that it flushes
// to the output (and, in deterministic mode, to a hash of everything
// written so far) every flushSize bytes. It is the reason encoding 50,000
// packages costs tens of milliseconds and a handful of allocations:
// there is no document tree and no reflection.
//
// Callers write an element with key/value helpers; commas, newlines and
// indentation follow from open and close.
type jsonWriter struct {
	buf   []byte
	out   io.Writer
	hash  hash.Hash // nil unless the document names itself by its content
	err   error
	depth int
	first bool // no element written yet at the current depth
	flat  int  // > 0 inside an object written on one line
}

const flushSize = 64 << 10

const indent = "                                                                "

func newJSONWriter(w io.Writer, deterministic bool) *jsonWriter {
	j := &jsonWriter{buf: make([]byte, 0, flushSize+4096), out: w, first: true}
	if deterministic {
		j.hash = sha256.New()
	}
	return j
}

func (j *jsonWriter) flush() {
	if len(j.buf) == 0 || j.err != nil {
		j.buf = j.buf[:0]
		return
	}
	if j.hash != nil {
		j.hash.Write(j.buf)
	}
	_, j.err = j.out.Write(j.buf)
	j.buf = j.buf[:0]
}

func (j *jsonWriter) maybeFlush() {
	if len(j.buf) >= flushSize {
		j.flush()
	}
}

func (j *jsonWriter) newline() {
	j.buf = append(j.buf, '\n')
	n := 2 * j.depth
	for n > len(indent) {
		j.buf = append(j.buf, indent...)
		n -= len(indent)
	}
	j.buf = append(j.buf, indent[:n]...)
}

// elem starts an element at the current depth.
func (j *jsonWriter) elem() {
	if j.flat > 0 {
		if !j.first {
			j.buf = append(j.buf, ", "...)
		}
		j.first = false
		return
	}
	if !j.first {
		j.buf = append(j.buf, ',')
	}
	if j.depth > 0 {
		j.newline()
	}
	j.first = false
}

func (j *jsonWriter) open(c byte) {
	j.buf = append(j.buf, c)
	j.depth++
	j.first = true
	if j.flat > 0 {
		j.flat++ // nested in a one-line object: one line too
	}
}

func (j *jsonWriter) close(c byte) {
	j.depth--
	if j.flat > 0 {
		j.flat--
		j.buf = append(j.buf, c)
		j.first = false
		if j.flat == 0 {
			j.maybeFlush()
		}
		return
	}
	if !j.first {
		j.newline()
	}
	j.buf = append(j.buf, c)
	j.first = false
	j.maybeFlush()
}

// key starts a member of the current object.
func (j *jsonWriter) key(k string) {
	j.elem()
	j.buf = appendJSONString(j.buf, k)
	j.buf = append(j.buf, ": "...)
}

func (j *jsonWriter) openObject(k string) {
	j.key(k)
	j.open('{')
}

func (j *jsonWriter) openArray(k string) {
	j.key(k)
	j.open('[')
}

// objectElem starts an object as an array element.
func (j *jsonWriter) objectElem() {
	j.elem()
	j.open('{')
}

// flatObjectElem starts an object as an array element, written on one
// line: for the small objects (properties, hashes, relationships) that
// SBOMs hold by the hundred thousand. What it holds is on that line too.
func (j *jsonWriter) flatObjectElem() {
	j.elem()
	j.open('{')
	if j.flat == 0 {
		j.flat = 1
	}
}

func (j *jsonWriter) str(k, v string) {
	j.key(k)
	j.buf = appendJSONString(j.buf, v)
}

// strOpt writes a string member unless v is empty.
func (j *jsonWriter) strOpt(k, v string) {
	if v != "" {
		j.str(k, v)
	}
}

func (j *jsonWriter) strElem(v string) {
	j.elem()
	j.buf = appendJSONString(j.buf, v)
}

func (j *jsonWriter) int(k string, v int) {
	j.key(k)
	j.buf = strconv.AppendInt(j.buf, int64(v), 10)
}

func (j *jsonWriter) intElem(v int) {
	j.elem()
	j.buf = strconv.AppendInt(j.buf, int64(v), 10)
}

func (j *jsonWriter) float(k string, v float64) {
	j.key(k)
	j.buf = strconv.AppendFloat(j.buf, v, 'f', -1, 64)
}

func (j *jsonWriter) bool(k string, v bool) {
	j.key(k)
	j.buf = strconv.AppendBool(j.buf, v)
}

// property writes a CycloneDX {"name": …, "value": …} element.
func (j *jsonWriter) property(name, value string) {
	j.flatObjectElem()
	j.str("name", name)
	j.str("value", value)
	j.close('}')
}

// locationString writes a location as the JSON string "path[:line]".
func (j *jsonWriter) locationString(l vouch.Location) {
	j.buf = appendJSONString(j.buf, l.Path)
	if l.Line > 0 {
		j.buf = append(j.buf[:len(j.buf)-1], ':')
		j.buf = strconv.AppendInt(j.buf, int64(l.Line), 10)
		j.buf = append(j.buf, '"')
	}
}

// finish closes the document and reports the first write error.
func (j *jsonWriter) finish() error {
	j.buf = append(j.buf, '\n')
	j.flush()
	return j.err
}

// contentUUID returns a UUID for the document: random, or in
// deterministic mode derived from the SHA-256 of everything written so
// far (an RFC 9562 version 8 UUID), so that the same content always gets
// the same name. It flushes first so that the hash covers the buffer.
func (j *jsonWriter) contentUUID() string {
	j.flush()
	var b [16]byte
	if j.hash != nil {
		copy(b[:], j.hash.Sum(nil))
		b[6] = b[6]&0x0f | 0x80
	} else {
		rand.Read(b[:])
		b[6] = b[6]&0x0f | 0x40
	}
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// timestamp formats t as the SPDX and CycloneDX documents want it: UTC,
// whole seconds, "Z".
func timestamp(t time.Time) string {
	return t.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z")
}

// documentTime is the time a document carries: opts.Time, or now; in
// deterministic mode with no time given, the Unix epoch, so that the
// output still depends on nothing but its input.
func documentTime(opts EncodeOptions) time.Time {
	switch {
	case !opts.Time.IsZero():
		return opts.Time
	case opts.Deterministic:
		return time.Unix(0, 0)
	}
	return time.Now()
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, as encoding/json does; "<", ">" and "&" are left alone (no
// HTML escaping: these documents are not embedded in pages).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONStringBody(b, s)
	return append(b, '"')
}

// jsonSafe marks the bytes that stand for themselves in a JSON string:
// printable ASCII but the quote and the backslash.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendJSONStringBody appends s escaped for a JSON string, without the
// quotes.
func appendJSONStringBody(b []byte, s string) []byte {
	return appendEscaped(b, s, &jsonSafe, false)
}

// appendEscaped appends s escaped for a JSON string, without the quotes:
// the bytes safe marks stand for themselves, the quote and backslash are
// escaped, \n \r \t (and \b \f with shortBF, as encoding/json writes them)
// get their short escapes, other control characters and whatever else
// safe leaves out become \u00XX, invalid UTF-8 becomes \ufffd, and
// U+2028 and U+2029 are escaped.
func appendEscaped(b []byte, s string, safe *[256]bool, shortBF bool) []byte {
	i := 0
	for i < len(s) && safe[s[i]] {
		i++
	}
	if i == len(s) {
		return append(b, s...) // the common case: nothing to escape
	}
	start := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\b' && shortBF:
				b = append(b, '\\', 'b')
			case c == '\f' && shortBF:
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, s[start:]...)
}

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }
