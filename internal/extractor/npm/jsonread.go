package npm

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// maxJSONDepth bounds nesting so that a hostile file cannot exhaust the
// stack; real lockfiles nest a few levels (v1) to a few dozen (deep v1
// trees).
const maxJSONDepth = 512

// jsonReader is a pull parser over JSON text that knows the line of every
// token. It checks syntax as it goes, so a lockfile is read in one pass
// without reflection, and it stops at the first error, which names the
// line. Callers walk the document with object, array and the value readers;
// each callback must consume exactly one value.
type jsonReader struct {
	data  []byte
	pos   int
	line  int
	depth int
	err   error
}

func newJSONReader(data []byte) *jsonReader {
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		data = data[3:]
	}
	return &jsonReader{data: data, line: 1}
}

func (r *jsonReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("line %d: %s", r.line, fmt.Sprintf(format, args...))
	}
	r.pos = len(r.data)
}

// peek skips white space and returns the next byte, or 0 at the end.
func (r *jsonReader) peek() byte {
	for r.pos < len(r.data) {
		switch c := r.data[r.pos]; c {
		case '\n':
			r.line++
		case ' ', '\t', '\r':
		default:
			return c
		}
		r.pos++
	}
	return 0
}

// what describes the next token for an error message.
func (r *jsonReader) what() string {
	c := r.peek()
	switch {
	case r.pos >= len(r.data):
		return "end of file"
	case c >= 0x20 && c < 0x7f:
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// end checks that nothing but white space follows the document.
func (r *jsonReader) end() error {
	if r.err == nil && r.peek() != 0 {
		r.fail("unexpected %s after the end of the document", r.what())
	}
	return r.err
}

// object reads an object, calling fn with each key and the line it is on;
// fn must consume the value.
func (r *jsonReader) object(fn func(key []byte, line int)) {
	if r.peek() != '{' {
		r.fail("expected an object, found %s", r.what())
		return
	}
	r.pos++
	if r.depth++; r.depth > maxJSONDepth {
		r.fail("nesting deeper than %d levels", maxJSONDepth)
		return
	}
	defer func() { r.depth-- }()
	if r.peek() == '}' {
		r.pos++
		return
	}
	for r.err == nil {
		if r.peek() != '"' {
			r.fail("expected a quoted object key, found %s", r.what())
			return
		}
		line := r.line
		key := r.rawString()
		if r.err != nil {
			return
		}
		if r.peek() != ':' {
			r.fail("expected ':' after object key %q, found %s", key, r.what())
			return
		}
		r.pos++
		fn(key, line)
		if r.err != nil {
			return
		}
		switch r.peek() {
		case ',':
			r.pos++
		case '}':
			r.pos++
			return
		default:
			r.fail("expected ',' or '}' after object member %q, found %s", key, r.what())
			return
		}
	}
}

// array reads an array, calling fn for each element; fn must consume it.
func (r *jsonReader) array(fn func()) {
	if r.peek() != '[' {
		r.fail("expected an array, found %s", r.what())
		return
	}
	r.pos++
	if r.depth++; r.depth > maxJSONDepth {
		r.fail("nesting deeper than %d levels", maxJSONDepth)
		return
	}
	defer func() { r.depth-- }()
	if r.peek() == ']' {
		r.pos++
		return
	}
	for r.err == nil {
		fn()
		if r.err != nil {
			return
		}
		switch r.peek() {
		case ',':
			r.pos++
		case ']':
			r.pos++
			return
		default:
			r.fail("expected ',' or ']' after array element, found %s", r.what())
			return
		}
	}
}

// rawString reads a string at the cursor and returns its contents. Without
// escapes the result aliases the input.
func (r *jsonReader) rawString() []byte {
	start := r.pos + 1
	escaped := false
	for i := start; i < len(r.data); i++ {
		switch c := r.data[i]; {
		case c == '"':
			r.pos = i + 1
			if !escaped {
				return r.data[start:i]
			}
			var s string
			if err := json.Unmarshal(r.data[start-1:i+1], &s); err != nil {
				r.fail("invalid escape in string")
				return nil
			}
			return []byte(s)
		case c == '\\':
			escaped = true
			i++
		case c < 0x20:
			if c == '\n' {
				r.fail("line break inside a string")
			} else {
				r.fail("control character 0x%02x inside a string", c)
			}
			return nil
		}
	}
	r.fail("unterminated string")
	return nil
}

// str reads a string value. Any other value is skipped and yields "": a
// field of an unexpected type is ignored rather than failing the file.
func (r *jsonReader) str() string {
	if r.peek() != '"' {
		r.skip()
		return ""
	}
	return string(r.rawString())
}

// boolean reads true or false; any other value is skipped and yields false.
func (r *jsonReader) boolean() bool {
	if r.peek() == 't' {
		r.literal("true")
		return r.err == nil
	}
	r.skip()
	return false
}

// integer reads a number as an int; any other value yields -1.
func (r *jsonReader) integer() int {
	c := r.peek()
	if c != '-' && (c < '0' || c > '9') {
		r.skip()
		return -1
	}
	start := r.pos
	r.number()
	if r.err != nil {
		return -1
	}
	n, err := strconv.Atoi(string(r.data[start:r.pos]))
	if err != nil {
		return -1
	}
	return n
}

// stringMap reads an object of strings, calling fn for each member; members
// of other types are skipped. Any other value is skipped.
func (r *jsonReader) stringMap(fn func(key, value string)) {
	if r.peek() != '{' {
		r.skip()
		return
	}
	r.object(func(key []byte, _ int) {
		if v := r.str(); r.err == nil {
			fn(string(key), v)
		}
	})
}

func (r *jsonReader) literal(word string) {
	if len(r.data)-r.pos < len(word) || string(r.data[r.pos:r.pos+len(word)]) != word {
		r.fail("invalid literal, expected %s", word)
		return
	}
	r.pos += len(word)
}

func (r *jsonReader) number() {
	start := r.pos
	if r.pos < len(r.data) && r.data[r.pos] == '-' {
		r.pos++
	}
	digits := 0
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		if c >= '0' && c <= '9' {
			digits++
		} else if c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-' {
			break
		}
		r.pos++
	}
	if digits == 0 {
		r.pos = start
		r.fail("invalid number")
	}
}

// skip consumes one value of any kind, checking its syntax.
func (r *jsonReader) skip() {
	switch c := r.peek(); c {
	case '{':
		r.object(func([]byte, int) { r.skip() })
	case '[':
		r.array(r.skip)
	case '"':
		r.rawString()
	case 't':
		r.literal("true")
	case 'f':
		r.literal("false")
	case 'n':
		r.literal("null")
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			r.number()
			return
		}
		r.fail("expected a value, found %s", r.what())
	}
}
