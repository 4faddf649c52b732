package rust

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file is a scanner for the part of TOML that Cargo.lock uses:
// comments, [table] and [[array-of-tables]] headers, key = value lines
// whose values are strings, arrays (across lines) and bare scalars, and
// inline tables, which are skipped. Cargo writes the file with toml_edit
// in one fixed layout; the scanner also accepts hand-edited spacing. It
// reads what a general TOML decoder would at a fraction of the cost, and
// knows the line of every table.

// maxDepth bounds array and inline-table nesting.
const maxDepth = 32

type tomlScanner struct {
	src  []byte
	pos  int
	line int
}

// syntaxError is a malformed Cargo.lock, with the line it was found on.
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

func (s *tomlScanner) errorf(format string, args ...any) error {
	return &syntaxError{line: s.line, msg: fmt.Sprintf(format, args...)}
}

// value is a TOML value as far as Cargo.lock needs it: a string, a list of
// strings, or something else (numbers, booleans, inline tables) kept as
// raw text or dropped.
type value struct {
	str     string
	list    []string
	isStr   bool
	isList  bool
	rawText string
}

// skipSpace skips blanks, comments and, when newlines is set, line ends.
func (s *tomlScanner) skipSpace(newlines bool) {
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; c {
		case ' ', '\t', '\r':
			s.pos++
		case '\n':
			if !newlines {
				return
			}
			s.pos++
			s.line++
		case '#':
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
		default:
			return
		}
	}
}

// endOfLine expects nothing but blanks and a comment up to the line's end.
func (s *tomlScanner) endOfLine() error {
	s.skipSpace(false)
	if s.pos >= len(s.src) {
		return nil
	}
	if s.src[s.pos] != '\n' {
		return s.errorf("unexpected %q after value", s.rest())
	}
	s.pos++
	s.line++
	return nil
}

// rest is the remainder of the current line, shortened, for errors.
func (s *tomlScanner) rest() string {
	end := s.pos
	for end < len(s.src) && s.src[end] != '\n' && end-s.pos < 40 {
		end++
	}
	return string(s.src[s.pos:end])
}

// key reads a possibly dotted key of bare and quoted parts, joined by ".".
func (s *tomlScanner) key() (string, error) {
	var parts []string
	for {
		s.skipSpace(false)
		if s.pos >= len(s.src) {
			return "", s.errorf("key expected")
		}
		var part string
		switch c := s.src[s.pos]; {
		case c == '"' || c == '\'':
			v, err := s.str()
			if err != nil {
				return "", err
			}
			part = v
		case isBare(c):
			start := s.pos
			for s.pos < len(s.src) && isBare(s.src[s.pos]) {
				s.pos++
			}
			part = string(s.src[start:s.pos])
		default:
			return "", s.errorf("key expected, found %q", s.rest())
		}
		parts = append(parts, part)
		s.skipSpace(false)
		if s.pos < len(s.src) && s.src[s.pos] == '.' {
			s.pos++
			continue
		}
		if len(parts) == 1 {
			return parts[0], nil
		}
		return strings.Join(parts, "."), nil
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// str reads a basic ("…") or literal ('…') string, single-line or
// multi-line.
func (s *tomlScanner) str() (string, error) {
	q := s.src[s.pos]
	if s.pos+2 < len(s.src) && s.src[s.pos+1] == q && s.src[s.pos+2] == q {
		return s.multiline(q)
	}
	s.pos++
	start := s.pos
	escaped := false
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\n':
			return "", s.errorf("string not terminated")
		case c == '\\' && q == '"':
			if s.pos+1 < len(s.src) && s.src[s.pos+1] == '\n' {
				return "", s.errorf("string not terminated")
			}
			escaped = true
			s.pos += 2
			continue
		case c == q:
			raw := s.src[start:s.pos]
			s.pos++
			if !escaped {
				if !utf8.Valid(raw) {
					return "", s.errorf("string is not valid UTF-8")
				}
				return string(raw), nil
			}
			v, err := unescape(raw)
			if err != nil {
				return "", s.errorf("%v", err)
			}
			return v, nil
		}
		s.pos++
	}
	return "", s.errorf("string not terminated")
}

