package cli

import (
	"bufio"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/policy"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// signingCommands returns the commands that sign, attest and verify
// evidence: key, sign, verify, attest, verify-attestation, build,
// manifest and drift.
func (e *env) signingCommands() []*cobra.Command {
	return []*cobra.Command{
		e.keyCommand(),
		e.signCommand(),
		e.verifyCommand(),
		e.attestCommand(),
		e.verifyAttestationCommand(),
		e.buildCommand(),
		e.manifestCommand(),
		e.driftCommand(),
	}
}

// keyRefHelp explains what --key accepts.
const keyRefHelp = `A key is named by a reference: a file (vouch.key, cosign.pub), or
env://VAR for PEM text in an environment variable (how CI systems hand out
secrets). Private keys are read in cosign's format ("ENCRYPTED SIGSTORE
PRIVATE KEY", and the older "ENCRYPTED COSIGN PRIVATE KEY") or unencrypted
PKCS #8; the password comes from VOUCH_PASSWORD (or COSIGN_PASSWORD), or is
asked for on a terminal.`

// passwordFunc returns the password of an encrypted private key: from
// VOUCH_PASSWORD or COSIGN_PASSWORD (set, even to the empty string), else
// asked for on the terminal.
func (e *env) passwordFunc() signing.PasswordFunc {
	return func(confirm bool) ([]byte, error) {
		for _, name := range []string{"VOUCH_PASSWORD", "COSIGN_PASSWORD"} {
			if v := e.getenv(name); v != "" {
				return []byte(v), nil
			}
			if _, set := os.LookupEnv(name); set {
				return []byte{}, nil
			}
		}
		in, ok := e.stdin.(*os.File)
		if !ok || !term.IsTerminal(int(in.Fd())) {
			return nil, vouch.Input(errors.New("the private key needs a password"), "set VOUCH_PASSWORD, or run on a terminal to be asked for it")
		}
		fmt.Fprint(e.stderr, "Enter password for private key: ")
		pw, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return nil, fmt.Errorf("read password: %w", err)
		}
		if !confirm {
			return pw, nil
		}
		fmt.Fprint(e.stderr, "Enter password for private key again: ")
		again, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return nil, fmt.Errorf("read password: %w", err)
		}
		defer clear(again)
		if subtle.ConstantTimeCompare(pw, again) != 1 {
			clear(pw)
			return nil, vouch.Input(errors.New("the passwords do not match"), "")
		}
		return pw, nil
	}
}

func (e *env) loadOptions() signing.LoadOptions {
	return signing.LoadOptions{Password: e.passwordFunc(), Getenv: e.getenv}
}

// loadSigner opens the private key ref names, as an input error with a
// hint when it cannot.
func (e *env) loadSigner(ref string) (signing.Signer, error) {
	if ref == "" {
		return nil, vouch.Input(errors.New("no signing key"), "give --key with a private key (make one with 'vouch key generate')")
	}
	s, err := signing.LoadSigner(e.ctx, ref, e.loadOptions())
	if err != nil {
		return nil, keyError(err)
	}
	return s, nil
}

// loadVerifiers opens the public keys refs name.
func (e *env) loadVerifiers(refs []string) ([]signing.Verifier, error) {
	var out []signing.Verifier
	for _, ref := range refs {
		v, err := signing.LoadVerifier(e.ctx, ref, e.loadOptions())
		if err != nil {
			return nil, keyError(err)
		}
		out = append(out, v)
	}
	return out, nil
}

func keyError(err error) error {
	var ie *vouch.InputError
	if errors.As(err, &ie) {
		return err
	}
	switch {
	case errors.Is(err, signing.ErrWrongPassword):
		return vouch.Input(err, "check VOUCH_PASSWORD")
	case errors.Is(err, signing.ErrKeyRef):
		return vouch.Input(err, "give a key file, or env://VAR naming a variable that holds the PEM text")
	}
	return vouch.Input(err, "")
}

