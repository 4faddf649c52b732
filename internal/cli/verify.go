package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/attest/verifypolicy"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

type verifyFlags struct {
	keys         []string
	bundle       string
	signature    string
	attestations []string
	policy       string
	format       string
}

func (e *env) verifyCommand() *cobra.Command {
	var vf verifyFlags
	cmd := &cobra.Command{
		Use:   "verify ARTIFACT --key KEY [--bundle B | --signature S] [--policy verify.yaml]",
		Short: "verify the signature on a file or an image, and optionally a policy",
		Long: `verify checks that a trusted key signed ARTIFACT.

For a file, the signature is a Sigstore bundle (--bundle, default
ARTIFACT.sigstore.json) or a legacy base64 signature (--signature), from
vouch or cosign. For an image, vouch reads everything stored with it in
its registry (the .sig and .att tags and OCI referrers, from vouch or
cosign).

With --policy, the artifact must meet every requirement of the policy file
(trusted keys, required attestations, provenance, evidence age, scan
severity; see docs/SIGNING.md). Attestations come from the registry for an
image and from --attestation files for either. Each requirement is
printed with why it held or failed.

Exit codes: 0 verified, 1 verification or policy failed, 2 bad input.

` + artifactHelp + `

` + keyRefHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.verify(args[0], vf)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&vf.keys, "key", nil, "trusted public key (a file or env://VAR; repeatable)")
	f.StringVar(&vf.bundle, "bundle", "", "Sigstore bundle holding the signature (files; default ARTIFACT.sigstore.json)")
	f.StringVar(&vf.signature, "signature", "", "legacy base64 signature file (files)")
	f.StringArrayVar(&vf.attestations, "attestation", nil, "attestation bundle about the artifact (repeatable)")
	f.StringVar(&vf.policy, "policy", "", "verification policy file (verify.yaml)")
	f.StringVarP(&vf.format, "format", "f", "text", "output format: text or json")
	f.StringVarP(&e.cfg.Output, "output", "o", "", "write the result to FILE (atomically) instead of stdout")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr")
	e.addRegistryFlags(cmd)
	return cmd
}

// verifyReport is verify's JSON output.
type verifyReport struct {
	Artifact     string               `json:"artifact"`
	Digest       vouch.Digest         `json:"digest"`
	Verified     bool                 `json:"verified"`
	Signatures   []evidenceRef        `json:"signatures"`
	Attestations []evidenceRef        `json:"attestations"`
	Rejected     []rejectedRef        `json:"rejected"`
	Policy       *verifypolicy.Result `json:"policy,omitempty"`
	policyFile   string
	explicit     map[string]bool
}

type evidenceRef struct {
	Source        string `json:"source"`
	Key           string `json:"key"`
	PredicateType string `json:"predicateType,omitempty"`
}

type rejectedRef struct {
	Source string `json:"source"`
	Reason string `json:"reason"`
}

func (e *env) verify(arg string, vf verifyFlags) error {
	if vf.format != "text" && vf.format != "json" {
		return &usageError{cmd: "verify", err: fmt.Errorf("unknown format %q (want text or json)", vf.format)}
	}
	var pol *verifypolicy.Policy
	if vf.policy != "" {
		p, err := verifypolicy.Load(vf.policy)
		if err != nil {
			return vouch.Input(err, "see docs/SIGNING.md for the policy format")
		}
		pol = p
	}
	refs := append([]string{}, vf.keys...)
	if pol != nil {
		refs = append(refs, pol.Keys...)
	}
	if len(refs) == 0 {
		return vouch.Input(errors.New("no trusted key"), "give --key with a public key, or keys: in the policy")
	}
	keys, err := e.loadVerifiers(refs)
	if err != nil {
		return err
	}
	a, err := classifyArtifact(arg)
	if err != nil {
		return err
	}
	explicit := map[string]bool{}
	var ev *attest.Evidence
	if a.image != "" {
		if vf.signature != "" || vf.bundle != "" {
			return &usageError{cmd: "verify", err: errors.New("--bundle and --signature are for files; an image's signatures are read from its registry")}
		}
		reg := e.registry()
		im, err := reg.Resolve(e.ctx, a.image)
		if err != nil {
			return err
		}
		ev, err = attest.FetchImageEvidence(e.ctx, reg, im, keys)
		if err != nil {
			return err
		}
		a.given = im.String()
		if err := e.addAttestationFiles(ev, vf.attestations, keys, explicit); err != nil {
			return err
		}
	} else {
		items, err := e.fileItems(a.path, vf, pol != nil, explicit)
		if err != nil {
			return err
		}
		ev, err = attest.VerifyFile(e.ctx, a.path, items, keys)
		if err != nil {
			return vouch.Input(fmt.Errorf("verify %s: %w", a.path, err), "")
		}
	}
	rep := &verifyReport{Artifact: a.given, Digest: ev.Subject, Signatures: []evidenceRef{}, Attestations: []evidenceRef{}, Rejected: []rejectedRef{}, explicit: explicit}
	for _, s := range ev.Signatures {
		rep.Signatures = append(rep.Signatures, evidenceRef{Source: s.Source, Key: describeKey(s.Key)})
	}
	for _, v := range ev.Attestations {
		rep.Attestations = append(rep.Attestations, evidenceRef{Source: v.Source, Key: describeKey(v.Key), PredicateType: v.Statement.PredicateType})
	}
	explicitFailed := false
	for _, r := range ev.Rejected {
		rep.Rejected = append(rep.Rejected, rejectedRef{Source: r.Source, Reason: r.Err.Error()})
		if explicit[r.Source] {
			explicitFailed = true
		}
	}
	if pol != nil {
		rep.Policy = verifypolicy.Evaluate(pol, ev, time.Now())
		rep.policyFile = vf.policy
		rep.Verified = rep.Policy.Passed
	} else {
		rep.Verified = len(ev.Signatures) > 0 && !explicitFailed
	}
	if err := e.writeResult(func(w *bufio.Writer) error {
		if vf.format == "json" {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(rep)
		}
		return writeVerifyText(w, rep)
	}); err != nil {
		return err
	}
	if !rep.Verified {
		if !e.cfg.Quiet {
			fmt.Fprintf(e.stderr, "vouch: verification failed: %s\n", failureSummary(rep))
		}
		return vouch.ErrFailed
	}
	return nil
}

