// Package jsonpos finds where things are in JSON text that
// encoding/json has decoded: the line of each object key, and the line of
// a syntax or type error. Lockfile extractors decode with json.Unmarshal
// and use it to give every package the line of its entry.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Error names the line of data where a JSON syntax or type error from
// decoding data occurred; any other error is returned as it is.
func Error(data []byte, err error) error {
	var off int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err
	}
	return fmt.Errorf("line %d: %w", bytes.Count(data[:off], []byte("\n"))+1, err)
}

// Frame is one open object or array while scanning JSON text.
type Frame struct {
	Key     string // the member name it is the value of, in an object
	Index   int    // its position, in an array of objects or arrays
	IsArray bool
	count   int // objects and arrays seen so far, for an array
}

// Keys walks JSON text once and calls visit with each object key, the
// line it is on and the containers enclosing it (outermost first). It is
// meant for text json.Unmarshal has already accepted: it finds where
// decoded values came from without a second decode. visit must not keep
// path, which changes as the walk goes on.
func Keys(data []byte, visit func(path []Frame, key string, line int)) {
	var stack []Frame
	line := 1
	pending := ""
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
		case '"':
			j := i + 1
			escaped := false
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					escaped = true
					j++
				}
				j++
			}
			if j >= len(data) {
				return
			}
			raw := data[i : j+1]
			i = j
			k := j + 1
			for k < len(data) && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r' || data[k] == '\n') {
				k++
			}
			if k < len(data) && data[k] == ':' && len(stack) > 0 && !stack[len(stack)-1].IsArray {
				key := string(raw[1 : len(raw)-1])
				if escaped && json.Unmarshal(raw, &key) != nil {
					key = ""
				}
				visit(stack, key, line)
				pending = key
			}
		case '{', '[':
			fr := Frame{IsArray: c == '['}
			if n := len(stack); n > 0 {
				if parent := &stack[n-1]; parent.IsArray {
					fr.Index = parent.count
					parent.count++
				} else {
					fr.Key = pending
				}
			}
			stack = append(stack, fr)
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}
