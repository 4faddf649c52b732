package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// TableOptions controls WriteTable.
type TableOptions struct {
	Color bool // colour severities with ANSI escapes
	Width int  // > 0: no line is wider than this many columns
}

const (
	ansiReset = "\x1b[0m"
	indent    = "  "
	colGap    = "  "
	dash      = "—"
)

func severityColor(s vouch.Severity) string {
	switch s {
	case vouch.SeverityCritical:
		return "\x1b[1;31m" // bold red
	case vouch.SeverityHigh:
		return "\x1b[31m" // red
	case vouch.SeverityMedium:
		return "\x1b[33m" // yellow
	case vouch.SeverityLow:
		return "\x1b[36m" // cyan
	case vouch.SeverityNone:
		return "\x1b[2m" // dim
	}
	return "\x1b[35m" // magenta: unknown, which fails closed
}

// WriteTable writes r for people: a line naming the target, the findings
// grouped by file, the accepted findings, and a summary line.
func WriteTable(w io.Writer, r *Result, opts TableOptions) error {
	r = normalized(r)
	bw := bufio.NewWriter(w)
	t := &tableWriter{w: bw, opts: opts}

	t.line(t.fitRight(targetLine(r)))
	if len(r.ExcludePaths) > 0 {
		t.line(t.fitRight("excluded by exclude-paths: " + strings.Join(r.ExcludePaths, ", ")))
	}
	if len(r.Findings) == 0 {
		t.line("")
		if n := len(r.Suppressed); n > 0 {
			t.writeSuppressed(r.Suppressed)
			t.line("")
			t.line("no findings, " + strconv.Itoa(n) + " suppressed")
		} else {
			t.line("no findings")
		}
		return flush(bw)
	}

	for _, g := range groupByFile(r.Findings) {
		t.line("")
		t.line(t.fitLeft(groupTitle(g.path, g.layer)))
		for _, kind := range []vouch.FindingKind{vouch.KindVulnerability, vouch.KindSecret, vouch.KindMisconfig, ""} {
			var rows []*vouch.Finding
			for _, f := range g.findings {
				if f.Kind == kind || (kind == "" && !knownKind(f.Kind)) {
					rows = append(rows, f)
				}
			}
			if len(rows) > 0 {
				t.render(kindTable(kind, rows))
			}
		}
	}
	if len(r.Suppressed) > 0 {
		t.line("")
		t.writeSuppressed(r.Suppressed)
	}
	t.line("")
	t.wrap(summaryParts(r))
	return flush(bw)
}

func flush(bw *bufio.Writer) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func knownKind(k vouch.FindingKind) bool {
	return k == vouch.KindVulnerability || k == vouch.KindSecret || k == vouch.KindMisconfig
}

func targetLine(r *Result) string {
	var b strings.Builder
	b.WriteString(string(r.Target.Kind))
	if r.Target.Name != "" {
		b.WriteString(" " + r.Target.Name)
	}
	if !r.Target.Digest.IsZero() {
		b.WriteString(" (" + shortDigest(r.Target.Digest.String()) + ")")
	}
	var facts []string
	if r.Target.Platform != "" {
		facts = append(facts, r.Target.Platform)
	}
	if r.Distro != nil {
		d := r.Distro.ID
		if r.Distro.VersionID != "" {
			d += " " + r.Distro.VersionID
		}
		facts = append(facts, d)
	}
	facts = append(facts, plural(r.Packages, "package", "packages"))
	if len(r.Scanners) > 0 {
		facts = append(facts, "scanners: "+strings.Join(r.Scanners, ", "))
	}
	b.WriteString(": " + strings.Join(facts, ", "))
	return strings.TrimPrefix(b.String(), " ")
}

type fileGroup struct {
	path, layer string
	findings    []*vouch.Finding
}

// groupByFile groups sorted findings by path and layer, in order of first
// appearance (which is path order, since findings are sorted by path).
func groupByFile(fs []vouch.Finding) []fileGroup {
	var groups []fileGroup
	index := map[[2]string]int{}
	for i := range fs {
		f := &fs[i]
		k := [2]string{f.Location.Path, f.Location.Layer}
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, fileGroup{path: k[0], layer: k[1]})
		}
		groups[i].findings = append(groups[i].findings, f)
	}
	return groups
}