// registry reaches registries the way every vouch command does.
func (e *env) registry() *signing.Registry {
	return signing.NewRegistry(signing.RegistryOptions{
		Username: e.cfg.RegistryUsername,
		Password: e.cfg.RegistryPassword,
		Insecure: e.cfg.RegistryInsecure,
		Timeout:  e.cfg.RegistryTimeout,
	})
}

func (e *env) addRegistryFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&e.cfg.RegistryInsecure, "insecure", false, "talk to the registry over plain HTTP")
	f.DurationVar(&e.cfg.RegistryTimeout, "timeout", e.cfg.RegistryTimeout, "give up on a registry after this long")
}

// artifact is what a signing command's argument names.
type artifact struct {
	path  string // a file
	image string // an image reference
	given string
}

// artifactHelp explains how ARTIFACT is read.
const artifactHelp = `ARTIFACT is a file, or an image in a registry ("registry.example/app:1.4",
"…@sha256:…"); a tag is resolved to a digest once and everything is
signed and verified by digest. Force a reading with file:PATH or
image:REF.`

// classifyArtifact decides whether arg is a file or an image reference.
func classifyArtifact(arg string) (artifact, error) {
	a := artifact{given: arg}
	switch {
	case strings.HasPrefix(arg, "file:"):
		a.path = strings.TrimPrefix(arg, "file:")
	case strings.HasPrefix(arg, "image:"), strings.HasPrefix(arg, "registry:"):
		_, a.image, _ = strings.Cut(arg, ":")
	default:
		fi, err := os.Stat(arg)
		switch {
		case err == nil && fi.IsDir():
			return a, vouch.Input(fmt.Errorf("%s is a directory", arg), "sign a file or an image; for a directory's desired state use 'vouch manifest'")
		case err == nil:
			a.path = arg
		case looksLikeImageRef(arg):
			a.image = arg
		default:
			return a, vouch.Input(fmt.Errorf("%s: no such file", arg), "give a file, or an image reference such as registry.example/app:1.0")
		}
	}
	if a.path != "" {
		fi, err := os.Stat(a.path)
		if err != nil {
			return a, vouch.Input(fmt.Errorf("%s: %w", a.path, cause(err)), "")
		}
		if !fi.Mode().IsRegular() {
			return a, vouch.Input(fmt.Errorf("%s is not a regular file", a.path), "")
		}
	}
	return a, nil
}

// readBundleFile reads a Sigstore bundle from a file.
func readBundleFile(path string) (*signing.Bundle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("bundle %s: %w", path, cause(err)), "")
	}
	defer f.Close()
	b, err := signing.ReadBundle(f)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("bundle %s: %w", path, err), "give a Sigstore bundle (.sigstore.json) as vouch or cosign write it")
	}
	return b, nil
}

// writeFile writes data to path atomically ("-" is stdout).
func (e *env) writeFile(path string, data []byte, mode os.FileMode) error {
	if path == "-" {
		_, err := e.stdout.Write(append(data, '\n'))
		return err
	}
	if err := writeFileAtomic(path, func(w *bufio.Writer) error {
		_, err := w.Write(data)
		return err
	}); err != nil {
		return err
	}
	if mode != 0o644 {
		return os.Chmod(path, mode)
	}
	return nil
}

// infof says what a command did, on stderr, unless --quiet.
func (e *env) infof(format string, args ...any) {
	if e.cfg.Quiet {
		return
	}
	fmt.Fprintf(e.stderr, "vouch: "+format+"\n", args...)
}

// describeKey names a verifying key for people.
func describeKey(v signing.Verifier) string {
	return signing.Fingerprint(v.PublicKey())
}

// readLimited reads a file of at most max bytes.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	return b, nil
}

// AttestFlags are the flags a result command (scan, sbom) adds to sign its
// result as evidence: --attest, --key, --attestation-bundle.
type attestFlags struct {
	attest bool
	key    string
	bundle string
}

