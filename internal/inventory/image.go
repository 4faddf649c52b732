package inventory

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"runtime"
	"strings"
	"sync"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/ospkg"
	"github.com/vouch-dev/vouch/internal/glob"
	"github.com/vouch-dev/vouch/internal/image"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Spooling: a matched file is copied out of the layer stream so that its
// extractors get random access and run beside the walk. Files up to
// spoolInMemory stay in memory; larger ones go to a temporary file that is
// removed as soon as its extractors are done.
const (
	spoolInMemory  = 4 << 20
	maxReleaseFile = 64 << 10
)

// Image inventories an opened image in one pass over its layers, bottom
// to top, without unpacking them.
//
// Every regular file an extractor matches is handed to it with Path the
// path in the image, Layer the digest of the layer that holds that
// version of the file, Reader and ReaderAt over a spooled copy (see
// spoolInMemory) and FS nil: an image's files cannot be reached out of
// order without a second pass, so formats that read siblings fall back to
// what the file alone says. Extractors run on Options.Workers goroutines
// while the walk goes on.
//
// What a file yields belongs to that version of the file: when a later
// layer writes the path again, deletes it with a whiteout, hides it under
// an opaque directory or replaces it with a link or a directory, its
// packages go with it. A package present at the same identity in the
// version of the file it replaced keeps that version's layer as its
// Location.Layer: the layer that introduced it, not the last one that
// rewrote the database.
//
// The release comes from the final view of etc/os-release (and the
// fallbacks ospkg.ReleaseFiles lists), following symbolic links inside the
// image; OS packages are tied to it by ospkg.ApplyDistro.
//
// Files an extractor could not read come back as *extractor.ParseError in
// the error slice (only for files present in the final view). The error is
// for an image that cannot be read: a broken or truncated layer, a digest
// mismatch, a limit exceeded, ctx done.
func Image(ctx context.Context, im *image.Image, opts Options) (*vouch.Inventory, []error, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	exclude, err := opts.exclusion()
	if err != nil {
		return nil, nil, err
	}
	s := &imageScan{
		ctx:       ctx,
		im:        im,
		exts:      opts.extractors(),
		sem:       make(chan struct{}, workers),
		exclude:   exclude,
		onExclude: opts.OnExclude,
	}
	walkErr := im.Walk(ctx, s.visit)
	s.wg.Wait()
	if walkErr != nil {
		return nil, nil, fmt.Errorf("image %s: %w", im.Ref, walkErr)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}

	inv := &vouch.Inventory{Target: vouch.Target{
		Kind:     vouch.TargetImage,
		Name:     im.Ref,
		Digest:   im.Digest,
		Platform: im.Platform,
	}}
	for _, l := range im.Layers {
		inv.Target.Layers = append(inv.Target.Layers, l.Digest.String())
	}
	for _, st := range s.all {
		st.settle()
	}
	var (
		pkgs []vouch.Package
		errs []error
	)
	s.ov.Each(func(p string, _ int, st *pathState) {
		if len(st.results) == 0 {
			return
		}
		inv.Sources = append(inv.Sources, p)
		for _, r := range st.results {
			if r.err != nil {
				errs = append(errs, &extractor.ParseError{Path: p, Extractor: r.ex, Err: r.err})
			}
			pkgs = append(pkgs, r.pkgs...)
		}
	})
	distro, err := s.distro()
	if err != nil {
		errs = append(errs, err)
	}
	finish(inv, pkgs, distro)
	return inv, errs, nil
}

// imageScan is the state of one Image call. The overlay is touched only
// by the walk's goroutine; workers fill in pathState results, read once
// all of them are done.
type imageScan struct {
	ctx  context.Context
	im   *image.Image
	exts []extractor.Extractor
	ov   image.Overlay[*pathState]
	all  []*pathState // every state created, in walk order
	sem  chan struct{}
	wg   sync.WaitGroup
	// matched is reused from entry to entry.
	matched   []extractor.Extractor
	exclude   glob.List
	onExclude func(string)
}

// pathState is what the walk keeps of one version of a path of interest.
type pathState struct {
	layer string // digest of the layer that wrote this version
	// prev is the version this one wrote over, when it had packages.
	prev    *pathState
	results []result
	// introduced maps a package's identity to the layer that introduced it,
	// once settle has run.
	introduced map[string]string
	// Release files: their content, or their link target.
	release []byte
	link    string
}

type result struct {
	ex   string
	pkgs []vouch.Package
	err  error
}

