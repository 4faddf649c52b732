package python

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// requirements reads pip requirements files.
type requirements struct{}

func (requirements) Name() string { return "python/requirements" }

// Match takes requirements*.txt anywhere and any *.txt directly inside a
// directory named requirements (requirements/dev.txt).
func (requirements) Match(p string, mode fs.FileMode) bool {
	if mode.IsDir() || !strings.HasSuffix(p, ".txt") {
		return false
	}
	slash := strings.LastIndexByte(p, '/')
	if strings.HasPrefix(p[slash+1:], "requirements") {
		return true
	}
	dir := p[:max(slash, 0)]
	return dir == "requirements" || strings.HasSuffix(dir, "/requirements")
}

// Limits on includes: how deep -r may nest and how many files one
// requirements file may pull in.
const (
	maxIncludeDepth = 16
	maxIncludeFiles = 256
)

// requirement is one requirement line.
type requirement struct {
	file      string
	line      int
	name      string // normalised
	version   string // set when pinned with == or ===
	spec      string // the version specifier as written, when not pinned
	extras    string
	markers   string
	hashes    []vouch.Hash
	via       []string // pip-compile: the packages that need this one
	hasVia    bool
	viaDirect bool // pip-compile: listed because an input file asks for it
}

type reqReader struct {
	ctx         context.Context
	fsys        fs.FS
	top         string
	visited     map[string]bool
	files       int
	reqs        []*requirement
	constraints map[string]*requirement
}

func (x requirements) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(ctx, f)
	if err != nil {
		return nil, err
	}
	r := &reqReader{ctx: ctx, fsys: f.FS, top: f.Path, visited: map[string]bool{f.Path: true}, constraints: map[string]*requirement{}}
	if err := r.parse(f.Path, data, 0, false); err != nil {
		return nil, err
	}
	return r.packages(f), nil
}

// parse reads one requirements (or, with constraint set, constraints)
// file and the files it includes.
func (r *reqReader) parse(file string, data []byte, depth int, constraint bool) error {
	var last *requirement // the requirement "# via" comments describe
	viaBlock := false
	var logical strings.Builder
	start := 0
	n := 0
	for rest := string(data); rest != ""; {
		var line string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, ""
		}
		n++
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		isComment := strings.HasPrefix(trimmed, "#")
		switch {
		case logical.Len() == 0 && isComment:
			if last != nil {
				viaBlock = readVia(last, trimmed, viaBlock)
			}
			continue
		case !isComment && strings.HasSuffix(line, "\\"):
			// A continuation: pip joins the lines as they are.
			if logical.Len() == 0 {
				start = n
			}
			logical.WriteString(line[:len(line)-1])
			continue
		}
		lineNo := n
		if logical.Len() > 0 {
			if isComment {
				logical.WriteByte(' ')
			}
			logical.WriteString(line)
			line, lineNo = logical.String(), start
			logical.Reset()
		}
		viaBlock = false
		req, err := r.line(file, lineNo, line, depth, constraint)
		if err != nil {
			return err
		}
		last = req
	}
	if logical.Len() > 0 {
		if _, err := r.line(file, start, logical.String(), depth, constraint); err != nil {
			return err
		}
	}
	return nil
}

