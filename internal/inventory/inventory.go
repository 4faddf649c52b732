// Package inventory finds every package inside a target: it walks a
// directory tree or an image's layers, hands each file to the extractors
// that match it (see package extractor), and folds what they return into
// one vouch.Inventory with the target's identity, its operating system
// release and a sorted, de-duplicated package list.
package inventory

import (
	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/ospkg"
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
