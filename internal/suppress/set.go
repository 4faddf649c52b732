package suppress

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Set is everything that says what is accepted for one scan: ignore files
// first, then VEX documents, in the order given.
type Set struct {
	rules    []*Rule
	byID     map[string][]int // upper-case id → indexes into rules
	stmts    []*vexStatement
	stmtByID map[string][]int // upper-case id or alias → indexes into stmts
	warnings []string         // from the documents themselves
}

type vexStatement struct {
	*Statement
	source string // "vex:PATH"
	order  int    // load order: a later statement wins a timestamp tie
}

// NewSet indexes ignore files and VEX documents for Apply. Nil entries are
// skipped.
func NewSet(ignores []*IgnoreFile, vexes []*VEX) *Set {
	s := &Set{byID: map[string][]int{}, stmtByID: map[string][]int{}}
	for _, f := range ignores {
		if f == nil {
			continue
		}
		for i := range f.Rules {
			r := &f.Rules[i]
			k := strings.ToUpper(r.ID)
			s.byID[k] = append(s.byID[k], len(s.rules))
			s.rules = append(s.rules, r)
		}
	}
	for _, v := range vexes {
		if v == nil {
			continue
		}
		s.warnings = append(s.warnings, v.Warnings...)
		for i := range v.Statements {
			st := &vexStatement{Statement: &v.Statements[i], source: "vex:" + v.Path, order: len(s.stmts)}
			idx := len(s.stmts)
			s.stmts = append(s.stmts, st)
			seen := map[string]bool{}
			for _, id := range append([]string{st.Vulnerability}, st.Aliases...) {
				k := strings.ToUpper(id)
				if !seen[k] {
					seen[k] = true
					s.stmtByID[k] = append(s.stmtByID[k], idx)
				}
			}
		}
	}
	return s
}

// Apply splits findings into those that count and those that are
// accepted. Each accepted finding is a copy with Suppressed set; findings
// that arrive already suppressed (inline comments) stay suppressed. The
// warnings name expired ignore entries and VEX content that could not be
// used; show them to the user. Apply does not modify findings.
func (s *Set) Apply(findings []vouch.Finding, now time.Time) (kept, suppressed []vouch.Finding, warnings []string) {
	warnings = append(warnings, s.warnings...)
	expiredHits := make(map[int]int) // rule index → findings it would have suppressed
	// Decide first, then copy each finding once into lists of exact size.
	why := make([]*vouch.Suppression, len(findings))
	n := 0
	for i := range findings {
		f := &findings[i]
		if f.Suppressed != nil {
			why[i] = f.Suppressed
		} else {
			why[i] = s.match(f, now, expiredHits)
		}
		if why[i] != nil {
			n++
		}
	}
	if len(findings)-n > 0 {
		kept = make([]vouch.Finding, 0, len(findings)-n)
	}
	if n > 0 {
		suppressed = make([]vouch.Finding, 0, n)
	}
	for i := range findings {
		if why[i] == nil {
			kept = append(kept, findings[i])
			continue
		}
		suppressed = append(suppressed, findings[i])
		suppressed[len(suppressed)-1].Suppressed = why[i]
	}
	for i, r := range s.rules {
		if !r.expired(now) {
			continue
		}
		what := r.ID
		if r.Package != "" {
			what += " (" + r.Package + ")"
		}
		switch n := expiredHits[i]; n {
		case 0:
			warnings = append(warnings, fmt.Sprintf("ignore entry for %s expired on %s (%s) and matches nothing; remove it", what, r.until(), r.where()))
		case 1:
			warnings = append(warnings, fmt.Sprintf("ignore entry for %s expired on %s (%s); the finding counts again", what, r.until(), r.where()))
		default:
			warnings = append(warnings, fmt.Sprintf("ignore entry for %s expired on %s (%s); %d findings count again", what, r.until(), r.where(), n))
		}
	}
	return kept, suppressed, warnings
}

// match returns why f is accepted, or nil. Expired rules that would have
// matched are counted in expiredHits when nothing else accepts f.
func (s *Set) match(f *vouch.Finding, now time.Time, expiredHits map[int]int) *vouch.Suppression {
	var ids []pkgID // computed once, when a rule or statement needs it
	idsDone := false
	pkgIDs := func() []pkgID {
		if !idsDone {
			ids, idsDone = packageIDs(f.Package), true
		}
		return ids
	}
	var expired []int
	first := -1 // the first live rule, in file order, that matches
	s.eachID(f, s.byID, func(i int) {
		r := s.rules[i]
		switch {
		case r.pkg != nil && !r.pkg.matches(f.Package, pkgIDs()):
		case r.glob != nil && !r.glob.match(f.Location.Path):
		case r.expired(now):
			expired = append(expired, i)
		case first < 0 || i < first:
			first = i
		}
	})
	var found *vouch.Suppression
	if first >= 0 {
		r := s.rules[first]
		found = &vouch.Suppression{Source: r.Source, Reason: r.Reason, Until: r.until()}
	}
	if found == nil && f.Kind == vouch.KindVulnerability && f.Package != nil {
		var best *vexStatement
		s.eachID(f, s.stmtByID, func(i int) {
			st := s.stmts[i]
			if st.appliesTo(pkgIDs()) && (best == nil || st.Timestamp.After(best.Timestamp) ||
				(st.Timestamp.Equal(best.Timestamp) && st.order > best.order)) {
				best = st
			}
		})
		if best != nil && best.Suppresses {
			found = &vouch.Suppression{Source: best.source, Reason: best.Reason}
		}
	}
	if found == nil {
		for _, i := range expired {
			expiredHits[i]++
		}
	}
	return found
}

// eachID calls fn once with the index of every entry of index filed
// under f's id or one of its aliases.
func (s *Set) eachID(f *vouch.Finding, index map[string][]int, fn func(int)) {
	if len(index) == 0 {
		return
	}
	var buf [8]int
	seen := buf[:0] // few entries share an id: a slice beats a map
	visit := func(id string) {
		for _, i := range index[strings.ToUpper(id)] {
			if !slices.Contains(seen, i) {
				seen = append(seen, i)
				fn(i)
			}
		}
	}
	visit(f.ID)
	for _, a := range f.Aliases {
		visit(a)
	}
}

func (st *vexStatement) appliesTo(ids []pkgID) bool {
	for _, p := range st.products {
		for _, id := range ids {
			if p.matches(id) {
				return true
			}
		}
	}
	return false
}
