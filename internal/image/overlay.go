package image

import (
	"context"
	"io/fs"
	"sort"
	"strings"
)

// Overlay keeps values by path the way a union filesystem stacks an
// image's layers: feed it every entry of a walk, in order, with Apply, and
// Put the values you want kept. A later layer's entry at a path hides what
// lower layers put there (and, unless it is a directory, everything below
// it); a whiteout hides a path and everything below it; an opaque
// directory hides everything lower layers put below it. Entries of the
// same layer never hide each other, as the OCI layer specification says.
//
// Only paths that were Put take memory; Apply on any other path costs a
// map lookup per path element. The zero Overlay is ready to use.
type Overlay[T any] struct {
	root ovNode[T]
}

type ovNode[T any] struct {
	children map[string]*ovNode[T]
	val      T
	has      bool
	dir      bool // the value was Put for a directory
	layer    int
}

// Apply applies what e hides of the layers below layer.
func (o *Overlay[T]) Apply(layer int, e *Entry) {
	n := o.find(e.Path)
	if n == nil {
		return
	}
	switch e.Type {
	case TypeWhiteout:
		n.dropBelow(layer, true)
	case TypeOpaque:
		n.dropBelow(layer, false)
	case TypeDir:
		if n.has && !n.dir && n.layer < layer {
			n.clear()
		}
	default:
		n.dropBelow(layer, true)
	}
}

// Put records v at path, written by layer; isDir says whether the entry is
// a directory (directories merge with lower ones instead of replacing them).
func (o *Overlay[T]) Put(layer int, path string, isDir bool, v T) {
	n := &o.root
	if path != "." {
		for part := range strings.SplitSeq(path, "/") {
			c := n.children[part]
			if c == nil {
				if n.children == nil {
					n.children = map[string]*ovNode[T]{}
				}
				c = &ovNode[T]{}
				n.children[part] = c
			}
			n = c
		}
	}
	n.val, n.has, n.dir, n.layer = v, true, isDir, layer
}

// Get returns the value at path and the layer that Put it.
func (o *Overlay[T]) Get(path string) (v T, layer int, ok bool) {
	n := o.find(path)
	if n == nil || !n.has {
		return v, 0, false
	}
	return n.val, n.layer, true
}

// Len counts the values held.
func (o *Overlay[T]) Len() int { return o.root.count() }

// Each calls fn for every value held, in path order.
func (o *Overlay[T]) Each(fn func(path string, layer int, v T)) {
	o.root.each("", fn)
}

func (o *Overlay[T]) find(path string) *ovNode[T] {
	n := &o.root
	if path == "." {
		return n
	}
	for path != "" {
		part, rest, _ := strings.Cut(path, "/")
		n = n.children[part]
		if n == nil {
			return nil
		}
		path = rest
	}
	return n
}

func (n *ovNode[T]) clear() {
	var zero T
	n.val, n.has, n.dir = zero, false, false
}

// dropBelow removes the values lower layers put below n, and n's own when
// self is set. It reports whether n is left empty.
func (n *ovNode[T]) dropBelow(layer int, self bool) bool {
	if self && n.has && n.layer < layer {
		n.clear()
	}
	for k, c := range n.children {
		if c.dropBelow(layer, true) {
			delete(n.children, k)
		}
	}
	return !n.has && len(n.children) == 0
}

func (n *ovNode[T]) count() int {
	c := 0
	if n.has {
		c++
	}
	for _, ch := range n.children {
		c += ch.count()
	}
	return c
}

func (n *ovNode[T]) each(prefix string, fn func(string, int, T)) {
	if n.has {
		p := prefix
		if p == "" {
			p = "."
		}
		fn(p, n.layer, n.val)
	}
	keys := make([]string, 0, len(n.children))
	for k := range n.children {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := k
		if prefix != "" {
			p = prefix + "/" + k
		}
		n.children[k].each(p, fn)
	}
}

// File is one path of an image's final filesystem.
type File struct {
	Path     string
	Type     EntryType // regular, dir, symlink or hardlink
	Mode     fs.FileMode
	Size     int64
	Linkname string
	Layer    int // index of the layer that wrote it last
}

// Squash walks the image and returns its final filesystem — what a
// container started from it sees — in path order, with whiteouts and
// opaque directories applied. Contents are not kept.
func (im *Image) Squash(ctx context.Context) ([]File, error) {
	var ov Overlay[File]
	err := im.Walk(ctx, func(layer int, e *Entry) error {
		ov.Apply(layer, e)
		switch e.Type {
		case TypeRegular, TypeDir, TypeSymlink, TypeHardlink:
			ov.Put(layer, e.Path, e.Type == TypeDir, File{
				Path: e.Path, Type: e.Type, Mode: e.Mode, Size: e.Size, Linkname: e.Linkname, Layer: layer,
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	files := make([]File, 0, ov.Len())
	ov.Each(func(_ string, _ int, f File) { files = append(files, f) })
	return files, nil
}
