// Package inventory finds every package inside a target: it walks a
// directory tree or an image's layers, hands each file to the extractors
// that match it (see package extractor), and folds what they return into
// one vouch.Inventory with the target's identity, its operating system
// release and a sorted, de-duplicated package list.
package inventory

import (
	"fmt"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/ospkg"
	"github.com/vouch-dev/vouch/internal/glob"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Options steer a walk.
type Options struct {
	// Extractors are the formats to read; Builtin() when nil.
	Extractors []extractor.Extractor
	// NodeModules descends into node_modules directories, which are
	// otherwise covered by the lockfile beside them.
	NodeModules bool
	// Workers bounds parallel parsing; GOMAXPROCS when zero.
	Workers int
	// ExcludePaths are gitignore-style globs (see package glob), relative
	// to the root of a tree or an image: a file that matches, or lies in
	// a directory that matches, is not handed to any extractor. Dir does
	// not even read an excluded directory. Reads an extractor makes
	// beside its own file (go.sum, a parent pom.xml) and the release file
	// that names the distribution are explicit references and still
	// happen. A file target (File) is never excluded.
	ExcludePaths []string
	// OnExclude, when set, is told the top-most path ExcludePaths left
	// out: a directory not read, or a file. Dir tells each once; Image
	// once per excluded file, since layers arrive as a stream. It is
	// called from the walking goroutine only.
	OnExclude func(path string)
}

// exclusion compiles ExcludePaths.
func (o *Options) exclusion() (glob.List, error) {
	l, err := glob.NewList(o.ExcludePaths)
	if err != nil {
		return l, vouch.Input(fmt.Errorf("exclude path %w", err), "patterns are gitignore-style globs, relative to the target's root")
	}
	return l, nil
}

func (o *Options) extractors() []extractor.Extractor {
	if o.Extractors != nil {
		return o.Extractors
	}
	return Builtin()
}

// finish folds what the extractors found into inv: packages merged by
// identity and sorted, OS packages tied to the release found in the
// target (distro may be nil) — ecosystem, Distro and purl, see
// ospkg.ApplyDistro — before merging, since the purl is the identity.
func finish(inv *vouch.Inventory, pkgs []vouch.Package, distro *vouch.Distro) {
	inv.Distro = distro
	ospkg.ApplyDistro(pkgs, distro)
	inv.Packages = vouch.Merge(pkgs)
	if inv.Packages == nil {
		inv.Packages = []vouch.Package{}
	}
}
