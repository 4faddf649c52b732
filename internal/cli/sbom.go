package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/sbom"
	"github.com/vouch-dev/vouch/internal/vouch"
)

var sbomFormats = []string{"cyclonedx-json", "spdx-json", "json"}

func (e *env) sbomCommand() *cobra.Command {
	var af *attestFlags
	cmd := &cobra.Command{
		Use:   "sbom [TARGET]",
		Short: "list every package inside a target as a CycloneDX or SPDX SBOM",
		Long: `sbom inventories TARGET (default ".") and writes an SBOM: CycloneDX 1.6 JSON
(default), SPDX 2.3 JSON, or vouch's own inventory JSON.

With SOURCE_DATE_EPOCH set, the output is byte-for-byte reproducible: the
timestamp comes from it and serial numbers are derived from the content.

` + targetHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target := "."
			if len(args) == 1 {
				target = args[0]
			}
			if err := checkFormat("sbom", e.cfg.Format, sbomFormats); err != nil {
				return err
			}
			t, err := e.open(target)
			if err != nil {
				return err
			}
			defer t.close()
			inv, invErr := e.inventoryOf(t)
			if inv == nil {
				return invErr
			}
			e.reportExcluded(t)
			opts, err := e.encodeOptions()
			if err != nil {
				return err
			}
			if err := e.writeResult(func(w *bufio.Writer) error {
				return writeSBOM(w, e.cfg.Format, inv, opts)
			}); err != nil {
				return err
			}
			if af.attest {
				// The evidence is always the CycloneDX BOM, whatever was printed.
				var buf bytes.Buffer
				bw := bufio.NewWriter(&buf)
				if err := writeSBOM(bw, "cyclonedx-json", inv, opts); err != nil {
					return err
				}
				bw.Flush()
				if err := e.attestResult(af, inv.Target, attest.CycloneDX, json.RawMessage(buf.Bytes())); err != nil {
					return err
				}
			}
			var pe *partialError
			if errors.As(invErr, &pe) {
				return vouch.Input(pe, "fix the files named above, or pass --skip-errors to accept a partial inventory")
			}
			return invErr
		},
	}
	e.addResultFlags(cmd, sbomFormats, "cyclonedx-json")
	e.addInventoryFlags(cmd)
	af = e.addAttestFlags(cmd)
	return cmd
}

func (e *env) addInventoryFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&e.cfg.SkipErrors, "skip-errors", false, "report files that cannot be parsed as warnings and exit 0")
	f.BoolVar(&e.cfg.NodeModules, "node-modules", false, "descend into node_modules (normally covered by the lockfile)")
	f.StringSliceVar(&e.cfg.ExcludePaths, "exclude-path", nil, "leave out paths matching this gitignore-style glob, relative to the directory or image root (repeatable)")
	f.StringVar(&e.cfg.Platform, "platform", e.cfg.Platform, "platform to pick from a multi-platform image (os/arch[/variant])")
	f.BoolVar(&e.cfg.RegistryInsecure, "insecure", false, "talk to the registry over plain HTTP")
	f.DurationVar(&e.cfg.RegistryTimeout, "timeout", e.cfg.RegistryTimeout, "give up on a registry after this long")
}

// encodeOptions fills the SBOM writer's options, honouring
// SOURCE_DATE_EPOCH for reproducible output.
func (e *env) encodeOptions() (sbom.EncodeOptions, error) {
	ver, _, _ := buildVersion()
	opts := sbom.EncodeOptions{ToolName: "vouch", ToolVersion: ver, Time: time.Now().UTC()}
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return opts, vouch.Input(fmt.Errorf("SOURCE_DATE_EPOCH %q: not a number of seconds", s), "")
		}
		opts.Time = time.Unix(sec, 0).UTC()
		opts.Deterministic = true
	}
	return opts, nil
}

func writeSBOM(w *bufio.Writer, format string, inv *vouch.Inventory, opts sbom.EncodeOptions) error {
	switch format {
	case "spdx-json":
		return sbom.EncodeSPDX(w, inv, opts)
	case "json":
		return sbom.EncodeInventory(w, inv)
	}
	return sbom.EncodeCycloneDX(w, inv, opts)
}
