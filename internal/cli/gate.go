package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/policy"
	"github.com/vouch-dev/vouch/internal/provenance"
	"github.com/vouch-dev/vouch/internal/report"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// GateConfig is the gate section of vouch.yaml.
type GateConfig struct {
	// Keys are trusted for signatures over artifacts and their evidence.
	Keys []string `yaml:"keys"`
	// Approvers bind an identity to the keys that sign its approvals.
	Approvers map[string][]string `yaml:"approvers"`
	// Waivers are waiver files, read on every gate run.
	Waivers []string `yaml:"waivers"`
	// Policies are directories of the organisation's own Rego policies.
	Policies  []string `yaml:"policies"`
	NoBuiltin bool     `yaml:"no-builtin"`
	Disable   []string `yaml:"disable"`
	// Environments tune the built-in policies per environment, on top of
	// the preset of the same name (see policy.Preset); kept as YAML until
	// the environment is known, then decoded strictly.
	Environments map[string]yaml.Node `yaml:"environments"`
}

type gateFlags struct {
	env        string
	artifact   string
	evidence   []string
	policies   []string
	keys       []string
	approvers  []string
	waivers    []string
	noBuiltin  bool
	disable    []string
	ctx        vouch.GateContext
	format     string
	now        string
	printInput bool
	reports    []string
	recheck    string
	pinned     string
	printPin   bool
}

