package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

type attestCmdFlags struct {
	key         string
	predicate   string
	typ         string
	subject     string
	subjectName string
	bundle      string
}

func (e *env) attestCommand() *cobra.Command {
	var af attestCmdFlags
	cmd := &cobra.Command{
		Use:   "attest --key KEY --predicate FILE --type TYPE (--subject FILE|sha256:HEX | IMAGE)",
		Short: "sign a claim about an artifact as an in-toto attestation",
		Long: `attest signs an in-toto Statement v1 — PREDICATE, of type TYPE, about one
artifact named by its digest — as a DSSE envelope in a Sigstore bundle.

The artifact is --subject (a file, whose SHA-256 is taken, or sha256:HEX)
or an image in a registry (by digest; the attestation is stored where
cosign looks: the .att tag and an OCI referrer). The bundle is written to
--bundle (default SUBJECT.<type>.sigstore.json for a file).

TYPE is a URI or one of: ` + strings.Join(attest.ShortNames(), ", ") + `.
Predicates of vouch's own types must match their schemas.

` + keyRefHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if af.subject != "" {
					return &usageError{cmd: "attest", err: errors.New("give either --subject or an image, not both")}
				}
				af.subject = args[0]
			}
			return e.attest(af)
		},
	}
	f := cmd.Flags()
	f.StringVar(&af.key, "key", "", "private key (a file or env://VAR)")
	f.StringVar(&af.predicate, "predicate", "", "predicate file (a JSON object)")
	f.StringVar(&af.typ, "type", "", "predicate type: a URI or a short name (slsaprovenance1, cyclonedx, spdx, vouch-scan …)")
	f.StringVar(&af.subject, "subject", "", "the artifact: a file or sha256:HEX")
	f.StringVar(&af.subjectName, "subject-name", "", "the subject's name in the statement (default: the file's base name)")
	f.StringVar(&af.bundle, "bundle", "", "write the attestation bundle here ('-' for stdout)")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr")
	e.addRegistryFlags(cmd)
	return cmd
}

func (e *env) attest(af attestCmdFlags) error {
	if af.predicate == "" || af.typ == "" || af.subject == "" {
		return &usageError{cmd: "attest", err: errors.New("--predicate, --type and a subject (--subject or IMAGE) are required")}
	}
	pt, err := attest.ParsePredicateType(af.typ)
	if err != nil {
		return &usageError{cmd: "attest", err: err}
	}
	pred, err := readLimited(af.predicate, signing.MaxBundleSize/2)
	if err != nil {
		return vouch.Input(fmt.Errorf("predicate %s: %w", af.predicate, cause(err)), "")
	}
	if !json.Valid(pred) {
		return vouch.Input(fmt.Errorf("predicate %s: not JSON", af.predicate), "a predicate is a JSON object (SPDX and CycloneDX in their JSON forms)")
	}
	s, err := e.loadSigner(af.key)
	if err != nil {
		return err
	}
	var (
		digest vouch.Digest
		name   = af.subjectName
		image  string
		file   string
	)
	switch {
	case strings.HasPrefix(af.subject, "sha256:") || strings.HasPrefix(af.subject, "sha512:"):
		if _, statErr := os.Stat(af.subject); statErr != nil {
			digest, err = vouch.ParseDigest(af.subject)
			if err != nil {
				return vouch.Input(err, "")
			}
			break
		}
		fallthrough
	default:
		a, err := classifyArtifact(af.subject)
		if err != nil {
			return err
		}
		if a.image != "" {
			image = a.image
			break
		}
		file = a.path
		f, err := os.Open(file)
		if err != nil {
			return vouch.Input(fmt.Errorf("open %s: %w", file, cause(err)), "")
		}
		digest, err = vouch.SHA256(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("read %s: %w", file, err)
		}
		if name == "" {
			name = filepath.Base(file)
		}
	}
	if image != "" {
		reg := e.registry()
		im, err := reg.Resolve(e.ctx, image)
		if err != nil {
			return err
		}
		if name == "" {
			name = im.Repository
		}
		st, err := attest.NewStatement(name, im.Digest, pt, json.RawMessage(pred))
		if err != nil {
			return vouch.Input(fmt.Errorf("predicate %s: %w", af.predicate, err), "")
		}
		res, err := attest.AttestImage(e.ctx, reg, s, im, st)
		if err != nil {
			return predicateError(af.predicate, err)
		}
		where := res.Tag
		if res.Referrer {
			where += " and an OCI referrer"
		}
		e.infof("attested %s (%s), stored in %s", im, pt, where)
		if af.bundle != "" {
			raw, err := res.Bundle.Marshal()
			if err != nil {
				return err
			}
			return e.writeFile(af.bundle, raw, 0o644)
		}
		return nil
	}
	out := af.bundle
	if out == "" {
		if file == "" {
			return vouch.Input(errors.New("nowhere to write the attestation"), "give --bundle FILE")
		}
		out = file + "." + shortType(pt) + ".sigstore.json"
	}
	raw, err := attest.SignStatement(e.ctx, s, name, digest, pt, json.RawMessage(pred))
	if err != nil {
		return predicateError(af.predicate, err)
	}
	if err := e.writeFile(out, raw, 0o644); err != nil {
		return err
	}
	e.infof("attested %s (%s) as %s", digest, pt, out)
	return nil
}