// addAttestFlags adds --attest, --key and --attestation-bundle to cmd and
// returns where their values land; pass it to attestResult.
func (e *env) addAttestFlags(cmd *cobra.Command) *attestFlags {
	af := &attestFlags{}
	f := cmd.Flags()
	f.BoolVar(&af.attest, "attest", false, "also sign the result as an in-toto attestation about the target's digest (needs --key)")
	f.StringVar(&af.key, "key", "", "private key that signs the attestation (a file or env://VAR)")
	f.StringVar(&af.bundle, "attestation-bundle", "", "write the attestation bundle here (default: next to a file target, TARGET.<type>.sigstore.json; for an image, pushed to its registry)")
	return af
}

// attestResult signs predicate as evidence about target when --attest was
// given: the bundle is written to --attestation-bundle (or next to a file
// target) and, for an image in a registry, attached to it where cosign
// looks. It does nothing without --attest.
func (e *env) attestResult(af *attestFlags, target vouch.Target, predicateType string, predicate any) error {
	if af == nil || !af.attest {
		return nil
	}
	if target.Digest.IsZero() {
		return vouch.Input(fmt.Errorf("target %s has no digest to attest to", target.Name), "attest a file or an image; a directory has no digest")
	}
	s, err := e.loadSigner(af.key)
	if err != nil {
		return err
	}
	st, err := attest.NewStatement(subjectName(target), target.Digest, predicateType, predicate)
	if err != nil {
		return err
	}
	b, err := attest.Sign(e.ctx, s, st)
	if err != nil {
		return err
	}
	raw, err := b.Marshal()
	if err != nil {
		return err
	}
	out := af.bundle
	if target.Kind == vouch.TargetImage && isRegistryImage(target.Name) {
		reg := e.registry()
		im, err := reg.Resolve(e.ctx, target.Name)
		if err != nil {
			return err
		}
		if im.Digest != target.Digest {
			return vouch.Input(fmt.Errorf("image %s now has digest %s, not the %s that was scanned", target.Name, im.Digest, target.Digest), "scan and attest by digest (name@sha256:…)")
		}
		if _, err := attest.AttestImage(e.ctx, reg, s, im, st); err != nil {
			return err
		}
		e.infof("attested %s (%s) in its registry", im, predicateType)
	} else if out == "" && target.Kind == vouch.TargetFile {
		out = target.Name + "." + shortType(predicateType) + ".sigstore.json"
	}
	if out == "" {
		if target.Kind == vouch.TargetImage && isRegistryImage(target.Name) {
			return nil
		}
		return vouch.Input(errors.New("nowhere to write the attestation"), "give --attestation-bundle FILE")
	}
	if err := e.writeFile(out, raw, 0o644); err != nil {
		return err
	}
	e.infof("wrote attestation %s (%s about %s)", out, predicateType, target.Digest)
	return nil
}

// subjectName names an artifact in a statement: an image's repository (as
// cosign does), a file's base name.
func subjectName(t vouch.Target) string {
	if t.Kind == vouch.TargetImage {
		name := t.Name
		for _, p := range []string{"registry:", "image:"} {
			name = strings.TrimPrefix(name, p)
		}
		if i := strings.LastIndex(name, "@"); i > 0 {
			name = name[:i]
		}
		if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
			name = name[:i]
		}
		return name
	}
	return filepath.Base(t.Name)
}

// isRegistryImage reports whether an image target's name is a registry
// reference, not a path to an archive or layout.
func isRegistryImage(name string) bool {
	if strings.HasPrefix(name, "registry:") || strings.HasPrefix(name, "image:") {
		return true
	}
	if _, err := os.Stat(name); err == nil {
		return false
	}
	return looksLikeImageRef(name)
}

// shortType is a file-name-friendly word for a predicate type.
func shortType(pt string) string {
	switch pt {
	case attest.VouchScan:
		return "scan"
	case attest.CycloneDX:
		return "cdx"
	case attest.SPDX:
		return "spdx"
	case attest.SLSAProvenanceV1, attest.SLSAProvenanceV02:
		return "provenance"
	case attest.VouchDesiredState:
		return "desired-state"
	case policy.DecisionPredicate:
		return "decision"
	}
	return "att"
}
