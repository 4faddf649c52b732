package cli

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/policy"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// approvalPredicate is the predicate of https://vouch.dev/approval/v1.
type approvalPredicate struct {
	Environment string `json:"environment"`
	Approver    string `json:"approver"`
	Comment     string `json:"comment,omitempty"`
	ApprovedAt  string `json:"approvedAt"`
}

func (e *env) approveCommand() *cobra.Command {
	var (
		envName, approver, comment, key, out string
	)
	cmd := &cobra.Command{
		Use:   "approve ARTIFACT --env ENV --approver ID --key KEY [-o FILE]",
		Short: "sign an approval of an artifact for an environment",
		Long: `approve records that ID approves ARTIFACT (a file, an image, or sha256:HEX)
for ENV, as a https://vouch.dev/approval/v1 attestation signed with the
approver's own key. vouch gate counts it only when that key is bound to
ID (gate.approvers in vouch.yaml, or --approver ID=KEY), and, unless the
environment allows it, only when ID is not the author of the commit.

Exit codes: 0 signed, 2 bad input.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if envName == "" || approver == "" {
				return &usageError{cmd: "approve", err: errors.New("--env and --approver are required")}
			}
			src := &policy.Sources{}
			target, err := e.gateArtifact(args[0], src, nil)
			if err != nil {
				return err
			}
			if out == "" && target.Kind != vouch.TargetFile {
				return &usageError{cmd: "approve", err: errors.New("give --output FILE for the approval bundle")}
			}
			if out == "" {
				out = target.Name + ".approval.sigstore.json"
			}
			s, err := e.loadSigner(key)
			if err != nil {
				return err
			}
			p := approvalPredicate{Environment: envName, Approver: approver, Comment: comment, ApprovedAt: time.Now().UTC().Format(time.RFC3339)}
			raw, err := attest.SignStatement(e.ctx, s, subjectName(target), target.Digest, policy.ApprovalPredicate, p)
			if err != nil {
				return err
			}
			if err := e.writeFile(out, raw, 0o644); err != nil {
				return err
			}
			e.infof("%s approved %s for %s: %s", approver, target.Digest, envName, out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&envName, "env", "", "the environment approved for (required)")
	f.StringVar(&approver, "approver", "", "who approves: the identity bound to --key in the gate's configuration (required)")
	f.StringVar(&comment, "comment", "", "why, for the audit trail")
	f.StringVar(&key, "key", "", "the approver's private key (a file or env://VAR)")
	f.StringVarP(&out, "output", "o", "", "write the approval bundle here (default ARTIFACT.approval.sigstore.json for a file)")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr")
	e.addRegistryFlags(cmd)
	return cmd
}
