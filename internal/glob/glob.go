// Package glob matches slash-separated relative paths against
// gitignore-style patterns. It is what .gitignore files, the secret
// scanner's allow-paths and every walker's exclude-paths share.
//
// A pattern is a list of segments separated by "/". A segment is a
// path.Match pattern ("*", "?", "[a-z]", and gitignore's "[!a-z]"), or
// "**", which spans any number of segments, none included:
//
//	*.log          a name at any depth: a.log, x/y/a.log
//	build/         a directory named build at any depth (trailing slash:
//	               directories only)
//	/vendor        vendor at the root only (a leading slash anchors)
//	docs/*.md      anchored too, since it holds a slash: docs/a.md, not
//	               x/docs/a.md nor docs/x/a.md
//	**/testdata/** everything inside any directory named testdata
//	a/**/b         a/b, a/x/b, a/x/y/b
//
// Pattern.Match is exactly one gitignore line, without "!" (negation is
// the caller's: see package secrets). List is the exclusion form: no
// negation, and a path is excluded when it or a directory above it
// matches, so that a walker can leave a matched directory unread.
package glob

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// Pattern is one compiled gitignore-style pattern.
type Pattern struct {
	segs    []string
	dirOnly bool
}

// ErrEmpty is the error of a pattern with nothing to match.
var ErrEmpty = errors.New("empty pattern")

// Compile reads one pattern in gitignore syntax. "!" and "#" have no
// special meaning here: comments and negation are for the caller that
// reads whole files.
func Compile(p string) (*Pattern, error) {
	g := &Pattern{}
	if strings.HasSuffix(p, "/") {
		g.dirOnly = true
		p = strings.TrimRight(p, "/")
	}
	if p == "" {
		return nil, ErrEmpty
	}
	anchored := strings.Contains(p, "/")
	p = strings.TrimPrefix(p, "/")
	if !anchored {
		p = "**/" + p
	}
	for _, s := range strings.Split(p, "/") {
		if s == "" {
			continue
		}
		if s != "**" {
			// gitignore writes negated classes [!a-z]; path.Match wants [^a-z].
			s = strings.ReplaceAll(s, "[!", "[^")
			if _, err := path.Match(s, ""); err != nil {
				return nil, err
			}
		}
		g.segs = append(g.segs, s)
	}
	if len(g.segs) == 0 {
		return nil, ErrEmpty
	}
	return g, nil
}

// Match reports whether the slash-separated relative path rel, a
// directory when isDir, matches. A trailing "/**" matches everything
// inside a directory but not the directory itself, as in gitignore.
func (g *Pattern) Match(rel string, isDir bool) bool {
	if g.dirOnly && !isDir {
		return false
	}
	return matchSegs(g.segs, rel)
}

// matchDirContents reports whether every path inside directory rel
// matches: the pattern ends in "/**" and what comes before it matches rel.
func (g *Pattern) matchDirContents(rel string) bool {
	n := len(g.segs)
	return !g.dirOnly && n >= 2 && g.segs[n-1] == "**" && matchSegs(g.segs[:n-1], rel)
}

// matchSegs matches pattern segments against the names of rel in
// O(len(segs)·len(names)) time, however many "**" there are (no
// backtracking). A trailing "**" must match at least one name.
func matchSegs(segs []string, rel string) bool {
	var nameBuf [32]string
	names := splitPath(nameBuf[:0], rel)
	m := len(names)
	var bufA, bufB [33]bool
	next, cur := bufA[:], bufB[:]
	if m+1 > len(bufA) {
		next, cur = make([]bool, m+1), make([]bool, m+1)
	}
	next, cur = next[:m+1], cur[:m+1]
	// next[j]: segs[i+1:] matches names[j:]; cur[j]: segs[i:] matches names[j:].
	next[m] = true
	for i := len(segs) - 1; i >= 0; i-- {
		switch {
		case segs[i] == "**" && i == len(segs)-1:
			cur[m] = false // "x/**" matches what is inside x, not x
			for j := m - 1; j >= 0; j-- {
				cur[j] = true
			}
		case segs[i] == "**":
			cur[m] = next[m]
			for j := m - 1; j >= 0; j-- {
				cur[j] = next[j] || cur[j+1]
			}
		default:
			cur[m] = false
			for j := m - 1; j >= 0; j-- {
				if !next[j+1] {
					cur[j] = false
					continue
				}
				ok, _ := path.Match(segs[i], names[j])
				cur[j] = ok
			}
		}
		next, cur = cur, next
	}
	return next[0]
}

// splitPath appends the "/"-separated names of p to dst, skipping empty
// ones (a leading, trailing or doubled slash).
func splitPath(dst []string, p string) []string {
	for p != "" {
		i := strings.IndexByte(p, '/')
		if i < 0 {
			return append(dst, p)
		}
		if i > 0 {
			dst = append(dst, p[:i])
		}
		p = p[i+1:]
	}
	return dst
}

// List is a set of exclusion patterns: a path is excluded when any of
// them matches it or a directory above it. The zero List excludes
// nothing.
type List struct {
	pats []*Pattern
}

// NewList compiles exclusion patterns. A leading "./" is dropped (./vendor
// is /vendor, anchored at the root); an empty pattern is an error.
func NewList(patterns []string) (List, error) {
	var l List
	for _, p := range patterns {
		q, dot := p, false
		for strings.HasPrefix(q, "./") {
			q, dot = strings.TrimLeft(q[2:], "/"), true
		}
		if dot {
			q = "/" + q
		}
		g, err := Compile(q)
		if err != nil {
			return List{}, fmt.Errorf("pattern %q: %w", p, err)
		}
		l.pats = append(l.pats, g)
	}
	return l, nil
}

// Empty reports whether the list excludes nothing.
func (l List) Empty() bool { return len(l.pats) == 0 }

// Match reports whether the entry rel itself is excluded, not looking at
// the directories above it: what a walker asks of each entry of a
// directory it did not exclude. A directory is excluded when a pattern
// matches it or matches everything inside it ("dir/**"), so that the
// walker need not read it.
func (l List) Match(rel string, isDir bool) bool {
	for _, g := range l.pats {
		if g.Match(rel, isDir) || (isDir && g.matchDirContents(rel)) {
			return true
		}
	}
	return false
}

// Excluded reports whether the file rel is excluded, itself or through a
// directory above it, and returns the top-most excluded path: the
// directory a walker would have left out, or rel. It is for paths that
// arrive without a walk (image layers, git history).
func (l List) Excluded(rel string) (at string, ok bool) {
	if len(l.pats) == 0 {
		return "", false
	}
	rel = strings.Trim(rel, "/")
	for i := 0; i < len(rel); i++ {
		if rel[i] == '/' && l.Match(rel[:i], true) {
			return rel[:i], true
		}
	}
	if l.Match(rel, false) {
		return rel, true
	}
	return "", false
}
