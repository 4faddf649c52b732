package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/provenance"
	"github.com/vouch-dev/vouch/internal/vouch"
)

type buildFlags struct {
	key        string
	products   []string
	bundle     string
	allowDirty bool
	builderID  string
	env        []string
	dir        string
}

func (e *env) buildCommand() *cobra.Command {
	var bf buildFlags
	cmd := &cobra.Command{
		Use:   "build --key KEY --product GLOB... -- COMMAND [ARG...]",
		Short: "run a build and sign SLSA provenance for what it made",
		Long: `build runs COMMAND in a git work tree and records SLSA provenance v1 for
the files it made (--product, glob patterns, repeatable), signed with --key:
the builder id, the build type (https://vouch.dev/build/v1), the command,
the source (remote without credentials, ref, commit, whether the tree was
clean), the source commit and the digest of every tracked lockfile as
resolved dependencies, the start and finish times, and each product's
SHA-256 as a subject. The bundle is written to --bundle, by default
provenance.sigstore.json in the directory of the first --product (so that
it lands in the build output, not the work tree); it is never a product.

The environment is never recorded except an allow list (build settings
such as GOOS and CGO_ENABLED, and the CI system's run identifiers; add
names with --env). A work tree with uncommitted changes or untracked files
is refused unless --allow-dirty, and is recorded as dirty either way.

The builder id is --builder-id, else derived from the CI system (GitHub
Actions, GitLab CI), else https://vouch.dev/build/local. 'cosign
verify-blob-attestation --type slsaprovenance1' accepts the bundle for
each product.

` + keyRefHelp,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.ArgsLenAtDash() != 0 {
				return &usageError{cmd: "build", err: errors.New("put the build command after --, as in: vouch build --key K --product 'dist/*' -- make release")}
			}
			return e.build(bf, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&bf.key, "key", "", "private key (a file or env://VAR)")
	f.StringArrayVar(&bf.products, "product", nil, "glob of files the build makes, relative to --dir (repeatable)")
	f.StringVar(&bf.bundle, "bundle", "", "write the signed provenance here ('-' for stdout; default provenance.sigstore.json beside the first product)")
	f.BoolVar(&bf.allowDirty, "allow-dirty", false, "build a work tree with uncommitted changes (recorded as dirty)")
	f.StringVar(&bf.builderID, "builder-id", "", "builder id to record (default: from the CI system)")
	f.StringArrayVar(&bf.env, "env", nil, "also record this environment variable (repeatable)")
	f.StringVar(&bf.dir, "dir", ".", "run the command here")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr but the build's own output")
	return cmd
}

func (e *env) build(bf buildFlags, command []string) error {
	if len(bf.products) == 0 {
		return &usageError{cmd: "build", err: errors.New("name what the build makes with --product (for example --product 'dist/*')")}
	}
	// Open the key first: a build that cannot be signed should not run.
	s, err := e.loadSigner(bf.key)
	if err != nil {
		return err
	}
	if bf.bundle == "" {
		bf.bundle = filepath.Join(bf.dir, filepath.Dir(bf.products[0]), "provenance.sigstore.json")
	}
	ver, _, _ := buildVersion()
	res, err := provenance.Run(e.ctx, provenance.Options{
		Dir:        bf.dir,
		Command:    command,
		Products:   bf.products,
		Skip:       []string{bf.bundle},
		AllowDirty: bf.allowDirty,
		BuilderID:  bf.builderID,
		EnvAllow:   bf.env,
		Getenv:     e.getenv,
		Stdin:      e.stdin,
		Stdout:     e.stdout,
		Stderr:     e.stderr,
		Version:    ver,
		Now:        time.Now,
	})
	switch {
	case errors.Is(err, provenance.ErrDirty):
		return vouch.Input(err, "commit or stash the changes, or pass --allow-dirty (the provenance will say the tree was dirty)")
	case errors.Is(err, provenance.ErrNotGit):
		return vouch.Input(err, "run vouch build inside a git checkout: provenance records the source commit")
	case errors.Is(err, provenance.ErrCommandFailed):
		fmt.Fprintf(e.stderr, "vouch: %v; no provenance written\n", err)
		return vouch.ErrFailed
	case err != nil:
		return vouch.Input(err, "")
	}
	if res.Source.Dirty {
		e.warnf("the work tree is dirty (%s); the provenance records it", strings.Join(firstN(res.Source.Changes, 3), ", "))
	}
	subjects := make([]attest.Subject, len(res.Products))
	for i, p := range res.Products {
		subjects[i] = attest.Subject{Name: p.Name, Digest: map[string]string{p.Digest.Algorithm: p.Digest.Hex}}
	}
	var pbuf bytes.Buffer
	enc := json.NewEncoder(&pbuf)
	enc.SetEscapeHTML(false) // commands are full of & and >
	if err := enc.Encode(res.Provenance); err != nil {
		return err
	}
	pred := bytes.TrimSpace(pbuf.Bytes())
	st := &attest.Statement{Type: attest.StatementV1, Subject: subjects, PredicateType: provenance.PredicateType, Predicate: pred}
	b, err := attest.Sign(e.ctx, s, st)
	if err != nil {
		return err
	}
	raw, err := b.Marshal()
	if err != nil {
		return err
	}
	if err := e.writeFile(bf.bundle, raw, 0o644); err != nil {
		return err
	}
	for _, p := range res.Products {
		e.infof("built %s (%s)", p.Name, p.Digest)
	}
	if bf.bundle != "-" {
		e.infof("wrote signed provenance %s (builder %s, %s@%s)", bf.bundle, res.Provenance.RunDetails.Builder.ID, orDash(res.Source.Ref), shortCommit(res.Source.Commit))
	}
	return nil
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], "…")
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