// fileItems gathers the evidence files given for a file artifact.
func (e *env) fileItems(path string, vf verifyFlags, havePolicy bool, explicit map[string]bool) ([]attest.Item, error) {
	var items []attest.Item
	bundle := vf.bundle
	if bundle == "" && vf.signature == "" {
		def := path + ".sigstore.json"
		if _, err := os.Stat(def); err == nil {
			bundle = def
		} else if !havePolicy && len(vf.attestations) == 0 {
			return nil, vouch.Input(fmt.Errorf("no signature for %s: %s does not exist", path, def), "give --bundle FILE or --signature FILE")
		}
	}
	if bundle != "" {
		b, err := readBundleFile(bundle)
		if err != nil {
			return nil, err
		}
		items = append(items, attest.Item{Source: bundle, Bundle: b})
		explicit[bundle] = true
	}
	if vf.signature != "" {
		sig, err := readLimited(vf.signature, 64<<10)
		if err != nil {
			return nil, vouch.Input(fmt.Errorf("signature %s: %w", vf.signature, cause(err)), "")
		}
		items = append(items, attest.Item{Source: vf.signature, Signature: sig})
		explicit[vf.signature] = true
	}
	for _, f := range vf.attestations {
		b, err := readBundleFile(f)
		if err != nil {
			return nil, err
		}
		items = append(items, attest.Item{Source: f, Bundle: b})
		explicit[f] = true
	}
	return items, nil
}

// addAttestationFiles verifies attestation bundles given as files about an
// image and adds them to its evidence.
func (e *env) addAttestationFiles(ev *attest.Evidence, files []string, keys []signing.Verifier, explicit map[string]bool) error {
	for _, f := range files {
		b, err := readBundleFile(f)
		if err != nil {
			return err
		}
		explicit[f] = true
		v, err := attest.VerifyAttestation(b, keys, ev.Subject, "")
		if err != nil {
			ev.Rejected = append(ev.Rejected, attest.Rejection{Source: f, Err: err})
			continue
		}
		v.Source = f
		ev.Attestations = append(ev.Attestations, v)
	}
	return nil
}

func writeVerifyText(w *bufio.Writer, rep *verifyReport) error {
	fmt.Fprintf(w, "%s %s\n", rep.Artifact, rep.Digest)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if rep.Policy != nil {
		for _, c := range rep.Policy.Checks {
			mark := "ok"
			if !c.Passed {
				mark = "FAIL"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", mark, c.Requirement, c.Detail)
		}
	} else {
		for _, s := range rep.Signatures {
			fmt.Fprintf(tw, "  ok\tsignature\tsigned by %s (%s)\n", s.Key, s.Source)
		}
		for _, a := range rep.Attestations {
			fmt.Fprintf(tw, "  ok\tattestation\t%s by %s (%s)\n", a.PredicateType, a.Key, a.Source)
		}
		for _, r := range rep.Rejected {
			mark := "skip"
			if rep.explicit[r.Source] {
				mark = "FAIL"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", mark, r.Source, r.Reason)
		}
		if len(rep.Signatures) == 0 {
			fmt.Fprintf(tw, "  FAIL\tsignature\tno signature by a trusted key\n")
		}
	}
	return tw.Flush()
}

func failureSummary(rep *verifyReport) string {
	if rep.Policy != nil {
		var failed []string
		for _, c := range rep.Policy.Checks {
			if !c.Passed {
				failed = append(failed, c.Requirement)
			}
		}
		return fmt.Sprintf("%d of %d requirements of %s not met (%s)", len(failed), len(rep.Policy.Checks), rep.policyFile, strings.Join(failed, ", "))
	}
	if len(rep.Signatures) == 0 {
		if len(rep.Rejected) > 0 {
			return rep.Rejected[0].Source + ": " + rep.Rejected[0].Reason
		}
		if len(rep.Attestations) > 0 {
			return "no signature by a trusted key: " + rep.Attestations[0].Source + " holds an attestation, not a signature over the artifact (use verify-attestation, or verify --policy)"
		}
		return "no signature by a trusted key"
	}
	for _, r := range rep.Rejected {
		if rep.explicit[r.Source] {
			return r.Source + ": " + r.Reason
		}
	}
	return "not verified"
}