func (s *imageScan) visit(layer int, e *image.Entry) error {
	var prev *pathState
	if e.Type == image.TypeRegular {
		if p, _, ok := s.ov.Get(e.Path); ok && len(p.results) > 0 {
			prev = p
		}
	}
	s.ov.Apply(layer, e)
	digest := s.im.Layers[layer].Digest.String()
	switch e.Type {
	case image.TypeSymlink:
		if isReleaseFile(e.Path) {
			s.ov.Put(layer, e.Path, false, &pathState{layer: digest, link: e.Linkname})
		}
		return nil
	case image.TypeRegular:
	default:
		return nil
	}
	s.matched = s.matched[:0]
	for _, ex := range s.exts {
		if ex.Match(e.Path, e.Mode) {
			s.matched = append(s.matched, ex)
		}
	}
	if len(s.matched) > 0 && !s.exclude.Empty() {
		if at, ok := s.exclude.Excluded(e.Path); ok {
			// Not extracted; a release file is still kept for the distro.
			s.matched = s.matched[:0]
			if s.onExclude != nil {
				s.onExclude(at)
			}
		}
	}
	release := isReleaseFile(e.Path)
	if len(s.matched) == 0 && !release {
		return nil
	}
	st := &pathState{layer: digest, prev: prev}
	s.all = append(s.all, st)
	s.ov.Put(layer, e.Path, false, st)
	if len(s.matched) == 0 {
		b, err := io.ReadAll(io.LimitReader(e.Reader, maxReleaseFile))
		if err != nil {
			return fmt.Errorf("layer %s: %s: %w", digest, e.Path, err)
		}
		st.release = b
		return nil
	}
	if e.Size > extractor.MaxFileSize {
		for _, ex := range s.matched {
			st.results = append(st.results, result{ex: ex.Name(),
				err: fmt.Errorf("%d bytes, more than the %d-byte limit; skipped", e.Size, extractor.MaxFileSize)})
		}
		return nil
	}
	sp, err := extractor.NewSpool(e.Reader, e.Size, spoolInMemory)
	if err != nil {
		if errors.Is(err, image.ErrEntryTooLarge) {
			st.results = append(st.results, result{ex: s.matched[0].Name(), err: err})
			return nil
		}
		return fmt.Errorf("layer %s: %s: %w", digest, e.Path, err)
	}
	if release {
		st.release = sp.Head(maxReleaseFile)
	}
	exts := append([]extractor.Extractor(nil), s.matched...)
	st.results = make([]result, len(exts))
	file := extractor.File{Path: e.Path, Mode: e.Mode, Size: e.Size, Layer: digest}
	s.sem <- struct{}{}
	s.wg.Add(1)
	go func() {
		defer func() {
			sp.Close()
			<-s.sem
			s.wg.Done()
		}()
		for i, ex := range exts {
			f := file
			f.Reader, f.ReaderAt = sp.Reader(), sp.ReaderAt()
			st.results[i] = extract(s.ctx, ex, &f)
		}
	}()
	return nil
}

// extract runs one extractor on one file; a panic costs the file, not the
// run.
func extract(ctx context.Context, ex extractor.Extractor, f *extractor.File) (r result) {
	r.ex = ex.Name()
	defer func() {
		if p := recover(); p != nil {
			r.pkgs, r.err = nil, fmt.Errorf("internal error: %v", p)
		}
	}()
	r.pkgs, r.err = ex.Extract(ctx, f)
	for i := range r.pkgs {
		if len(r.pkgs[i].Locations) == 0 {
			r.pkgs[i].Locations = []vouch.Location{{Path: f.Path}}
		}
	}
	return r
}

// settle decides, for every package of this version of the file, the
// layer that introduced it: the layer of the version it replaced, if
// that held the same package, else this one. States settle in walk order,
// so prev has settled first.
func (st *pathState) settle() {
	st.introduced = map[string]string{}
	for _, r := range st.results {
		for i := range r.pkgs {
			p := &r.pkgs[i]
			k := p.Key()
			layer := st.layer
			if st.prev != nil {
				if l, ok := st.prev.introduced[k]; ok {
					layer = l
				}
			}
			st.introduced[k] = layer
			for j := range p.Locations {
				if p.Locations[j].Layer == "" || p.Locations[j].Layer == st.layer {
					p.Locations[j].Layer = layer
				}
			}
		}
	}
}

// isReleaseFile reports whether the walk keeps p to find the release:
// one of ospkg.ReleaseFiles, or a file Fedora's os-release links into.
func isReleaseFile(p string) bool {
	for _, r := range ospkg.ReleaseFiles {
		if p == r {
			return true
		}
	}
	return strings.HasPrefix(p, "usr/lib/os.release.d/")
}

// distro reads the release from the final view, following symbolic links
// inside the image the way the kernel would in a chroot.
func (s *imageScan) distro() (*vouch.Distro, error) {
	for _, name := range ospkg.ReleaseFiles {
		p := name
		for hops := 0; hops < 8; hops++ {
			st, _, ok := s.ov.Get(p)
			if !ok {
				break
			}
			if st.link != "" {
				target := st.link
				if !path.IsAbs(target) {
					target = path.Join(path.Dir(p), target)
				}
				p = strings.TrimPrefix(path.Clean("/"+target), "/")
				continue
			}
			if st.release == nil {
				break
			}
			d, err := ospkg.ParseReleaseFile(name, bytes.NewReader(st.release))
			if err != nil {
				return nil, &extractor.ParseError{Path: name, Extractor: "os-release", Err: err}
			}
			return d, nil
		}
	}
	return nil, nil
}
