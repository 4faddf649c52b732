package java

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// pom is what vouch needs of one pom.xml.
type pom struct {
	groupID, artifactID, version string
	parent                       *parentRef
	props                        map[string]string
	deps                         []dependency // project/dependencies
	managed                      []dependency // project/dependencyManagement/dependencies
}

type parentRef struct {
	groupID, artifactID, version string
	relativePath                 string
	hasRelativePath              bool // <relativePath/> present, even empty
}

type dependency struct {
	groupID, artifactID, version string
	scope, typ, classifier       string
	optional                     string
	line                         int
}

// maxXMLDepth bounds element nesting; a pom needs about eight levels.
const maxXMLDepth = 256

// parsePOM reads a pom.xml. Only the elements vouch uses are kept; others
// are checked for well-formedness and skipped.
func parsePOM(data []byte) (*pom, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charsetReader
	p := &pom{props: map[string]string{}}
	var stack []string
	var text bytes.Buffer
	var dep *dependency // the <dependency> being read
	depDepth := 0       // its depth: 3 in dependencies, 4 in dependencyManagement
	sawRoot := false
	fail := func(err error) error {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("line %d: %s", se.Line, se.Msg)
		}
		line, _ := d.InputPos()
		return fmt.Errorf("line %d: %v", line, err)
	}
	for {
		// RawToken skips namespace translation, which a pom does not need;
		// the element stack below checks that tags match.
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fail(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if len(stack) == 0 && name != "project" {
				return nil, fmt.Errorf("not a Maven POM: the root element is <%s>, not <project>", name)
			}
			stack = append(stack, name)
			if len(stack) > maxXMLDepth {
				return nil, fail(errors.New("elements nested too deeply"))
			}
			text.Reset()
			sawRoot = true
			switch {
			case matchPath(stack, "project", "parent"):
				p.parent = &parentRef{}
			case matchPath(stack, "project", "dependencies", "dependency"):
				line, _ := d.InputPos()
				p.deps = append(p.deps, dependency{line: line})
				dep, depDepth = &p.deps[len(p.deps)-1], 3
			case matchPath(stack, "project", "dependencyManagement", "dependencies", "dependency"):
				line, _ := d.InputPos()
				p.managed = append(p.managed, dependency{line: line})
				dep, depDepth = &p.managed[len(p.managed)-1], 4
			}
		case xml.CharData:
			if text.Len() < 1<<20 {
				text.Write(t)
			}
		case xml.EndElement:
			n := len(stack)
			if n == 0 {
				return nil, fail(fmt.Errorf("unexpected end element </%s>", t.Name.Local))
			}
			if t.Name.Local != stack[n-1] {
				return nil, fail(fmt.Errorf("element <%s> closed by </%s>", stack[n-1], t.Name.Local))
			}
			val := strings.TrimSpace(text.String())
			switch {
			case n == 2 && stack[0] == "project":
				switch stack[1] {
				case "groupId":
					p.groupID = val
				case "artifactId":
					p.artifactID = val
				case "version":
					p.version = val
				}
			case n == 3 && stack[1] == "parent" && p.parent != nil:
				switch stack[2] {
				case "groupId":
					p.parent.groupID = val
				case "artifactId":
					p.parent.artifactID = val
				case "version":
					p.parent.version = val
				case "relativePath":
					p.parent.relativePath, p.parent.hasRelativePath = val, true
				}
			case n == 3 && stack[1] == "properties":
				p.props[stack[2]] = val
			case dep != nil && n == depDepth+1:
				switch stack[n-1] {
				case "groupId":
					dep.groupID = val
				case "artifactId":
					dep.artifactID = val
				case "version":
					dep.version = val
				case "scope":
					dep.scope = val
				case "type":
					dep.typ = val
				case "classifier":
					dep.classifier = val
				case "optional":
					dep.optional = val
				}
			case dep != nil && n == depDepth:
				dep = nil
			}
			stack = stack[:n-1]
			text.Reset()
		}
	}
	if len(stack) > 0 {
		return nil, fail(fmt.Errorf("element <%s> not closed at the end of the file", stack[len(stack)-1]))
	}
	if !sawRoot {
		return nil, errors.New("not a Maven POM: no <project> element")
	}
	return p, nil
}

// matchPath reports whether the element stack is exactly path.
func matchPath(stack []string, path ...string) bool {
	if len(stack) != len(path) {
		return false
	}
	for i := range path {
		if stack[i] != path[i] {
			return false
		}
	}
	return true
}

// charsetReader lets poms declare the encodings they use in practice.
// UTF-8 and ASCII pass through; ISO-8859-1 and windows-1252 (read as
// Latin-1, which differs only in printable punctuation) are converted.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return r, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
		return &latin1Reader{r: r}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

type latin1Reader struct {
	r   io.Reader
	buf []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	if len(p) < utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	n := len(p) / 2
	if cap(l.buf) < n {
		l.buf = make([]byte, n)
	}
	m, err := l.r.Read(l.buf[:n])
	out := 0
	for _, b := range l.buf[:m] {
		out += utf8.EncodeRune(p[out:], rune(b))
	}
	return out, err
}
