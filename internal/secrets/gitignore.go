package secrets

import (
	"bytes"
	"errors"
	"path"
	"strings"
)

// glob is one gitignore-style pattern: segments separated by "/", where a
// segment is a path.Match pattern and "**" spans any number of segments.
// A pattern with no slash (other than a trailing one) matches a name at any
// depth; one with a slash is anchored to the directory it is relative to.
type glob struct {
	segs    []string
	dirOnly bool
	negate  bool
}

var errEmptyPattern = errors.New("empty pattern")

// compileGlob reads one pattern in gitignore syntax (without negation
// handling of "!" — see parseGitignoreLine for that).
func compileGlob(p string) (*glob, error) {
	g := &glob{}
	if strings.HasSuffix(p, "/") {
		g.dirOnly = true
		p = strings.TrimRight(p, "/")
	}
	if p == "" {
		return nil, errEmptyPattern
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
	return g, nil
}

// match reports whether the slash-separated relative path rel matches.
func (g *glob) match(rel string, isDir bool) bool {
	if g.dirOnly && !isDir {
		return false
	}
	names := strings.Split(rel, "/")
	// Memoised segment matching: O(len(segs) × len(names)), no
	// exponential backtracking on repeated "**".
	n, m := len(g.segs), len(names)
	memo := make([]int8, (n+1)*(m+1)) // 0 unknown, 1 false, 2 true
	var rec func(i, j int) bool
	rec = func(i, j int) bool {
		k := i*(m+1) + j
		if memo[k] != 0 {
			return memo[k] == 2
		}
		var ok bool
		switch {
		case i == n:
			ok = j == m
		case g.segs[i] == "**" && i == n-1:
			ok = j < m // a trailing /** matches everything inside, not the directory itself
		case g.segs[i] == "**":
			ok = rec(i+1, j) || (j < m && rec(i, j+1))
		case j < m:
			mt, _ := path.Match(g.segs[i], names[j])
			ok = mt && rec(i+1, j+1)
		}
		if ok {
			memo[k] = 2
		} else {
			memo[k] = 1
		}
		return ok
	}
	return rec(0, 0)
}

// matchPathOrParent reports whether rel or any directory above it matches.
func (g *glob) matchPathOrParent(rel string) bool {
	if g.match(rel, false) {
		return true
	}
	for i := len(rel) - 1; i > 0; i-- {
		if rel[i] == '/' && g.match(rel[:i], true) {
			return true
		}
	}
	return false
}

// ignoreRule is a pattern from a .gitignore in directory base (relative to
// the scan root, "" for the root).
type ignoreRule struct {
	g    *glob
	base string
}

// parseGitignore reads a .gitignore file found in directory base. Lines
// that do not parse are skipped, as git skips them.
func parseGitignore(content []byte, base string) []ignoreRule {
	var out []ignoreRule
	for _, line := range bytes.Split(content, []byte("\n")) {
		g := parseGitignoreLine(string(bytes.TrimSuffix(line, []byte("\r"))))
		if g != nil {
			out = append(out, ignoreRule{g: g, base: base})
		}
	}
	return out
}

func parseGitignoreLine(s string) *glob {
	// Trailing spaces are dropped unless escaped with a backslash.
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "\\ ") {
		s = s[:len(s)-1]
	}
	if s == "" || s[0] == '#' {
		return nil
	}
	negate := false
	switch {
	case s[0] == '!':
		negate = true
		s = s[1:]
	case strings.HasPrefix(s, `\!`), strings.HasPrefix(s, `\#`):
		s = s[1:]
	}
	s = strings.ReplaceAll(s, `\ `, " ")
	g, err := compileGlob(s)
	if err != nil {
		return nil
	}
	g.negate = negate
	return g
}

// ignored applies rules in order, the last match deciding, to rel (a path
// relative to the scan root).
func ignored(rules []ignoreRule, rel string, isDir bool) bool {
	ign := false
	for _, r := range rules {
		p := rel
		if r.base != "" {
			if !strings.HasPrefix(rel, r.base+"/") {
				continue
			}
			p = rel[len(r.base)+1:]
		}
		if r.g.match(p, isDir) {
			ign = !r.g.negate
		}
	}
	return ign
}
