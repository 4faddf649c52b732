package cli

import "github.com/spf13/cobra"

// signingCommands returns the commands that sign, attest and verify
// evidence: key, sign, verify, attest, verify-attestation, build,
// manifest and drift.
func (e *env) signingCommands() []*cobra.Command {
	return nil
}
