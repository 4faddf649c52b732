package secrets

import (
	"bytes"
	"strings"

	"github.com/vouch-dev/vouch/internal/glob"
)

// ignoreRule is a pattern from a .gitignore in directory base (relative to
// the scan root, "" for the root).
type ignoreRule struct {
	g      *glob.Pattern
	base   string
	negate bool // "!pattern": re-include
}

// parseGitignore reads a .gitignore file found in directory base. Lines
// that do not parse are skipped, as git skips them.
func parseGitignore(content []byte, base string) []ignoreRule {
	var out []ignoreRule
	for _, line := range bytes.Split(content, []byte("\n")) {
		g, negate := parseGitignoreLine(string(bytes.TrimSuffix(line, []byte("\r"))))
		if g != nil {
			out = append(out, ignoreRule{g: g, base: base, negate: negate})
		}
	}
	return out
}

func parseGitignoreLine(s string) (g *glob.Pattern, negate bool) {
	// Trailing spaces are dropped unless escaped with a backslash.
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "\\ ") {
		s = s[:len(s)-1]
	}
	if s == "" || s[0] == '#' {
		return nil, false
	}
	switch {
	case s[0] == '!':
		negate = true
		s = s[1:]
	case strings.HasPrefix(s, `\!`), strings.HasPrefix(s, `\#`):
		s = s[1:]
	}
	s = strings.ReplaceAll(s, `\ `, " ")
	g, err := glob.Compile(s)
	if err != nil {
		return nil, false
	}
	return g, negate
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
		if r.g.Match(p, isDir) {
			ign = !r.negate
		}
	}
	return ign
}
