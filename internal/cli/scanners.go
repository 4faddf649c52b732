package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/vouch-dev/vouch/internal/image"
	"github.com/vouch-dev/vouch/internal/misconfig"
	"github.com/vouch-dev/vouch/internal/secrets"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// secretFindings runs the secret scanner over what the target is: a
// tree (or its git history with --git), a file, or every layer of an
// image, deleted files included — a secret removed in a later layer still
// ships in the earlier one.
func (e *env) secretFindings(t *openTarget) ([]vouch.Finding, error) {
	sc := e.cfg.Secrets
	s, err := secrets.New(secrets.Config{
		AllowPaths:    sc.AllowPaths,
		AllowPatterns: sc.AllowPatterns,
		StopWords:     sc.StopWords,
		MaxFileSize:   sc.MaxFileSize,
		NoIgnore:      e.cfg.NoIgnore,
		ExcludePaths:  e.cfg.ExcludePaths,
		OnExclude:     t.noteExcluded,
	})
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("secrets configuration: %w", err), "check the secrets: section of vouch.yaml")
	}
	var found []vouch.Finding
	switch {
	case e.cfg.Git:
		if t.kind != vouch.TargetDirectory {
			return nil, &usageError{cmd: "scan", err: errors.New("--git needs a directory inside a git repository")}
		}
		found, err = s.ScanGit(e.ctx, t.ref, secrets.GitOptions{Refs: e.cfg.GitRefs, Since: e.cfg.GitSince})
	case t.kind == vouch.TargetDirectory:
		found, err = s.ScanDir(e.ctx, t.ref)
	case t.kind == vouch.TargetFile:
		var f *os.File
		if f, err = os.Open(t.ref); err == nil {
			found, err = s.ScanReader(e.ctx, filepath.Base(t.ref), f)
			f.Close()
		}
	case t.kind == vouch.TargetImage:
		found, err = e.imageSecrets(s, t.img)
	case t.kind == vouch.TargetSBOM:
		e.warnf("an SBOM lists packages, not file contents: the secret scanner has nothing to read in %s", t.ref)
	}
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("secret scan of %s: %w", t.ref, err), "")
	}
	if e.cfg.Baseline != "" {
		f, err := os.Open(e.cfg.Baseline)
		if err != nil {
			return nil, vouch.Input(fmt.Errorf("baseline %s: %w", e.cfg.Baseline, cause(err)), "write one with 'vouch scan --scanners secret --write-baseline FILE'")
		}
		b, err := secrets.LoadBaseline(f)
		f.Close()
		if err != nil {
			return nil, vouch.Input(fmt.Errorf("baseline %s: %w", e.cfg.Baseline, err), "")
		}
		b.Apply(found)
	}
	return found, nil
}

// imageSecrets scans every regular file of every layer.
func (e *env) imageSecrets(s *secrets.Scanner, im *image.Image) ([]vouch.Finding, error) {
	var out []vouch.Finding
	err := im.Walk(e.ctx, func(layer int, en *image.Entry) error {
		if en.Reader == nil {
			return nil
		}
		fs, err := s.ScanReader(e.ctx, en.Path, en.Reader)
		if err != nil {
			return err
		}
		for i := range fs {
			fs[i].Location.Layer = im.Layers[layer].Digest.String()
		}
		out = append(out, fs...)
		return nil
	})
	return out, err
}

// misconfigFindings checks the infrastructure and pipeline files of a
// tree or a single file.
func (e *env) misconfigFindings(t *openTarget) ([]vouch.Finding, error) {
	if t.kind != vouch.TargetDirectory && t.kind != vouch.TargetFile {
		e.warnf("misconfiguration checks read source trees and files; %s is a %s", t.ref, t.kind)
		return nil, nil
	}
	s, err := misconfig.New(e.ctx, misconfig.Config{
		PolicyDirs:   e.cfg.PolicyDirs,
		VarFiles:     e.cfg.VarFiles,
		SkipChecks:   e.cfg.SkipChecks,
		ExcludePaths: e.cfg.ExcludePaths,
		OnExclude:    t.noteExcluded,
	})
	if err != nil {
		return nil, vouch.Input(err, "fix the policy named above, or leave its directory out of --policy-dir")
	}
	if t.kind == vouch.TargetFile {
		found, err := s.ScanFile(e.ctx, t.ref)
		if err != nil {
			return nil, vouch.Input(fmt.Errorf("%s: %w", t.ref, err), "")
		}
		return found, nil
	}
	found, errs, err := s.ScanDir(e.ctx, t.ref)
	if err != nil {
		return nil, vouch.Input(err, "")
	}
	for _, pe := range errs {
		if e.cfg.SkipErrors {
			e.warnf("skipped %v", pe)
		} else {
			fmt.Fprintf(e.stderr, "vouch: error: %v\n", pe)
		}
	}
	if len(errs) > 0 && !e.cfg.SkipErrors {
		return found, &partialError{n: len(errs)}
	}
	return found, nil
}

// openTarget is a classified target, with its image opened once for every
// scanner that reads it.
type openTarget struct {
	kind vouch.TargetKind
	ref  string
	img  *image.Image

	// excluded holds the top-most paths exclude-paths left out, from
	// every scanner that read the target.
	mu       sync.Mutex
	excluded map[string]bool
}

// noteExcluded records a path that exclude-paths left out.
func (t *openTarget) noteExcluded(path string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.excluded == nil {
		t.excluded = map[string]bool{}
	}
	t.excluded[path] = true
}

// reportExcluded prints, unless --quiet, how many paths exclude-paths
// left out of the target: the one trace an exclusion leaves, since
// results only have fewer findings. A directory not read counts once,
// whatever it holds. Nothing left out, nothing printed: a vouch.yaml
// written for one tree is read for every scan run beside it.
func (e *env) reportExcluded(t *openTarget) {
	t.mu.Lock()
	n := len(t.excluded)
	t.mu.Unlock()
	if e.cfg.Quiet || n == 0 {
		return
	}
	fmt.Fprintf(e.stderr, "vouch: excluded %d path(s) by exclude-paths\n", n)
}

func (e *env) open(target string) (*openTarget, error) {
	kind, ref := classify(target)
	t := &openTarget{kind: kind, ref: ref}
	switch kind {
	case vouch.TargetImage:
		im, err := image.Open(e.ctx, ref, image.Options{
			Platform: e.cfg.Platform,
			Username: e.cfg.RegistryUsername,
			Password: e.cfg.RegistryPassword,
			Insecure: e.cfg.RegistryInsecure,
			Timeout:  e.cfg.RegistryTimeout,
		})
		if err != nil {
			return nil, err
		}
		t.img = im
	case vouch.TargetDirectory, vouch.TargetFile, vouch.TargetSBOM:
		if _, err := os.Stat(ref); err != nil {
			return nil, vouch.Input(fmt.Errorf("open %s: %w", ref, cause(err)), "")
		}
	}
	return t, nil
}

func (t *openTarget) close() {
	if t.img != nil {
		t.img.Close()
	}
}

// imageTarget names an opened image by its digest, for results that have
// no inventory to take it from.
func imageTarget(t *openTarget) vouch.Target {
	tg := vouch.Target{Kind: vouch.TargetImage, Name: t.ref, Digest: t.img.Digest, Platform: t.img.Platform}
	for _, l := range t.img.Layers {
		tg.Layers = append(tg.Layers, l.Digest.String())
	}
	return tg
}
