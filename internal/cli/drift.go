package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/drift"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func (e *env) manifestCommand() *cobra.Command {
	var (
		key     string
		exclude []string
	)
	cmd := &cobra.Command{
		Use:   "manifest DIR --key KEY",
		Short: "sign the desired state of a directory tree",
		Long: `manifest records every entry under DIR — path, type, permission bits, and
for files the size and SHA-256, for symbolic links the link text (links
are never followed) — and signs it as an in-toto statement of predicate
type https://vouch.dev/desired-state/v1 about the tree's digest. The
bundle goes to stdout or --output; 'vouch drift' checks a tree against it.

--exclude takes path.Match patterns, matched against each slash-separated
path and base name (for example '*.swp', 'cache'); they are recorded in
the manifest and applied by drift too.

` + keyRefHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := e.loadSigner(key)
			if err != nil {
				return err
			}
			m, err := drift.Make(e.ctx, args[0], exclude, time.Now())
			if err != nil {
				return vouch.Input(err, "")
			}
			b, err := drift.Sign(e.ctx, s, m)
			if err != nil {
				return err
			}
			raw, err := b.Marshal()
			if err != nil {
				return err
			}
			if err := e.writeResult(func(w *bufio.Writer) error {
				w.Write(raw)
				return w.WriteByte('\n')
			}); err != nil {
				return err
			}
			e.infof("recorded %d entries of %s (tree %s)", len(m.Files), args[0], drift.TreeDigest(m.Files))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&key, "key", "", "private key (a file or env://VAR)")
	f.StringArrayVar(&exclude, "exclude", nil, "leave out entries matching this pattern (repeatable)")
	f.StringVarP(&e.cfg.Output, "output", "o", "", "write the signed manifest to FILE (atomically) instead of stdout")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr")
	return cmd
}

func (e *env) driftCommand() *cobra.Command {
	var (
		keys     []string
		manifest string
		format   string
	)
	cmd := &cobra.Command{
		Use:   "drift DIR --manifest M --key PUB",
		Short: "report how a directory tree has drifted from its signed desired state",
		Long: `drift verifies the signed manifest M (from 'vouch manifest') with --key, then
reads DIR and lists every entry added, removed, changed (content, type or
link text) and every mode change. Links are compared as links, never
followed; files that cannot be read count as drift.

Exit codes: 0 no drift, 1 drift (or a manifest that does not verify), 2
bad input.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return &usageError{cmd: "drift", err: fmt.Errorf("unknown format %q (want text or json)", format)}
			}
			if manifest == "" {
				return &usageError{cmd: "drift", err: fmt.Errorf("--manifest is required")}
			}
			if len(keys) == 0 {
				return vouch.Input(fmt.Errorf("no trusted key"), "give --key with the public key that signed the manifest")
			}
			vs, err := e.loadVerifiers(keys)
			if err != nil {
				return err
			}
			f, err := os.Open(manifest)
			if err != nil {
				return vouch.Input(fmt.Errorf("manifest %s: %w", manifest, cause(err)), "")
			}
			m, _, err := drift.Open(f, vs)
			f.Close()
			if err != nil {
				fmt.Fprintf(e.stderr, "vouch: manifest %s does not verify: %v\n", manifest, err)
				return vouch.ErrFailed
			}
			r, err := drift.Compare(e.ctx, args[0], m)
			if err != nil {
				return vouch.Input(err, "")
			}
			if err := e.writeResult(func(w *bufio.Writer) error {
				if format == "json" {
					enc := json.NewEncoder(w)
					enc.SetIndent("", "  ")
					return enc.Encode(r)
				}
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				for _, c := range r.Changes {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Kind, c.Path, c.Detail)
				}
				return tw.Flush()
			}); err != nil {
				return err
			}
			if r.Drifted() {
				if !e.cfg.Quiet {
					fmt.Fprintf(e.stderr, "vouch: %s has drifted: %d change(s) from the manifest of %s\n", args[0], len(r.Changes), m.CreatedAt.Format(time.RFC3339))
				}
				return vouch.ErrFailed
			}
			e.infof("%s matches its manifest (%d entries)", args[0], r.Checked)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&keys, "key", nil, "trusted public key (a file or env://VAR; repeatable)")
	f.StringVar(&manifest, "manifest", "", "signed manifest from 'vouch manifest'")
	f.StringVarP(&format, "format", "f", "text", "output format: text or json")
	f.StringVarP(&e.cfg.Output, "output", "o", "", "write the report to FILE (atomically) instead of stdout")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr")
	return cmd
}
