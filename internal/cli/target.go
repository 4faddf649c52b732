package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/inventory"
	"github.com/vouch-dev/vouch/internal/sbom"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// targetHelp explains how a TARGET argument is read.
const targetHelp = `TARGET is read as, in order:
  dir:PATH, file:PATH, sbom:PATH,      force a kind
  image:REF, oci-dir:PATH,
  docker-archive:PATH
  a directory with an oci-layout file  an OCI image layout
  a directory                          a source tree or root filesystem
  a tar file                           a 'docker save' image
  a CycloneDX or SPDX file             an SBOM
  any other file                       a lockfile or a Go binary
  anything else                        an image reference in a registry`

// inventoryOf reads an opened target into an inventory. Files that could
// not be parsed are reported on stderr; unless --skip-errors is set they
// make the returned error a *partialError, returned together with the
// inventory of everything else (so the caller can still write it).
func (e *env) inventoryOf(t *openTarget) (*vouch.Inventory, error) {
	ctx := e.ctx
	opts := inventory.Options{NodeModules: e.cfg.NodeModules, ExcludePaths: e.cfg.ExcludePaths, OnExclude: t.noteExcluded}
	var (
		inv  *vouch.Inventory
		errs []error
		err  error
	)
	switch t.kind {
	case vouch.TargetDirectory:
		inv, errs, err = inventory.Dir(ctx, t.ref, opts)
	case vouch.TargetFile:
		inv, errs, err = inventory.File(ctx, t.ref, opts)
	case vouch.TargetSBOM:
		inv, err = e.readSBOM(t.ref)
	case vouch.TargetImage:
		inv, errs, err = inventory.Image(ctx, t.img, opts)
	}
	if err != nil {
		var ie *vouch.InputError
		if !errors.As(err, &ie) {
			err = vouch.Input(err, "")
		}
		return nil, err
	}
	if len(errs) == 0 {
		return inv, nil
	}
	for _, pe := range errs {
		if e.cfg.SkipErrors {
			e.warnf("skipped %v", pe)
		} else {
			fmt.Fprintf(e.stderr, "vouch: error: %v\n", pe)
		}
	}
	if e.cfg.SkipErrors {
		return inv, nil
	}
	return inv, &partialError{n: len(errs)}
}

// partialError says some files of a target could not be read; the rest of
// the result was still written.
type partialError struct{ n int }

func (p *partialError) Error() string {
	return fmt.Sprintf("%d file(s) could not be read (named above); the results cover everything else", p.n)
}

// classify decides what kind of target a command-line argument names.
func classify(target string) (vouch.TargetKind, string) {
	for prefix, kind := range map[string]vouch.TargetKind{
		"dir:": vouch.TargetDirectory, "file:": vouch.TargetFile, "sbom:": vouch.TargetSBOM,
		"image:": vouch.TargetImage, "oci-dir:": vouch.TargetImage, "docker-archive:": vouch.TargetImage,
		"registry:": vouch.TargetImage,
	} {
		if rest, ok := strings.CutPrefix(target, prefix); ok {
			return kind, rest
		}
	}
	fi, err := os.Stat(target)
	if err != nil {
		if looksLikeImageRef(target) {
			return vouch.TargetImage, target
		}
		return vouch.TargetDirectory, target // Dir reports the missing path
	}
	if fi.IsDir() {
		if _, err := os.Stat(filepath.Join(target, "oci-layout")); err == nil {
			return vouch.TargetImage, target
		}
		return vouch.TargetDirectory, target
	}
	head := make([]byte, 4096)
	f, err := os.Open(target)
	if err != nil {
		return vouch.TargetFile, target
	}
	n, _ := io.ReadFull(f, head)
	f.Close()
	head = head[:n]
	if isTar(head) {
		return vouch.TargetImage, target
	}
	if _, ok := sbom.Sniff(head); ok {
		return vouch.TargetSBOM, target
	}
	return vouch.TargetFile, target
}

// isTar reports whether head starts a ustar or GNU tar archive.
func isTar(head []byte) bool {
	return len(head) >= 262 && (bytes.Equal(head[257:262], []byte("ustar")))
}

// looksLikeImageRef accepts "name", "host/name:tag", "name@sha256:…"; paths
// that start with ./ or / are never image references.
func looksLikeImageRef(s string) bool {
	if s == "" || strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") || strings.ContainsAny(s, " \\") {
		return false
	}
	return strings.Contains(s, ":") || strings.Contains(s, "/")
}

func (e *env) readSBOM(path string) (*vouch.Inventory, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, cause(err))
	}
	defer f.Close()
	inv, err := sbom.Decode(e.ctx, io.LimitReader(f, extractor.MaxFileSize), filepath.Base(path))
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("sbom %s: %w", path, err), "check that the file is CycloneDX (JSON or XML) or SPDX (JSON or tag-value)")
	}
	if inv.Target.Name == "" {
		inv.Target.Name = path
	}
	return inv, nil
}

func cause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