func predicateError(file string, err error) error {
	if strings.Contains(err.Error(), "predicate") {
		return vouch.Input(fmt.Errorf("predicate %s: %w", file, err), "")
	}
	return err
}

type verifyAttFlags struct {
	keys    []string
	bundles []string
	typ     string
}

func (e *env) verifyAttestationCommand() *cobra.Command {
	var vf verifyAttFlags
	cmd := &cobra.Command{
		Use:   "verify-attestation ARTIFACT --key KEY [--bundle B]... [--type TYPE]",
		Short: "verify attestations about a file, a digest or an image",
		Long: `verify-attestation checks attestations about ARTIFACT (a file, sha256:HEX, or
an image in a registry): that a trusted key signed each, that its subject
is the artifact's digest, and with --type that its predicate type is TYPE.
In-toto Statement v1 and v0.1 (which cosign writes) are accepted.

For a file or digest the attestations are --bundle files; for an image,
those stored with it in its registry (and any --bundle files). Each
verified statement is printed as one line of JSON on stdout.

Exit codes: 0 at least one attestation verified, 1 none did, 2 bad input.

` + keyRefHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.verifyAttestation(args[0], vf)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&vf.keys, "key", nil, "trusted public key (a file or env://VAR; repeatable)")
	f.StringArrayVar(&vf.bundles, "bundle", nil, "attestation bundle (repeatable)")
	f.StringVar(&vf.typ, "type", "", "required predicate type: a URI or a short name")
	f.StringVarP(&e.cfg.Output, "output", "o", "", "write the verified statements to FILE (atomically)")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr")
	e.addRegistryFlags(cmd)
	return cmd
}

func (e *env) verifyAttestation(arg string, vf verifyAttFlags) error {
	if len(vf.keys) == 0 {
		return vouch.Input(errors.New("no trusted key"), "give --key with a public key")
	}
	keys, err := e.loadVerifiers(vf.keys)
	if err != nil {
		return err
	}
	pt := ""
	if vf.typ != "" {
		if pt, err = attest.ParsePredicateType(vf.typ); err != nil {
			return &usageError{cmd: "verify-attestation", err: err}
		}
	}
	ev := &attest.Evidence{}
	if d, derr := vouch.ParseDigest(arg); derr == nil {
		ev.Subject = d
	} else {
		a, err := classifyArtifact(arg)
		if err != nil {
			return err
		}
		if a.image != "" {
			reg := e.registry()
			im, err := reg.Resolve(e.ctx, a.image)
			if err != nil {
				return err
			}
			if ev, err = attest.FetchImageEvidence(e.ctx, reg, im, keys); err != nil {
				return err
			}
		} else {
			f, err := os.Open(a.path)
			if err != nil {
				return vouch.Input(fmt.Errorf("open %s: %w", a.path, cause(err)), "")
			}
			ev.Subject, err = vouch.SHA256(f)
			f.Close()
			if err != nil {
				return err
			}
		}
	}
	if len(vf.bundles) == 0 && len(ev.Attestations)+len(ev.Rejected) == 0 {
		return vouch.Input(fmt.Errorf("no attestations about %s", arg), "give --bundle FILE")
	}
	if err := e.addAttestationFiles(ev, vf.bundles, keys, map[string]bool{}); err != nil {
		return err
	}
	var ok []*attest.Verified
	for _, v := range ev.Attestations {
		if pt != "" && v.Statement.PredicateType != pt {
			continue
		}
		ok = append(ok, v)
	}
	if err := e.writeResult(func(w *bufio.Writer) error {
		for _, v := range ok {
			b, err := v.Statement.Marshal()
			if err != nil {
				return err
			}
			w.Write(b)
			w.WriteByte('\n')
		}
		return nil
	}); err != nil {
		return err
	}
	for _, v := range ok {
		e.infof("verified %s attestation about %s, signed by %s (%s)", v.Statement.PredicateType, ev.Subject, describeKey(v.Key), v.Source)
	}
	if len(ok) == 0 {
		if !e.cfg.Quiet {
			want := "attestation"
			if pt != "" {
				want = pt + " attestation"
			}
			fmt.Fprintf(e.stderr, "vouch: verification failed: no %s about %s verified\n", want, ev.Subject)
			for _, r := range ev.Rejected {
				fmt.Fprintf(e.stderr, "vouch:   %s: %v\n", r.Source, r.Err)
			}
			for _, v := range ev.Attestations {
				if pt != "" && v.Statement.PredicateType != pt {
					fmt.Fprintf(e.stderr, "vouch:   %s: predicate type %s, want %s\n", v.Source, v.Statement.PredicateType, pt)
				}
			}
		}
		return vouch.ErrFailed
	}
	return nil
}
