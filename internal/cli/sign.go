package cli

import (
	"encoding/base64"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

type signFlags struct {
	key       string
	bundle    string
	signature string
}

func (e *env) signCommand() *cobra.Command {
	var sf signFlags
	cmd := &cobra.Command{
		Use:   "sign --key KEY ARTIFACT",
		Short: "sign a file or an image, cosign-compatibly",
		Long: `sign signs ARTIFACT with --key.

A file gets a Sigstore bundle v0.3 (a message signature over its digest,
naming the key by its hint), written to --bundle (default
ARTIFACT.sigstore.json); --signature also writes the legacy base64
signature that 'cosign verify-blob --signature' reads.

An image is signed by digest and the signature stored where cosign looks:
the sha256-<digest>.sig tag, and an OCI 1.1 referrer where the registry
supports them. 'cosign verify --key' accepts it.

` + artifactHelp + `

` + keyRefHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := classifyArtifact(args[0])
			if err != nil {
				return err
			}
			s, err := e.loadSigner(sf.key)
			if err != nil {
				return err
			}
			if a.image != "" {
				return e.signImage(s, a.image, sf)
			}
			return e.signFile(s, a.path, sf)
		},
	}
	f := cmd.Flags()
	f.StringVar(&sf.key, "key", "", "private key (a file or env://VAR)")
	f.StringVar(&sf.bundle, "bundle", "", "write the Sigstore bundle here (default ARTIFACT.sigstore.json for a file; '-' for stdout)")
	f.StringVar(&sf.signature, "signature", "", "also write the legacy base64 signature here (files only)")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr")
	e.addRegistryFlags(cmd)
	return cmd
}

func (e *env) signFile(s signing.Signer, path string, sf signFlags) error {
	f, err := os.Open(path)
	if err != nil {
		return vouch.Input(fmt.Errorf("open %s: %w", path, cause(err)), "")
	}
	defer f.Close()
	b, err := signing.SignBlob(e.ctx, s, f)
	if err != nil {
		return err
	}
	raw, err := b.Marshal()
	if err != nil {
		return err
	}
	out := sf.bundle
	if out == "" {
		out = path + ".sigstore.json"
	}
	if err := e.writeFile(out, raw, 0o644); err != nil {
		return err
	}
	if sf.signature != "" {
		sig := base64.StdEncoding.EncodeToString(b.MessageSignature.Signature)
		if err := e.writeFile(sf.signature, []byte(sig), 0o644); err != nil {
			return err
		}
	}
	e.infof("signed %s (%s) with %s", path, digestText(b.MessageSignature.MessageDigest), signing.Fingerprint(s.PublicKey()))
	if out != "-" {
		e.infof("wrote %s", out)
	}
	return nil
}

// digestText writes a bundle's digest the way vouch writes digests
// ("sha256:…").
func digestText(d *signing.HashOutput) string {
	alg := map[string]string{"SHA2_256": "sha256", "SHA2_384": "sha384", "SHA2_512": "sha512"}[d.Algorithm]
	return fmt.Sprintf("%s:%x", alg, []byte(d.Digest))
}

func (e *env) signImage(s signing.Signer, ref string, sf signFlags) error {
	if sf.signature != "" {
		return &usageError{cmd: "sign", err: fmt.Errorf("--signature is for files; an image's signature is stored in its registry")}
	}
	reg := e.registry()
	im, err := reg.Resolve(e.ctx, ref)
	if err != nil {
		return err
	}
	res, err := attest.SignImage(e.ctx, reg, s, im)
	if err != nil {
		return err
	}
	where := res.Tag
	if res.Referrer {
		where += " and an OCI referrer"
	}
	e.infof("signed %s with %s (stored in %s)", im, signing.Fingerprint(s.PublicKey()), where)
	if sf.bundle != "" {
		raw, err := res.Bundle.Marshal()
		if err != nil {
			return err
		}
		if err := e.writeFile(sf.bundle, raw, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stdout, im.String())
	return nil
}
