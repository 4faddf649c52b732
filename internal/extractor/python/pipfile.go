package python

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/jsonpos"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// pipfileLock reads pipenv's Pipfile.lock: "default" holds the runtime
// packages, "develop" (and any custom category) the rest.
type pipfileLock struct{}

func (pipfileLock) Name() string { return "python/pipfile-lock" }

func (pipfileLock) Match(p string, mode fs.FileMode) bool {
	return !mode.IsDir() && (p == "Pipfile.lock" || strings.HasSuffix(p, "/Pipfile.lock"))
}

type pipfileEntry struct {
	Version  string   `json:"version"`
	Hashes   []string `json:"hashes"`
	Extras   []string `json:"extras"`
	Markers  string   `json:"markers"`
	Git      string   `json:"git"`
	Ref      string   `json:"ref"`
	Editable bool     `json:"editable"`
	Path     string   `json:"path"`
	File     string   `json:"file"`
}

func (pipfileLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(ctx, f)
	if err != nil {
		return nil, err
	}
	var sections map[string]json.RawMessage
	if err := json.Unmarshal(data, &sections); err != nil {
		return nil, jsonpos.Error(data, err)
	}
	if sections == nil {
		return nil, errors.New("not a Pipfile.lock: the document is null")
	}
	lines := map[string]map[string]int{}
	jsonpos.Keys(data, func(path []jsonpos.Frame, key string, line int) {
		if len(path) == 2 {
			sec := path[1].Key
			if lines[sec] == nil {
				lines[sec] = map[string]int{}
			}
			lines[sec][key] = line
		}
	})
	names := make([]string, 0, len(sections))
	for name := range sections {
		if !strings.HasPrefix(name, "_") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var pkgs []vouch.Package
	for _, sec := range names {
		raw := bytes.TrimSpace(sections[sec])
		if len(raw) == 0 || raw[0] != '{' {
			continue // categories are objects; anything else is not one
		}
		var entries map[string]pipfileEntry
		if err := json.Unmarshal(raw, &entries); err != nil {
			return nil, fmt.Errorf("category %q: %w", sec, err)
		}
		for name, e := range entries {
			version := strings.TrimPrefix(strings.TrimPrefix(e.Version, "==="), "==")
			if !validDistName(name) || e.Version == version || version == "" || strings.ContainsAny(version, "<>=!~*, ") {
				continue // not pinned: a git, path or editable entry
			}
			p := newPackage(f, name, version, lines[sec][name])
			if sec != "default" {
				p.Scope = vouch.ScopeDev
			}
			for _, h := range e.Hashes {
				p.Hashes = addHash(p.Hashes, h)
			}
			setMeta(&p, "python.extras", strings.Join(e.Extras, ","))
			setMeta(&p, "python.markers", e.Markers)
			pkgs = append(pkgs, p)
		}
	}
	markDirect(pkgs, pipfileDeps(f.FS, f.Path))
	return merge(pkgs), nil
}

// pipfileDeps reads the package names a Pipfile beside the lockfile
// declares.
func pipfileDeps(fsys fs.FS, lockPath string) map[string]bool {
	data := sibling(fsys, lockPath, "Pipfile")
	if data == nil {
		return nil
	}
	var doc map[string]any
	if toml.Unmarshal(data, &doc) != nil {
		return nil
	}
	names := map[string]bool{}
	for sec, v := range doc {
		if sec == "source" || sec == "requires" || sec == "scripts" || sec == "pipenv" {
			continue
		}
		if m, ok := v.(map[string]any); ok {
			for k := range m {
				names[vouch.NormalizePyPIName(k)] = true
			}
		}
	}
	return names
}
