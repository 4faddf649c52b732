package drift

import (
	"context"
	"fmt"
)

// Kinds of change.
const (
	Added      = "added"
	Removed    = "removed"
	Changed    = "changed"    // content, type or link text
	ModeChange = "mode"       // permission bits only
	Unreadable = "unreadable" // could not be read: counted as drift
)

// Change is one difference between the manifest and the tree.
type Change struct {
	Kind   string `json:"kind"`
	Path   string `json:"path"`
	Detail string `json:"detail,omitempty"`
	Want   *Entry `json:"want,omitempty"` // as the manifest records it
	Got    *Entry `json:"got,omitempty"`  // as the tree holds it
}

// Report is the outcome of a comparison.
type Report struct {
	Root    string   `json:"root"`
	Checked int      `json:"checked"` // entries in the tree
	Changes []Change `json:"changes"`
}

// Drifted reports whether anything differs.
func (r *Report) Drifted() bool { return len(r.Changes) > 0 }

// Compare reads root, with the manifest's exclusions, and lists how it
// differs from m. Only files whose size matches the manifest are hashed.
func Compare(ctx context.Context, root string, m *Manifest) (*Report, error) {
	want := make(map[string]*Entry, len(m.Files))
	for _, e := range m.Files {
		want[e.Path] = e
	}
	got, err := Scan(ctx, root, ScanOptions{
		Exclude: m.Exclude,
		Hash: func(e *Entry) bool {
			w, ok := want[e.Path]
			return ok && w.Type == TypeFile && w.Size != nil && *w.Size == *e.Size
		},
	})
	if err != nil {
		return nil, err
	}
	r := &Report{Root: root, Checked: len(got), Changes: []Change{}}
	i, j := 0, 0
	for i < len(m.Files) || j < len(got) {
		switch {
		case j == len(got) || (i < len(m.Files) && m.Files[i].Path < got[j].Path):
			r.Changes = append(r.Changes, Change{Kind: Removed, Path: m.Files[i].Path, Detail: describe(m.Files[i]), Want: m.Files[i]})
			i++
		case i == len(m.Files) || got[j].Path < m.Files[i].Path:
			r.Changes = append(r.Changes, Change{Kind: Added, Path: got[j].Path, Detail: describe(got[j]), Got: got[j]})
			j++
		default:
			if c, ok := diff(m.Files[i], got[j]); ok {
				r.Changes = append(r.Changes, c)
			}
			i++
			j++
		}
	}
	return r, nil
}

// diff compares two entries at the same path. A change of content, type
// or link text is reported over a mode change at the same path.
func diff(w, g *Entry) (Change, bool) {
	c := Change{Path: w.Path, Want: w, Got: g}
	switch {
	case g.Err != nil:
		c.Kind, c.Detail = Unreadable, g.Err.Error()
	case w.Type != g.Type:
		c.Kind, c.Detail = Changed, fmt.Sprintf("was a %s, now a %s", w.Type, g.Type)
	case w.Type == TypeSymlink && w.Target != g.Target:
		c.Kind, c.Detail = Changed, fmt.Sprintf("link to %q, now to %q", w.Target, g.Target)
	case w.Type == TypeFile && sizeOf(w) != sizeOf(g):
		c.Kind, c.Detail = Changed, fmt.Sprintf("size %d, now %d", sizeOf(w), sizeOf(g))
	case w.Type == TypeFile && w.SHA256 != g.SHA256:
		c.Kind, c.Detail = Changed, fmt.Sprintf("sha256 %s…, now %s…", short(w.SHA256), short(g.SHA256))
	case w.Mode != g.Mode:
		c.Kind, c.Detail = ModeChange, fmt.Sprintf("mode %s, now %s", w.Mode, g.Mode)
	default:
		return c, false
	}
	if c.Kind == Changed && w.Mode != g.Mode {
		c.Detail += fmt.Sprintf("; mode %s, now %s", w.Mode, g.Mode)
	}
	return c, true
}

func sizeOf(e *Entry) int64 {
	if e.Size == nil {
		return -1
	}
	return *e.Size
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// describe says what an entry is, for a line about it.
func describe(e *Entry) string {
	switch e.Type {
	case TypeFile:
		return fmt.Sprintf("file %s, %d bytes", e.Mode, sizeOf(e))
	case TypeSymlink:
		return fmt.Sprintf("link to %q", e.Target)
	}
	return e.Type + " " + e.Mode
}