func groupTitle(path, layer string) string {
	if path == "" {
		path = "(no file)"
	}
	if layer != "" {
		return path + " (layer " + shortDigest(layer) + ")"
	}
	return path
}

// shortDigest shortens "sha256:HEX" to "sha256:" and 12 hex digits.
func shortDigest(d string) string {
	alg, hex, ok := strings.Cut(d, ":")
	if !ok || len(hex) <= 12 {
		return d
	}
	return alg + ":" + hex[:12]
}

type column struct {
	head string
	flex bool // may shrink to fit the width
}

type table struct {
	cols   []column
	rows   [][]string
	sevCol int // index of the severity column, -1 if none
	sevs   []vouch.Severity
}

func kindTable(kind vouch.FindingKind, fs []*vouch.Finding) *table {
	t := &table{sevCol: -1}
	switch kind {
	case vouch.KindVulnerability:
		t.cols = []column{{head: "PACKAGE", flex: true}, {head: "INSTALLED", flex: true}, {head: "FIXED", flex: true}, {head: "SEVERITY"}, {head: "ID", flex: true}}
		t.sevCol = 3
		notes := slices.ContainsFunc(fs, func(f *vouch.Finding) bool { return f.Reachable == "no" })
		if notes {
			t.cols = append(t.cols, column{head: "NOTE"})
		}
		for _, f := range fs {
			fixed := f.FixedIn
			if fixed == "" {
				fixed = "no fix"
			}
			row := []string{orDash(pkgName(f.Package)), orDash(pkgVersion(f.Package)), fixed, f.Severity.String(), formatIDs(f.ID, f.Aliases)}
			if notes {
				note := ""
				if f.Reachable == "no" {
					note = "not reachable"
				}
				row = append(row, note)
			}
			t.add(row, f.Severity)
		}
	case vouch.KindSecret:
		t.cols = []column{{head: "RULE", flex: true}, {head: "SEVERITY"}, {head: "LINE"}, {head: "VALUE", flex: true}, {head: "FINGERPRINT"}}
		t.sevCol = 1
		for _, f := range fs {
			t.add([]string{f.ID, f.Severity.String(), lineRange(f.Location.Line, 0), orDash(f.Masked), orDash(shortFingerprint(f.Fingerprint))}, f.Severity)
		}
	case vouch.KindMisconfig:
		t.cols = []column{{head: "CHECK", flex: true}, {head: "SEVERITY"}, {head: "RESOURCE", flex: true}, {head: "LINES"}, {head: "TITLE", flex: true}}
		t.sevCol = 1
		for _, f := range fs {
			t.add([]string{f.ID, f.Severity.String(), orDash(f.Resource), lineRange(f.Location.Line, f.EndLine), orDash(f.Title)}, f.Severity)
		}
	default:
		t.cols = []column{{head: "KIND"}, {head: "ID", flex: true}, {head: "SEVERITY"}, {head: "LINE"}, {head: "TITLE", flex: true}}
		t.sevCol = 2
		for _, f := range fs {
			t.add([]string{orDash(string(f.Kind)), f.ID, f.Severity.String(), lineRange(f.Location.Line, f.EndLine), orDash(f.Title)}, f.Severity)
		}
	}
	return t
}

func (t *table) add(row []string, s vouch.Severity) {
	for i, c := range row {
		row[i] = sanitize(c)
	}
	t.rows = append(t.rows, row)
	t.sevs = append(t.sevs, s)
}

// sanitize keeps a cell on one line and free of terminal escapes: the
// text comes from advisories and scanned files, which vouch does not
// trust.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return dash
	}
	return s
}

func lineRange(start, end int) string {
	switch {
	case start <= 0:
		return dash
	case end > start:
		return strconv.Itoa(start) + "-" + strconv.Itoa(end)
	}
	return strconv.Itoa(start)
}

func shortFingerprint(fp string) string {
	if _, rest, ok := strings.Cut(fp, ":"); ok {
		fp = rest
	}
	if utf8.RuneCountInString(fp) > 12 {
		return string([]rune(fp)[:12])
	}
	return fp
}