func (s *tomlScanner) multiline(q byte) (string, error) {
	delim := []byte{q, q, q}
	s.pos += 3
	startLine := s.line
	if s.pos < len(s.src) && s.src[s.pos] == '\n' { // a newline right after the opening is trimmed
		s.pos++
		s.line++
	}
	start := s.pos
	for s.pos+3 <= len(s.src) {
		c := s.src[s.pos]
		if c == '\\' && q == '"' {
			if s.pos+1 < len(s.src) && s.src[s.pos+1] == '\n' {
				s.line++
			}
			s.pos += 2
			continue
		}
		if c == '\n' {
			s.line++
		}
		if c == q && string(s.src[s.pos:s.pos+3]) == string(delim) {
			raw := s.src[start:s.pos]
			s.pos += 3
			if q == '\'' {
				return string(raw), nil
			}
			v, err := unescape(raw)
			if err != nil {
				return "", s.errorf("%v", err)
			}
			return v, nil
		}
		s.pos++
	}
	s.line = startLine
	return "", s.errorf("multi-line string not terminated")
}

// unescape decodes the escapes of a TOML basic string.
func unescape(raw []byte) (string, error) {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(raw) {
			return "", errors.New("string ends in a backslash")
		}
		switch raw[i] {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case '"':
			b.WriteByte('"')
		case '\\':
			b.WriteByte('\\')
		case 'u', 'U':
			n := 4
			if raw[i] == 'U' {
				n = 8
			}
			if i+n >= len(raw) {
				return "", errors.New("short unicode escape")
			}
			r, err := strconv.ParseUint(string(raw[i+1:i+1+n]), 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				return "", fmt.Errorf("bad unicode escape %q", raw[i-1:i+1+n])
			}
			b.WriteRune(rune(r))
			i += n
		case ' ', '\t', '\r', '\n': // line-ending backslash in multi-line strings
			for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' || raw[i] == '\n') {
				i++
			}
			i--
		default:
			return "", fmt.Errorf("unknown escape \\%c", raw[i])
		}
	}
	return b.String(), nil
}

// value reads one value.
func (s *tomlScanner) value(depth int) (value, error) {
	if depth > maxDepth {
		return value{}, s.errorf("values nested too deeply")
	}
	s.skipSpace(false)
	if s.pos >= len(s.src) {
		return value{}, s.errorf("value expected")
	}
	switch c := s.src[s.pos]; {
	case c == '"' || c == '\'':
		v, err := s.str()
		return value{str: v, isStr: true}, err
	case c == '[':
		return s.array(depth)
	case c == '{':
		return value{}, s.inlineTable(depth)
	case isBare(c) || c == '+' || c == '.' || c == ':':
		start := s.pos
		for s.pos < len(s.src) && (isBare(s.src[s.pos]) || strings.IndexByte("+.:", s.src[s.pos]) >= 0) {
			s.pos++
		}
		return value{rawText: string(s.src[start:s.pos])}, nil
	}
	return value{}, s.errorf("value expected, found %q", s.rest())
}

// array reads [a, b, …] across lines; string elements are kept.
func (s *tomlScanner) array(depth int) (value, error) {
	startLine := s.line
	s.pos++ // [
	v := value{isList: true}
	for {
		s.skipSpace(true)
		if s.pos >= len(s.src) {
			s.line = startLine
			return value{}, s.errorf("array not closed")
		}
		if s.src[s.pos] == ']' {
			s.pos++
			return v, nil
		}
		e, err := s.value(depth + 1)
		if err != nil {
			return value{}, err
		}
		if e.isStr {
			v.list = append(v.list, e.str)
		}
		s.skipSpace(true)
		if s.pos < len(s.src) && s.src[s.pos] == ',' {
			s.pos++
			continue
		}
		if s.pos < len(s.src) && s.src[s.pos] == ']' {
			s.pos++
			return v, nil
		}
		if s.pos >= len(s.src) {
			s.line = startLine
			return value{}, s.errorf("array not closed")
		}
		return value{}, s.errorf("',' or ']' expected in array, found %q", s.rest())
	}
}

// inlineTable skips { k = v, … }.
func (s *tomlScanner) inlineTable(depth int) error {
	s.pos++ // {
	for {
		s.skipSpace(false)
		if s.pos < len(s.src) && s.src[s.pos] == '}' {
			s.pos++
			return nil
		}
		if _, err := s.key(); err != nil {
			return err
		}
		s.skipSpace(false)
		if s.pos >= len(s.src) || s.src[s.pos] != '=' {
			return s.errorf("'=' expected in inline table")
		}
		s.pos++
		if _, err := s.value(depth + 1); err != nil {
			return err
		}
		s.skipSpace(false)
		if s.pos < len(s.src) && s.src[s.pos] == ',' {
			s.pos++
			continue
		}
		if s.pos < len(s.src) && s.src[s.pos] == '}' {
			s.pos++
			return nil
		}
		return s.errorf("',' or '}' expected in inline table")
	}
}