// line handles one logical line and returns the requirement it holds, if
// any.
func (r *reqReader) line(file string, n int, text string, depth int, constraint bool) (*requirement, error) {
	body, comment := splitComment(text)
	body = strings.TrimSpace(body)
	if body == "" {
		return nil, nil
	}
	if body[0] == '-' {
		return nil, r.option(file, n, body, depth, constraint)
	}
	req, err := parseRequirement(body)
	if err != nil {
		if file == r.top {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		return nil, fmt.Errorf("%s: line %d: %w", file, n, err)
	}
	if req == nil {
		return nil, nil
	}
	req.file, req.line = file, n
	if c := strings.TrimSpace(comment); strings.HasPrefix(c, "via ") || c == "via" {
		readVia(req, "#"+c, false)
	}
	if constraint {
		if req.version != "" {
			if _, ok := r.constraints[req.name]; !ok {
				r.constraints[req.name] = req
			}
		}
		return nil, nil
	}
	r.reqs = append(r.reqs, req)
	return req, nil
}

// splitComment cuts a line at a "#" that starts it or follows white space,
// as pip does; a "#" inside a URL fragment is not a comment.
func splitComment(s string) (body, comment string) {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// readVia reads pip-compile's "# via" annotations into req: "# via flask",
// "# via -r requirements.in", or "# via" followed by one "#   name" per
// line. It reports whether a multi-line list continues.
func readVia(req *requirement, comment string, inBlock bool) bool {
	c := strings.TrimSpace(strings.TrimPrefix(comment, "#"))
	switch {
	case c == "via":
		req.hasVia = true
		return true
	case strings.HasPrefix(c, "via "):
		req.hasVia = true
		for part := range strings.SplitSeq(c[len("via "):], ",") {
			addVia(req, part)
		}
		return false
	case inBlock && strings.HasPrefix(comment, "#  ") && c != "":
		addVia(req, c)
		return true
	}
	return false
}

func addVia(req *requirement, s string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
	case strings.HasPrefix(s, "-r ") || strings.HasPrefix(s, "--requirement"):
		req.viaDirect = true
	case strings.HasSuffix(s, "(pyproject.toml)") || strings.HasSuffix(s, "(setup.py)") || strings.HasSuffix(s, "(setup.cfg)"):
		// The project being compiled asks for it.
		req.viaDirect = true
	case s[0] == '-':
		// -c constraints and other inputs do not make it direct.
	default:
		if name := reqName(s); name != "" {
			req.via = append(req.via, name)
		}
	}
}

// option handles an option line; only the includes matter.
func (r *reqReader) option(file string, n int, body string, depth int, constraint bool) error {
	name, arg := splitOption(body)
	switch name {
	case "-r", "--requirement":
		return r.include(file, n, arg, depth, constraint)
	case "-c", "--constraint":
		return r.include(file, n, arg, depth, true)
	}
	return nil
}

func splitOption(body string) (name, arg string) {
	if strings.HasPrefix(body, "--") {
		i := strings.IndexAny(body, "= \t")
		if i < 0 {
			return body, ""
		}
		return body[:i], trimArg(body[i+1:])
	}
	if len(body) < 2 {
		return body, ""
	}
	return body[:2], trimArg(strings.TrimPrefix(strings.TrimSpace(body[2:]), "="))
}

func trimArg(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		s = s[:i]
	}
	return strings.Trim(s, `"'`)
}

// include reads a -r or -c file relative to the including file through
// the scan root. Includes that leave the root, are URLs, symbolic links
// or missing are skipped: pip would fail on a missing one, but the rest
// of the file still says what the project pins.
func (r *reqReader) include(from string, n int, arg string, depth int, constraint bool) error {
	if r.fsys == nil || arg == "" || strings.Contains(arg, "://") || path.IsAbs(arg) || strings.ContainsRune(arg, '\\') {
		return nil
	}
	p := path.Join(path.Dir(from), arg)
	if !fs.ValidPath(p) || r.visited[p] || depth+1 > maxIncludeDepth || r.files >= maxIncludeFiles {
		return nil
	}
	r.visited[p] = true
	r.files++
	if err := r.ctx.Err(); err != nil {
		return err
	}
	data, err := readRootFile(r.fsys, p)
	if err != nil {
		if errors.Is(err, errSkipped) {
			return nil
		}
		return fmt.Errorf("line %d: read %s: %w", n, p, err)
	}
	return r.parse(p, data, depth+1, constraint)
}

var errSkipped = errors.New("skipped")

// readRootFile reads a regular file of fsys; a missing file or a symbolic
// link (which could point out of the root) is errSkipped.
func readRootFile(fsys fs.FS, p string) ([]byte, error) {
	if lfs, ok := fsys.(fs.ReadLinkFS); ok {
		info, err := lfs.Lstat(p)
		if err != nil || !info.Mode().IsRegular() {
			return nil, errSkipped
		}
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, errSkipped
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, extractor.MaxFileSize))
}

