package misconfig

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Dockerfiles, read with buildkit's own parser (heredocs, escape
// directives, line continuations as `docker build` reads them). Each stage
// is a resource:
//
//	{"type": "stage", "address": "stage builder" | "stage 0",
//	 "attributes": {"name": "builder", "index": 0, "last": false,
//	   "from": {"image": "golang", "tag": "1.22", "digest": "", "ref": "golang:1.22",
//	            "stage": false, "scratch": false},
//	   "commands": [{"cmd": "run", "args": ["apt-get update"], "flags": [],
//	                 "original": "RUN apt-get update", "json": false, "heredocs": [],
//	                 "pairs": [{"key": "K", "value": "V"}]}]}}
//
// Instructions before the first FROM (global ARGs) are the commands of no
// stage; their defaults resolve ${VAR} in FROM lines.

func parseDockerfile(src []byte, rel string) (doc *document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("parse dockerfile %s: parser panic: %v", rel, r)
		}
	}()
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("parse dockerfile %s: %w", rel, err)
	}
	ignores := parseIgnores(src)
	doc = &document{kind: KindDockerfile, path: rel}
	globalArgs := map[string]string{}
	stageNames := map[string]bool{}
	type stage struct {
		r     *resource
		attrs map[string]any
		cmds  []any
		lines lineMap
	}
	var stages []*stage
	var cur *stage
	for _, n := range res.AST.Children {
		n.Value = strings.ToLower(n.Value)
		cmd := dockerCommand(n)
		if n.Value == "from" {
			args := cmd["args"].([]any)
			from := map[string]any{}
			name := ""
			if len(args) > 0 {
				ref := expandArgs(args[0].(string), globalArgs)
				from = imageRef(ref)
				from["stage"] = stageNames[strings.ToLower(ref)]
			}
			if len(args) >= 3 && strings.EqualFold(args[1].(string), "as") {
				name = args[2].(string)
				stageNames[strings.ToLower(name)] = true
			}
			idx := len(stages)
			addr := "stage " + strconv.Itoa(idx)
			if name != "" {
				addr = "stage " + name
			}
			cur = &stage{lines: lineMap{}}
			cur.attrs = map[string]any{"name": name, "index": int64(idx), "from": from, "last": false, "flags": cmd["flags"]}
			cur.r = &resource{typ: "stage", name: name, address: addr, path: rel, line: n.StartLine, endLine: n.EndLine, ignores: ignores}
			lm := cur.lines
			cur.r.locate = func(p []any) (int, int, bool) { return lm.lookup(p) }
			cur.lines["from"] = [2]int{n.StartLine, n.EndLine}
			stages = append(stages, cur)
			continue
		}
		if cur == nil {
			if n.Value == "arg" {
				for _, p := range cmd["pairs"].([]any) {
					pm := p.(map[string]any)
					globalArgs[pm["key"].(string)] = pm["value"].(string)
				}
			}
			continue
		}
		cur.lines["commands."+strconv.Itoa(len(cur.cmds))] = [2]int{n.StartLine, n.EndLine}
		cur.cmds = append(cur.cmds, cmd)
		if n.EndLine > cur.r.endLine {
			cur.r.endLine = n.EndLine
		}
	}
	for i, s := range stages {
		if s.cmds == nil {
			s.cmds = []any{}
		}
		s.attrs["commands"] = s.cmds
		s.attrs["last"] = i == len(stages)-1
		s.r.attrs = s.attrs
		doc.add(s.r)
	}
	if len(stages) == 0 {
		return nil, fmt.Errorf("parse dockerfile %s: no FROM instruction", rel)
	}
	return doc, nil
}

func dockerCommand(n *parser.Node) map[string]any {
	args := []any{}
	for a := n.Next; a != nil; a = a.Next {
		args = append(args, a.Value)
	}
	flags := make([]any, len(n.Flags))
	for i, f := range n.Flags {
		flags[i] = f
	}
	heredocs := make([]any, 0, len(n.Heredocs))
	for _, h := range n.Heredocs {
		heredocs = append(heredocs, h.Content)
	}
	cmd := map[string]any{
		"cmd":      n.Value,
		"args":     args,
		"flags":    flags,
		"original": n.Original,
		"json":     n.Attributes["json"],
		"heredocs": heredocs,
		"line":     int64(n.StartLine),
	}
	switch n.Value {
	case "env", "label":
		pairs := []any{}
		for i := 0; i+1 < len(args); i += 2 {
			pairs = append(pairs, map[string]any{"key": args[i], "value": args[i+1]})
		}
		cmd["pairs"] = pairs
	case "arg":
		pairs := []any{}
		for _, a := range args {
			k, v, has := strings.Cut(a.(string), "=")
			p := map[string]any{"key": k, "value": v, "default": has}
			pairs = append(pairs, p)
		}
		cmd["pairs"] = pairs
	}
	return cmd
}

// expandArgs replaces $NAME and ${NAME} with global ARG defaults.
func expandArgs(s string, args map[string]string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		j := i + 1
		braced := s[j] == '{'
		if braced {
			j++
		}
		k := j
		for k < len(s) && (s[k] == '_' || s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9') {
			k++
		}
		name := s[j:k]
		end := k
		if braced {
			// ${NAME:-default} and friends: take the default when unset.
			close := strings.IndexByte(s[k:], '}')
			if close < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			mod := s[k : k+close]
			end = k + close + 1
			if v, ok := args[name]; ok && v != "" {
				b.WriteString(v)
			} else if strings.HasPrefix(mod, ":-") || strings.HasPrefix(mod, "-") {
				b.WriteString(strings.TrimLeft(mod, ":-"))
			} else {
				b.WriteString(s[i:end])
			}
			i = end - 1
			continue
		}
		if v, ok := args[name]; ok && name != "" {
			b.WriteString(v)
		} else {
			b.WriteString(s[i:end])
		}
		i = end - 1
	}
	return b.String()
}

// imageRef splits "registry/repo:tag@sha256:…" into its parts.
func imageRef(ref string) map[string]any {
	out := map[string]any{"ref": ref, "image": ref, "tag": "", "digest": "", "scratch": ref == "scratch"}
	rest := ref
	if i := strings.Index(rest, "@"); i >= 0 {
		out["digest"] = rest[i+1:]
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.Contains(rest[i:], "/") {
		out["tag"] = rest[i+1:]
		rest = rest[:i]
	}
	out["image"] = rest
	return out
}