func (e *env) gateCommand() *cobra.Command {
	var gf gateFlags
	cmd := &cobra.Command{
		Use:   "gate --env ENV --artifact ARTIFACT --evidence PATH... [--policy DIR]",
		Short: "decide with policy whether an artifact may enter an environment",
		Long: `gate evaluates policies (OPA/Rego v1) over the evidence about an artifact
and decides allow, warn or deny for one environment.

Evidence (--evidence, files or directories of files): vouch scan results,
CycloneDX and SPDX SBOMs, SARIF from any static analysis tool, SLSA
provenance, approvals and waivers — plain, or signed as in-toto
statements in DSSE envelopes or Sigstore bundles. Signatures are checked
against the trusted keys (--key, gate.keys in vouch.yaml); approvals
against the approvers' keys (--approver ID=KEY, gate.approvers). For an
image, the signatures and attestations stored with it in its registry
are read too.

The built-in policies (signature, provenance, scans, vulnerabilities,
secrets, misconfig, sast, sbom, licenses, approvals) are tuned per
environment in vouch.yaml (gate.environments), on top of the presets
development, staging and production; --policy adds an organisation's
own policies or replaces built-ins. Waivers (--waivers, gate.waivers)
accept violations until they expire. See docs/GATE.md.

With --attest the decision is signed as a https://vouch.dev/decision/v1
attestation about the artifact, so that an audit can re-check it.

Exit codes: 0 allow or warn, 1 deny, 2 bad input: a policy that does
not compile, evidence that cannot be read — never an allow.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.gate(gf, cmd)
		},
	}
	f := cmd.Flags()
	f.StringVar(&gf.env, "env", "", "the environment the artifact is to enter (required)")
	f.StringVar(&gf.artifact, "artifact", "", "the artifact: a file, an image reference, or sha256:HEX (required)")
	f.StringArrayVar(&gf.evidence, "evidence", nil, "evidence file or directory (repeatable)")
	f.StringArrayVar(&gf.policies, "policy", nil, "directory of your own Rego policies (repeatable)")
	f.StringArrayVar(&gf.keys, "key", nil, "trusted public key for signatures and evidence (a file or env://VAR; repeatable)")
	f.StringArrayVar(&gf.approvers, "approver", nil, "an approver and the public key of its approvals, ID=KEY (repeatable)")
	f.StringArrayVar(&gf.waivers, "waivers", nil, "waiver file (repeatable)")
	f.BoolVar(&gf.noBuiltin, "no-builtin", false, "leave the built-in policies out")
	f.StringArrayVar(&gf.disable, "disable", nil, "id of a policy not to evaluate (repeatable)")
	f.StringVar(&gf.ctx.Repository, "repository", "", "repository the artifact was built from (default: from the CI environment)")
	f.StringVar(&gf.ctx.Branch, "branch", "", "branch it was built from (default: from the CI environment)")
	f.StringVar(&gf.ctx.Commit, "commit", "", "commit it was built from (default: from the CI environment)")
	f.StringVar(&gf.ctx.Actor, "actor", "", "who deploys (default: from the CI environment)")
	f.StringVar(&gf.ctx.Author, "author", "", "the commit's author (default: from the CI environment or git)")
	f.StringVar(&gf.now, "time", "", "decide as of this RFC 3339 time (to re-check a past decision)")
	f.StringVar(&gf.recheck, "recheck", "", "re-check a signed decision (its attestation bundle): decide again as of its time, from its environment and context, and compare")
	f.StringVar(&gf.pinned, "policy-digest", "", "the approved policy digest (policies, this environment's settings, trusted keys and approvers): refuse to decide under any other (env VOUCH_GATE_POLICY_DIGEST)")
	f.BoolVar(&gf.printPin, "print-policy-digest", false, "print the policy digest for --env, to pin with --policy-digest, and decide nothing")
	f.BoolVar(&gf.printInput, "print-input", false, "print the input document the policies would see, and decide nothing")
	f.StringVarP(&gf.format, "format", "f", "table", "output format: table, json, sarif, html or junit")
	f.StringVarP(&e.cfg.Output, "output", "o", "", "write the report to FILE (atomically) instead of stdout")
	f.StringArrayVar(&gf.reports, "report", nil, "also write the decision as FORMAT to FILE, FORMAT=FILE (repeatable: --report html=gate.html --report junit=gate.xml)")
	f.BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print nothing on stderr")
	// --key is the trusted public keys here, so the signing key of the
	// decision attestation is --signing-key.
	e.gateAttest = &attestFlags{}
	f.BoolVar(&e.gateAttest.attest, "attest", false, "also sign the decision as a https://vouch.dev/decision/v1 attestation about the artifact (needs --signing-key)")
	f.StringVar(&e.gateAttest.key, "signing-key", "", "private key that signs the decision attestation (a file or env://VAR)")
	f.StringVar(&e.gateAttest.bundle, "attestation-bundle", "", "write the decision attestation here (default: next to a file artifact, ARTIFACT.decision.sigstore.json; for an image, pushed to its registry)")
	e.addRegistryFlags(cmd)
	return cmd
}

func (e *env) gate(gf gateFlags, cmd *cobra.Command) error {
	usage := func(err error) error { return &usageError{cmd: "gate", err: err} }
	var recorded *vouch.Decision
	if gf.recheck != "" {
		d, err := e.readDecision(gf.recheck, gf.keys)
		if err != nil {
			return err
		}
		if gf.env != "" && !strings.EqualFold(gf.env, d.Environment) {
			return usage(fmt.Errorf("--env %s, but the decision in %s is for %s", gf.env, gf.recheck, d.Environment))
		}
		if gf.now != "" {
			return usage(errors.New("--time and --recheck: a re-check decides as of the recorded decision's time"))
		}
		recorded = d
		gf.env, gf.now, gf.ctx = d.Environment, d.DecidedAt.UTC().Format(time.RFC3339), d.Context
	}
	if gf.env == "" {
		return usage(errors.New("--env is required: the environment the artifact is to enter"))
	}
	if gf.artifact == "" && !gf.printPin {
		return usage(errors.New("--artifact is required: a file, an image, or sha256:HEX"))
	}
	write, ok := decisionWriters[gf.format]
	if !ok {
		return usage(fmt.Errorf("unknown format %q (want table, json, sarif, html or junit)", gf.format))
	}
	type extra struct {
		write func(io.Writer, *vouch.Decision) error
		path  string
	}
	var extras []extra
	for _, r := range gf.reports {
		format, path, ok := strings.Cut(r, "=")
		w, known := decisionWriters[format]
		if !ok || path == "" || !known {
			return usage(fmt.Errorf("--report %q: want FORMAT=FILE with FORMAT one of table, json, sarif, html, junit", r))
		}
		extras = append(extras, extra{w, path})
	}
	gc := e.cfg.Gate
	settings, err := gateSettings(gc, gf.env)
	if err != nil {
		return err
	}
	if gf.now != "" && recorded == nil && e.gateAttest.attest {
		return usage(errors.New("--time with --attest: a signed decision is made now, not as of another time"))
	}
	now := time.Now()
	if gf.now != "" {
		if now, err = time.Parse(time.RFC3339, gf.now); err != nil {
			return usage(fmt.Errorf("--time %q: want an RFC 3339 time", gf.now))
		}
	}
	engine, err := policy.NewEngine(e.ctx, policy.EngineOptions{
		Dirs: append(slices.Clone(gc.Policies), gf.policies...), NoBuiltin: gf.noBuiltin || gc.NoBuiltin,
		Disable: append(slices.Clone(gc.Disable), gf.disable...),
	})
	if err != nil {
		return err
	}
	keys, err := e.loadVerifiers(append(slices.Clone(gc.Keys), gf.keys...))
	if err != nil {
		return err
	}
	approvers, err := e.loadApprovers(gc.Approvers, gf.approvers)
	if err != nil {
		return err
	}
	pd := policy.PolicyDigest(engine, settings, keys, approvers)
	for _, r := range engine.Replaced() {
		e.infof("the built-in policy %s is replaced by your own", r)
	}
	if gf.printPin {
		return e.writeResult(func(w *bufio.Writer) error {
			_, err := fmt.Fprintln(w, pd)
			return err
		})
	}
	if gf.pinned == "" {
		gf.pinned = e.getenv("VOUCH_GATE_POLICY_DIGEST")
	}
	if gf.pinned != "" && gf.pinned != pd.String() {
		if !e.cfg.Quiet {
			fmt.Fprintf(e.stderr, "vouch: the policy digest for %s is %s, not the pinned %s: the policies, settings or trusted keys are not the approved ones\n", gf.env, pd, gf.pinned)
		}
		return vouch.ErrFailed
	}

	var waivers []vouch.Waiver
	for _, w := range append(slices.Clone(gc.Waivers), gf.waivers...) {
		ws, err := policy.LoadWaivers(w)
		if err != nil {
			return err
		}
		waivers = append(waivers, ws...)
	}
	files, err := evidenceFiles(gf.evidence)
	if err != nil {
		return err
	}
	src := &policy.Sources{
		Environment: gf.env, Files: files, Keys: keys, Approvers: approvers,
		Context: gateContext(e.ctx, gf.ctx, e.getenv), Settings: settings, Now: now,
	}
	if recorded != nil {
		src.Context = recorded.Context // as recorded: no CI variable of the auditor's may fill it
	}
	target, err := e.gateArtifact(gf.artifact, src, keys)
	if err != nil {
		return err
	}
	if gf.printInput {
		in, err := policy.BuildInput(e.ctx, src)
		if err != nil {
			return err
		}
		return e.writeResult(func(w *bufio.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(in)
		})
	}
	d, err := policy.Gate(e.ctx, engine, src, waivers, "vouch "+toolVersion())
	if err != nil {
		return err
	}
	if err := e.writeResult(func(w *bufio.Writer) error { return write(w, d) }); err != nil {
		return err
	}
	for _, x := range extras {
		if err := writeFileAtomic(x.path, func(w *bufio.Writer) error { return x.write(w, d) }); err != nil {
			return err
		}
	}
	if err := e.attestResult(e.gateAttest, target, policy.DecisionPredicate, d); err != nil {
		return err
	}
	if recorded != nil {
		return e.compareDecisions(gf.recheck, recorded, d, target.Digest)
	}
	if !e.cfg.Quiet {
		fmt.Fprintf(e.stderr, "vouch: %s %s for %s: %d denied, %d warned, %d waived\n",
			strings.ToUpper(string(d.Verdict)), src.Artifact.Name, gf.env, d.Summary.Denied, d.Summary.Warned, d.Summary.Waived)
	}
	if d.Verdict == vouch.Deny {
		return vouch.ErrFailed
	}
	return nil
}

var decisionWriters = map[string]func(io.Writer, *vouch.Decision) error{
	"table": report.WriteDecisionTable,
	"json":  report.WriteDecisionJSON,
	"sarif": report.WriteDecisionSARIF,
	"html":  report.WriteDecisionHTML,
	"junit": report.WriteDecisionJUnit,
}

func toolVersion() string {
	v, _, _ := buildVersion()
	return v
}

// gateSettings are the built-in policies' settings for env: its preset,
// with vouch.yaml's gate.environments.ENV on top.
func gateSettings(gc GateConfig, env string) (policy.Settings, error) {
	var node *yaml.Node
	for name, n := range gc.Environments {
		if strings.EqualFold(name, env) {
			node = &n
		}
	}
	s, ok := policy.Preset(env)
	if node == nil && !ok {
		// A typo ("prd") must not quietly get milder rules than production.
		return s, vouch.Input(fmt.Errorf("environment %q is not one of the presets (development, staging, production) and gate.environments does not configure it", env),
			"check the name, or configure it in vouch.yaml under gate.environments with preset: production (or staging, development)")
	}
	if node != nil {
		var base struct {
			Preset string `yaml:"preset"`
		}
		_ = node.Decode(&base)
		if base.Preset != "" {
			p, ok := policy.Preset(base.Preset)
			if !ok {
				return s, vouch.Input(fmt.Errorf("config gate.environments.%s: preset %q is not development, staging or production", env, base.Preset), "")
			}
			s = p
		} else if !ok {
			return s, vouch.Input(fmt.Errorf("config gate.environments.%s: %q is not a preset name, so say which preset it starts from", env, env), "add preset: production (or staging, development)")
		}
		raw, err := yaml.Marshal(node)
		if err != nil {
			return s, vouch.Input(fmt.Errorf("config gate.environments.%s: %w", env, err), "")
		}
		dec := yaml.NewDecoder(bytes.NewReader(raw))
		dec.KnownFields(true)
		if err := dec.Decode(&s); err != nil && !errors.Is(err, io.EOF) {
			return s, vouch.Input(fmt.Errorf("config gate.environments.%s: %w", env, err), "see docs/GATE.md for the settings")
		}
	}
	if err := s.Validate(); err != nil {
		return s, vouch.Input(fmt.Errorf("config gate.environments.%s: %w", env, err), "see docs/GATE.md for the settings")
	}
	return s, nil
}

// loadApprovers reads identity → keys from the config and --approver.
func (e *env) loadApprovers(fromConfig map[string][]string, flags []string) (map[string][]signing.Verifier, error) {
	refs := map[string][]string{}
	for id, ks := range fromConfig {
		refs[id] = append(refs[id], ks...)
	}
	for _, a := range flags {
		id, key, ok := strings.Cut(a, "=")
		if !ok || id == "" || key == "" {
			return nil, &usageError{cmd: "gate", err: fmt.Errorf("--approver %q: want ID=KEY, like alice@example.org=keys/alice.pub", a)}
		}
		refs[id] = append(refs[id], key)
	}
	out := map[string][]signing.Verifier{}
	for id, ks := range refs {
		vs, err := e.loadVerifiers(ks)
		if err != nil {
			return nil, err
		}
		out[id] = vs
	}
	return out, nil
}

// evidenceFiles expands directories into the files directly in them,
// sorted, hidden ones included. A path that does not exist, and anything
// in a directory that is not a regular file, is an input error.
func evidenceFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, vouch.Input(fmt.Errorf("evidence %s: %w", p, cause(err)), "check the path; missing evidence is never an allow")
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, vouch.Input(fmt.Errorf("evidence %s: %w", p, cause(err)), "")
		}
		for _, d := range ents {
			if !d.Type().IsRegular() {
				// Skipping it could drop evidence against the artifact.
				return nil, vouch.Input(fmt.Errorf("evidence %s: not a regular file", filepath.Join(p, d.Name())), "an evidence directory holds evidence files only: no subdirectories or links")
			}
			out = append(out, filepath.Join(p, d.Name()))
		}
	}
	return out, nil
}

// gateContext fills what the flags left empty from the CI system's
// environment (GitHub Actions, GitLab CI), and the author from git.
func gateContext(ctx context.Context, c vouch.GateContext, getenv func(string) string) vouch.GateContext {
	first := func(cur string, names ...string) string {
		if cur != "" {
			return cur
		}
		for _, n := range names {
			if v := getenv(n); v != "" {
				return v
			}
		}
		return ""
	}
	c.Repository = first(c.Repository, "GITHUB_REPOSITORY", "CI_PROJECT_PATH")
	c.Branch = first(c.Branch, "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME")
	c.Commit = first(c.Commit, "GITHUB_SHA", "CI_COMMIT_SHA")
	c.Actor = first(c.Actor, "GITHUB_ACTOR", "GITLAB_USER_EMAIL", "GITLAB_USER_LOGIN")
	c.Author = first(c.Author, "VOUCH_COMMIT_AUTHOR", "CI_COMMIT_AUTHOR")
	if c.Author == "" && c.Commit != "" {
		c.Author, _ = provenance.CommitAuthor(ctx, ".", c.Commit) // none outside a checkout
	}
	// GitLab writes "Name <email>": the email is the identity.
	if i, j := strings.LastIndex(c.Author, "<"), strings.LastIndex(c.Author, ">"); i >= 0 && j > i {
		c.Author = c.Author[i+1 : j]
	}
	return c
}

// gateArtifact names the artifact in src (digest, file, or image with
// the evidence stored with it) and returns it as a target for --attest.
func (e *env) gateArtifact(arg string, src *policy.Sources, keys []signing.Verifier) (vouch.Target, error) {
	if strings.HasPrefix(arg, "sha256:") || strings.HasPrefix(arg, "sha512:") {
		d, err := vouch.ParseDigest(arg)
		if err != nil {
			return vouch.Target{}, vouch.Input(fmt.Errorf("--artifact %s: %w", arg, err), "")
		}
		src.Artifact = vouch.Subject{Name: arg, Digest: d}
		return vouch.Target{Kind: vouch.TargetFile, Name: arg, Digest: d}, nil
	}
	a, err := classifyArtifact(arg)
	if err != nil {
		return vouch.Target{}, err
	}
	if a.image != "" {
		reg := e.registry()
		im, err := reg.Resolve(e.ctx, a.image)
		if err != nil {
			return vouch.Target{}, err
		}
		ev, err := attest.FetchImageEvidence(e.ctx, reg, im, keys)
		if err != nil {
			return vouch.Target{}, err
		}
		src.Artifact = vouch.Subject{Name: im.String(), Digest: im.Digest}
		src.Attached = ev
		return vouch.Target{Kind: vouch.TargetImage, Name: a.given, Digest: im.Digest}, nil
	}
	f, err := os.Open(a.path)
	if err != nil {
		return vouch.Target{}, vouch.Input(fmt.Errorf("artifact %s: %w", a.path, cause(err)), "")
	}
	d, err := vouch.SHA256(f)
	f.Close()
	if err != nil {
		return vouch.Target{}, vouch.Input(fmt.Errorf("artifact %s: %w", a.path, err), "")
	}
	src.Artifact = vouch.Subject{Name: filepath.Base(a.path), Digest: d}
	src.ArtifactPath = a.path
	return vouch.Target{Kind: vouch.TargetFile, Name: a.path, Digest: d}, nil
}

// readDecision reads a decision attestation bundle and verifies it with
// the trusted keys (--key and gate.keys).
func (e *env) readDecision(path string, flagKeys []string) (*vouch.Decision, error) {
	keys, err := e.loadVerifiers(append(slices.Clone(e.cfg.Gate.Keys), flagKeys...))
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, vouch.Input(errors.New("--recheck: no trusted key to verify the decision with"), "give --key with the public key that signed it")
	}
	b, err := readBundleFile(path)
	if err != nil {
		return nil, err
	}
	v, err := attest.VerifyBundle(b, keys)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("decision %s: %w", path, err), "")
	}
	if v.Statement.PredicateType != policy.DecisionPredicate {
		return nil, vouch.Input(fmt.Errorf("decision %s: predicate type %s, not a decision", path, v.Statement.PredicateType), "")
	}
	var d vouch.Decision
	if err := json.Unmarshal(v.Statement.Predicate, &d); err != nil {
		return nil, vouch.Input(fmt.Errorf("decision %s: %w", path, err), "")
	}
	if d.Environment == "" || d.DecidedAt.IsZero() {
		return nil, vouch.Input(fmt.Errorf("decision %s: no environment or time recorded", path), "")
	}
	return &d, nil
}

// compareDecisions says whether a decision made again matches the
// recorded one: same artifact, input, policies, verdict and violations.
// Any difference fails (exit 1), naming what differs.
func (e *env) compareDecisions(source string, rec, now *vouch.Decision, subject vouch.Digest) error {
	var diffs []string
	if rec.Artifact.Digest != subject {
		diffs = append(diffs, fmt.Sprintf("the decision is about %s, the artifact is %s", rec.Artifact.Digest, subject))
	}
	if rec.InputDigest != now.InputDigest {
		diffs = append(diffs, fmt.Sprintf("input %s, recorded %s (evidence, settings or context differ)", now.InputDigest, rec.InputDigest))
	}
	if rec.PolicyDigest != now.PolicyDigest {
		diffs = append(diffs, fmt.Sprintf("policies %s, recorded %s", now.PolicyDigest, rec.PolicyDigest))
	}
	if rec.Verdict != now.Verdict {
		diffs = append(diffs, fmt.Sprintf("verdict %s, recorded %s", now.Verdict, rec.Verdict))
	}
	if a, b := violationKeys(rec.Violations), violationKeys(now.Violations); !slices.Equal(a, b) {
		diffs = append(diffs, fmt.Sprintf("%d violations, recorded %d", len(b), len(a)))
	}
	if len(diffs) > 0 {
		if !e.cfg.Quiet {
			fmt.Fprintf(e.stderr, "vouch: recheck of %s: the decision does NOT hold:\n", source)
			for _, d := range diffs {
				fmt.Fprintf(e.stderr, "vouch:   %s\n", d)
			}
		}
		return vouch.ErrFailed
	}
	e.infof("recheck of %s: the decision holds (%s as of %s; input %s, policies %s)", source, strings.ToUpper(string(rec.Verdict)), rec.DecidedAt.UTC().Format(time.RFC3339), rec.InputDigest, rec.PolicyDigest)
	return nil
}

func violationKeys(vs []vouch.Violation) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.Join([]string{v.Policy, string(v.Action), v.Severity.String(), v.Message, v.Finding, v.Package}, "\x00")
	}
	slices.Sort(out)
	return out
}
