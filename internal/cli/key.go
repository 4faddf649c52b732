package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func (e *env) keyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "key",
		Short: "make and inspect signing keys (cosign-compatible)",
		Long: `key makes signing key pairs that cosign reads, and reads cosign's.

` + keyRefHelp,
	}
	cmd.AddCommand(e.keyGenerateCommand(), e.keyPublicCommand())
	return cmd
}

func (e *env) keyGenerateCommand() *cobra.Command {
	var (
		prefix string
		alg    string
		force  bool
	)
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "write a new key pair: PREFIX.key (encrypted) and PREFIX.pub",
		Long: `generate writes a new key pair, vouch.key and vouch.pub by default: ECDSA
P-256 (or Ed25519 with --algorithm ed25519). The private key is encrypted
with a password (scrypt and NaCl secretbox, as cosign does) from
VOUCH_PASSWORD, or asked for twice on a terminal; the public key is PEM.
Existing files are never overwritten without --force.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			privPath, pubPath := prefix+".key", prefix+".pub"
			if !force {
				for _, p := range []string{privPath, pubPath} {
					if _, err := os.Lstat(p); err == nil {
						return vouch.Input(fmt.Errorf("%s already exists", p), "choose another --output-key-prefix, or pass --force to overwrite it")
					}
				}
			}
			pw, err := e.passwordFunc()(true)
			if err != nil {
				return err
			}
			defer clear(pw)
			priv, pub, err := signing.GenerateKey(signing.Algorithm(alg), pw)
			if err != nil {
				return vouch.Input(err, "")
			}
			if err := e.writeFile(privPath, priv, 0o600); err != nil {
				return err
			}
			if err := e.writeFile(pubPath, pub, 0o644); err != nil {
				return err
			}
			k, _ := signing.ParsePublicKey(pub)
			e.infof("private key written to %s (keep it secret)", privPath)
			e.infof("public key written to %s (%s)", pubPath, signing.Fingerprint(k))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&prefix, "output-key-prefix", "vouch", "write PREFIX.key and PREFIX.pub")
	f.StringVar(&alg, "algorithm", string(signing.ECDSAP256), "key algorithm: ecdsa-p256 or ed25519")
	f.BoolVar(&force, "force", false, "overwrite existing key files")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr")
	return cmd
}

func (e *env) keyPublicCommand() *cobra.Command {
	var key string
	cmd := &cobra.Command{
		Use:   "public",
		Short: "print the public key of a private key",
		Long: `public prints the PEM public key of --key (a private key, or a public key to
check that it reads) on stdout or to --output.

` + keyRefHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if key == "" {
				return &usageError{cmd: "key public", err: errors.New("--key is required")}
			}
			var pub any
			if v, err := signing.LoadVerifier(e.ctx, key, e.loadOptions()); err == nil {
				pub = v.PublicKey()
			} else {
				s, err := e.loadSigner(key)
				if err != nil {
					return err
				}
				pub = s.PublicKey()
			}
			pem, err := signing.MarshalPublicKey(pub)
			if err != nil {
				return err
			}
			if e.cfg.Output != "" && e.cfg.Output != "-" {
				return e.writeFile(e.cfg.Output, pem, 0o644)
			}
			_, err = e.stdout.Write(pem)
			return err
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "private key (a file or env://VAR)")
	cmd.Flags().StringVarP(&e.cfg.Output, "output", "o", "", "write the public key to FILE")
	return cmd
}