// parseRequirement reads a PEP 508 requirement as pip accepts it on a
// line: name, extras, version specifier, markers and per-requirement
// options. URL and path requirements yield nil.
func parseRequirement(s string) (*requirement, error) {
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	name, rest := s[:i], strings.TrimLeft(s[i:], " \t")
	if isArchive(name) && rest == "" {
		return nil, nil // a wheel or sdist file name
	}
	if !validDistName(name) || (rest != "" && strings.IndexByte("[<>=!~;@(", rest[0]) < 0 && !strings.HasPrefix(rest, "--")) {
		if strings.ContainsAny(s, "/\\:") || strings.HasPrefix(s, ".") || strings.HasPrefix(s, "~") {
			return nil, nil // a path or URL: no version to report
		}
		return nil, fmt.Errorf("invalid requirement %q", truncate(s))
	}
	req := &requirement{name: vouch.NormalizePyPIName(name)}
	if strings.HasPrefix(rest, "[") {
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return nil, fmt.Errorf("unclosed extras in %q", truncate(s))
		}
		var extras []string
		for e := range strings.SplitSeq(rest[1:j], ",") {
			if e = strings.TrimSpace(e); e != "" {
				extras = append(extras, e)
			}
		}
		req.extras = strings.Join(extras, ",")
		rest = strings.TrimLeft(rest[j+1:], " \t")
	}
	if strings.HasPrefix(rest, "@") {
		return nil, nil // name @ URL
	}
	var opts string
	if j := optionStart(rest); j >= 0 {
		rest, opts = rest[:j], rest[j:]
	}
	if j := strings.IndexByte(rest, ';'); j >= 0 {
		req.markers = strings.TrimSpace(rest[j+1:])
		rest = rest[:j]
	}
	spec := strings.TrimSpace(rest)
	if strings.HasPrefix(spec, "(") && strings.HasSuffix(spec, ")") {
		spec = strings.TrimSpace(spec[1 : len(spec)-1])
	}
	for k := 0; k < len(spec); k++ {
		if c := spec[k]; !(isNameByte(c) || strings.IndexByte("<>=!~,*+ \t", c) >= 0) {
			return nil, fmt.Errorf("invalid version specifier %q", truncate(spec))
		}
	}
	compact := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, spec)
	if compact != "" {
		for clause := range strings.SplitSeq(compact, ",") {
			if !validClause(clause) {
				return nil, fmt.Errorf("invalid version specifier %q", truncate(spec))
			}
		}
	}
	switch {
	case strings.HasPrefix(compact, "===") && !strings.Contains(compact, ","):
		req.version = compact[3:]
	case strings.HasPrefix(compact, "==") && !strings.ContainsAny(compact, ",*") && !strings.HasPrefix(compact, "==="):
		req.version = compact[2:]
	default:
		req.spec = compact
	}
	fields := strings.Fields(opts)
	for k := 0; k < len(fields); k++ {
		v, ok := strings.CutPrefix(fields[k], "--hash=")
		if !ok && fields[k] == "--hash" && k+1 < len(fields) {
			v, ok = fields[k+1], true
			k++
		}
		if ok {
			req.hashes = addHash(req.hashes, v)
		}
	}
	return req, nil
}

// validDistName reports whether s is a distribution name as PEP 508
// spells it: letters, digits, "-", "_" and ".", starting and ending with a
// letter or digit.
func validDistName(s string) bool {
	return s != "" && isAlnum(s[0]) && isAlnum(s[len(s)-1])
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// validClause reports whether a version clause starts with one of PEP
// 440's comparison operators and has a version after it.
func validClause(c string) bool {
	for _, op := range [...]string{"===", "==", "!=", "<=", ">=", "~=", "<", ">"} {
		if v, ok := strings.CutPrefix(c, op); ok {
			return v != "" && strings.IndexByte("<>=!~", v[0]) < 0
		}
	}
	return false
}

// isArchive reports whether a bare word is a wheel or sdist file name.
func isArchive(name string) bool {
	for _, ext := range [...]string{".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// optionStart finds where per-requirement options ("--hash=…") begin: a
// "--" after white space.
func optionStart(s string) int {
	for i := 1; i+2 < len(s)+1; i++ {
		if (s[i-1] == ' ' || s[i-1] == '\t') && strings.HasPrefix(s[i:], "--") {
			return i
		}
	}
	if strings.HasPrefix(s, "--") {
		return 0
	}
	return -1
}

func truncate(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// packages turns the requirements into packages: versions from pins or
// constraints, direct unless pip-compile says only other packages need
// them, and dependency edges from pip-compile's notes.
func (r *reqReader) packages(f *extractor.File) []vouch.Package {
	pkgs := make([]vouch.Package, 0, len(r.reqs))
	byName := map[string][]int{}
	for _, req := range r.reqs {
		loc := vouch.Location{Path: req.file, Line: req.line, Layer: f.Layer}
		version, hashes := req.version, req.hashes
		var extra []vouch.Location
		if version == "" {
			if c, ok := r.constraints[req.name]; ok {
				version = c.version
				if len(hashes) == 0 {
					hashes = c.hashes
				}
				extra = append(extra, vouch.Location{Path: c.file, Line: c.line, Layer: f.Layer})
			}
		}
		p := newPackage(f, req.name, version, req.line)
		p.Locations = append([]vouch.Location{loc}, extra...)
		p.Hashes = hashes
		p.Relationship = vouch.RelationshipDirect
		if req.hasVia && !req.viaDirect {
			p.Relationship = vouch.RelationshipIndirect
		}
		setMeta(&p, "python.extras", req.extras)
		setMeta(&p, "python.markers", req.markers)
		if version == "" {
			setMeta(&p, "python.specifier", req.spec)
		}
		byName[p.Name] = append(byName[p.Name], len(pkgs))
		pkgs = append(pkgs, p)
	}
	for i, req := range r.reqs {
		for _, v := range req.via {
			for _, j := range byName[v] {
				if j != i && !contains(pkgs[j].DependsOn, pkgs[i].PURL) {
					pkgs[j].DependsOn = append(pkgs[j].DependsOn, pkgs[i].PURL)
				}
			}
		}
	}
	return merge(pkgs)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
