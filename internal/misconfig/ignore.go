package misconfig

import (
	"bytes"
	"strings"
)

const ignoreMarker = "vouch:ignore"

// ignoreIndex holds a file's inline "vouch:ignore" comments by line.
//
//	# vouch:ignore VCH-AWS-0001 the bucket serves a public website
//	# vouch:ignore VCH-K8S-0001,VCH-K8S-0002 node agent needs the host
//	# vouch:ignore                       (every check; discouraged)
type ignoreIndex struct {
	lines map[int]ignoreEntry
}

type ignoreEntry struct {
	ids    []string // empty: every check
	reason string
}

// parseIgnores indexes the comments of src; nil when there are none, which
// is the common case and costs one bytes.Index.
func parseIgnores(src []byte) *ignoreIndex {
	if !bytes.Contains(src, []byte(ignoreMarker)) {
		return nil
	}
	ix := &ignoreIndex{lines: map[int]ignoreEntry{}}
	line := 1
	for len(src) > 0 {
		end := bytes.IndexByte(src, '\n')
		var l []byte
		if end < 0 {
			l, src = src, nil
		} else {
			l, src = src[:end], src[end+1:]
		}
		if i := bytes.Index(l, []byte(ignoreMarker)); i >= 0 && isComment(l[:i]) {
			ix.lines[line] = parseIgnoreEntry(string(l[i+len(ignoreMarker):]))
		}
		line++
	}
	return ix
}

// isComment reports whether the text before the marker opens a comment.
func isComment(before []byte) bool {
	return bytes.Contains(before, []byte("#")) || bytes.Contains(before, []byte("//")) || bytes.Contains(before, []byte("/*"))
}

func parseIgnoreEntry(rest string) ignoreEntry {
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "*/"))
	first, reason, _ := strings.Cut(rest, " ")
	var ids []string
	if first != "" {
		parts := strings.Split(first, ",")
		all := true
		for _, p := range parts {
			if !looksLikeCheckID(p) {
				all = false
				break
			}
		}
		if all {
			ids = parts
		} else {
			reason = rest
		}
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		reason = "vouch:ignore comment"
	}
	return ignoreEntry{ids: ids, reason: reason}
}

// looksLikeCheckID accepts "VCH-AWS-0001" and custom ids such as
// "ACME-001": letters, digits and underscores in two or more parts joined
// by hyphens, starting with a letter.
func looksLikeCheckID(s string) bool {
	if s == "" || !strings.Contains(s, "-") {
		return false
	}
	c := s[0]
	if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
		return false
	}
	for _, p := range strings.Split(s, "-") {
		if p == "" {
			return false
		}
		for i := 0; i < len(p); i++ {
			c := p[i]
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				return false
			}
		}
	}
	return true
}

// match finds a comment that accepts check id for a finding on lines
// start..end of a resource that begins on resStart: a comment on the line
// above the finding or the resource, or on a line of the finding itself.
func (ix *ignoreIndex) match(id string, start, end, resStart int) (string, bool) {
	if ix == nil {
		return "", false
	}
	if end < start {
		end = start
	}
	try := func(l int) (string, bool) {
		e, ok := ix.lines[l]
		if !ok {
			return "", false
		}
		if len(e.ids) == 0 {
			return e.reason, true
		}
		for _, x := range e.ids {
			if strings.EqualFold(x, id) {
				return e.reason, true
			}
		}
		return "", false
	}
	// A range that spans the whole file would make any comment count;
	// the lines a finding names are few, so walk them.
	if end-start > 10000 {
		end = start + 10000
	}
	for l := start - 1; l <= end; l++ {
		if r, ok := try(l); ok {
			return r, true
		}
	}
	if resStart > 0 && (resStart-1 < start-1 || resStart-1 > end) {
		return try(resStart - 1)
	}
	return "", false
}