// formatIDs writes the primary id and one alias, a CVE when there is one,
// then "+N" for the rest: "GHSA-35jh-r3h4-6jhm CVE-2021-23337 +1".
func formatIDs(id string, aliases []string) string {
	var rest []string
	for _, a := range aliases {
		if a != "" && a != id && !slices.Contains(rest, a) {
			rest = append(rest, a)
		}
	}
	if len(rest) == 0 {
		return id
	}
	slices.SortStableFunc(rest, func(a, b string) int {
		ca, cb := strings.HasPrefix(a, "CVE-"), strings.HasPrefix(b, "CVE-")
		switch {
		case ca && !cb:
			return -1
		case cb && !ca:
			return 1
		}
		return strings.Compare(a, b)
	})
	s := id + " " + rest[0]
	if len(rest) > 1 {
		s += " +" + strconv.Itoa(len(rest)-1)
	}
	return s
}

type tableWriter struct {
	w    *bufio.Writer
	opts TableOptions
}

func (t *tableWriter) line(s string) {
	t.w.WriteString(s)
	t.w.WriteByte('\n')
}

// fitRight shortens a line that is too wide at its end.
func (t *tableWriter) fitRight(s string) string {
	s = sanitize(s)
	if t.opts.Width <= 0 {
		return s
	}
	return cut(s, t.opts.Width)
}

// fitLeft shortens a title that is too wide from the left, keeping the end
// of a path, which names the file.
func (t *tableWriter) fitLeft(s string) string {
	s = sanitize(s)
	if t.opts.Width <= 0 {
		return s
	}
	n := utf8.RuneCountInString(s)
	if n <= t.opts.Width {
		return s
	}
	if t.opts.Width < 2 {
		return string([]rune(s)[n-t.opts.Width:])
	}
	return "…" + string([]rune(s)[n-t.opts.Width+1:])
}

// render writes an aligned table, each line indented. When a width is set
// and the table is wider, flexible columns shrink (the widest first) and
// their cells end in "…"; a line that still does not fit is cut.
func (t *tableWriter) render(tb *table) {
	widths := make([]int, len(tb.cols))
	for i, c := range tb.cols {
		widths[i] = utf8.RuneCountInString(c.head)
	}
	for _, row := range tb.rows {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	if t.opts.Width > 0 {
		shrink(tb.cols, widths, t.opts.Width-len(indent)-len(colGap)*(len(widths)-1))
	}
	heads := make([]string, len(tb.cols))
	for i, c := range tb.cols {
		heads[i] = c.head
	}
	t.row(heads, widths, -1, 0)
	for i, row := range tb.rows {
		t.row(row, widths, tb.sevCol, tb.sevs[i])
	}
}

// shrink narrows flexible columns, widest first, until the widths sum to
// at most budget or every flexible column is at its minimum.
func shrink(cols []column, widths []int, budget int) {
	const minWidth = 6
	total := 0
	for _, w := range widths {
		total += w
	}
	for total > budget {
		best := -1
		for i, c := range cols {
			if c.flex && widths[i] > minWidth && (best < 0 || widths[i] > widths[best]) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		widths[best]--
		total--
	}
}

func (t *tableWriter) row(cells []string, widths []int, sevCol int, sev vouch.Severity) {
	var b strings.Builder
	b.WriteString(indent)
	visible := len(indent)
	last := len(cells) - 1
	for last > 0 && cells[last] == "" {
		last-- // no trailing blanks for an empty last column
	}
	for i := 0; i <= last; i++ {
		c := cut(cells[i], widths[i])
		n := utf8.RuneCountInString(c)
		if t.opts.Color && i == sevCol {
			b.WriteString(severityColor(sev) + c + ansiReset)
		} else {
			b.WriteString(c)
		}
		visible += n
		if i < last {
			pad := widths[i] - n + len(colGap)
			b.WriteString(strings.Repeat(" ", pad))
			visible += pad
		}
	}
	s := b.String()
	if t.opts.Width > 0 && visible > t.opts.Width {
		s = cutANSI(s, t.opts.Width)
	}
	t.line(s)
}

// cut shortens s to at most n runes, ending in "…" when it was longer.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return string([]rune(s)[:max(n, 0)])
	}
	return string([]rune(s)[:n-1]) + "…"
}

// cutANSI shortens s to n visible runes, skipping escape sequences when
// counting, ending in "…" and closing any colour it cut into.
func cutANSI(s string, n int) string {
	var b strings.Builder
	visible, inColor := 0, false
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			j := strings.IndexByte(s[i:], 'm')
			if j < 0 {
				break
			}
			seq := s[i : i+j+1]
			b.WriteString(seq)
			inColor = seq != ansiReset
			i += j + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if visible == n-1 && len(s[i:]) > size {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		visible++
		i += size
	}
	if inColor {
		b.WriteString(ansiReset)
	}
	return b.String()
}

func (t *tableWriter) writeSuppressed(fs []vouch.Finding) {
	t.line(t.fitLeft("suppressed (accepted risk)"))
	tb := &table{
		cols:   []column{{head: "ID", flex: true}, {head: "WHAT", flex: true}, {head: "BY", flex: true}, {head: "UNTIL"}, {head: "REASON", flex: true}},
		sevCol: -1,
	}
	for _, f := range fs {
		what := f.Location.Path
		if f.Package != nil {
			what = f.Package.Name + " " + f.Package.Version
		} else if f.Resource != "" {
			what = f.Resource
		}
		var by, until, reason string
		if s := f.Suppressed; s != nil {
			by, until, reason = s.Source, s.Until, s.Reason
		}
		tb.add([]string{f.ID, orDash(strings.TrimSpace(what)), orDash(by), orDash(until), orDash(reason)}, f.Severity)
	}
	t.render(tb)
}

// wrap writes parts joined by ", ", breaking lines between parts when a
// width is set; continuation lines are indented.
func (t *tableWriter) wrap(parts []string) {
	if t.opts.Width <= 0 {
		t.line(strings.Join(parts, ", "))
		return
	}
	var line string
	for i, p := range parts {
		if i < len(parts)-1 {
			p += ","
		}
		switch {
		case line == "":
			line = p
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(p) <= t.opts.Width:
			line += " " + p
		default:
			t.line(t.fitRight(line))
			line = indent + p
		}
	}
	t.line(t.fitRight(line))
}

// summaryParts counts findings by kind and severity, one part a kind:
// "12 vulnerabilities (2 critical, 5 high, 5 unknown)", "1 secret (1 high)", "3 suppressed".
func summaryParts(r *Result) []string {
	type kindCount struct {
		kind         vouch.FindingKind
		one, many    string
		n            int
		bySev        SeverityCounts
		scannerNames []string
	}
	kinds := []*kindCount{
		{kind: vouch.KindVulnerability, one: "vulnerability", many: "vulnerabilities", scannerNames: []string{"vuln", "vulnerability"}},
		{kind: vouch.KindSecret, one: "secret", many: "secrets", scannerNames: []string{"secret", "secrets"}},
		{kind: vouch.KindMisconfig, one: "misconfiguration", many: "misconfigurations", scannerNames: []string{"misconfig", "misconfiguration"}},
		{kind: "", one: "other finding", many: "other findings"},
	}
	for _, f := range r.Findings {
		k := kinds[3]
		for _, c := range kinds[:3] {
			if c.kind == f.Kind {
				k = c
			}
		}
		k.n++
		k.bySev.Add(f.Severity)
	}
	var parts []string
	for _, k := range kinds {
		ran := slices.ContainsFunc(k.scannerNames, func(s string) bool { return slices.Contains(r.Scanners, s) })
		if k.n == 0 && !ran {
			continue
		}
		p := plural(k.n, k.one, k.many)
		var sev []string
		for _, s := range []vouch.Severity{vouch.SeverityCritical, vouch.SeverityHigh, vouch.SeverityMedium, vouch.SeverityLow, vouch.SeverityNone, vouch.SeverityUnknown} {
			if n := k.bySev.Of(s); n > 0 {
				sev = append(sev, strconv.Itoa(n)+" "+strings.ToLower(s.String()))
			}
		}
		if len(sev) > 0 {
			p += " (" + strings.Join(sev, ", ") + ")"
		}
		parts = append(parts, p)
	}
	return append(parts, strconv.Itoa(len(r.Suppressed))+" suppressed")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
