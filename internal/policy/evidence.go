package policy

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/provenance"
	"github.com/vouch-dev/vouch/internal/report"
	"github.com/vouch-dev/vouch/internal/sbom"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Predicate types of the gate's own evidence; each has a JSON schema in
// internal/attest/schemas.
const (
	ApprovalPredicate = attest.VouchApproval
	WaiverPredicate   = attest.VouchWaiver
	DecisionPredicate = attest.VouchDecision
)

// maxEvidenceSize caps one evidence file: a scan of a large monorepo or
// the SBOM of a large image is tens of MiB; nothing honest is 256.
const maxEvidenceSize = 256 << 20

// Sources say what a gate decides about and from what.
type Sources struct {
	Environment string
	Artifact    vouch.Subject
	// ArtifactPath is the artifact's file, when it is one: signatures
	// over it are checked against its content.
	ArtifactPath string
	// Attached is evidence already fetched and verified from the
	// artifact's registry (signatures and attestations stored with an
	// image); nil for files.
	Attached *attest.Evidence
	// Files are evidence files: bundles, DSSE envelopes, in-toto
	// statements, scan results, SBOMs, SARIF.
	Files []string
	// Keys are trusted for signatures over the artifact and its evidence.
	Keys []signing.Verifier
	// Approvers bind identities to their keys: an approval counts only
	// when signed by a key of the approver it names.
	Approvers map[string][]signing.Verifier
	Context   vouch.GateContext
	Settings  Settings
	Now       time.Time
}

// collected is what reading the evidence gave besides the input.
type collected struct {
	in      *Input
	waivers []vouch.Waiver
	aliases map[string][]string // finding id → its aliases, for waivers
}

// build reads every evidence file into an input document. A file that
// cannot be read or is not evidence vouch understands is an input error
// naming it: missing evidence is never an allow. A signature that does
// not verify is not an error: the evidence is listed as rejected, and its
// content still counts where it can only hurt (findings of an unverified
// scan count; its presence does not satisfy a signed-evidence
// requirement); approvals and waivers, which can only help, are dropped.
func build(ctx context.Context, src *Sources) (*collected, error) {
	now := src.Now.UTC()
	in := &Input{
		SchemaVersion: InputSchemaVersion,
		Environment:   src.Environment,
		Time:          now.Format(time.RFC3339),
		Context:       src.Context,
		Artifact:      Artifact{Name: src.Artifact.Name, Digest: src.Artifact.Digest.String(), Signers: []string{}},
		Settings:      src.Settings,
		Evidence:      []vouch.Evidence{},
		Scans:         []Scan{},
		SBOMs:         []SBOM{},
		SARIF:         []SARIFRun{},
		Provenance:    []Provenance{},
		Approvals:     []Approval{},
	}
	c := &collected{in: in, aliases: map[string][]string{}}
	r := &reader{src: src, c: c, now: now}
	if src.Attached != nil {
		for _, s := range src.Attached.Signatures {
			r.signedBy(s.Key)
			r.add(vouch.Evidence{Source: s.Source, Kind: "signature", Signed: true, Signer: fingerprint(s.Key), Digest: src.Artifact.Digest})
		}
		for _, v := range src.Attached.Attestations {
			e := vouch.Evidence{Source: v.Source, Kind: "attestation", PredicateType: v.Statement.PredicateType, Signed: true, Signer: fingerprint(v.Key)}
			if err := r.statement(ctx, &e, v.Statement); err != nil {
				return nil, err
			}
		}
		for _, rej := range src.Attached.Rejected {
			r.add(vouch.Evidence{Source: rej.Source, Kind: "attestation", Rejected: rej.Err.Error()})
		}
	}
	for _, f := range src.Files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := r.file(ctx, f); err != nil {
			return nil, err
		}
	}
	return c, nil
}

type reader struct {
	src *Sources
	c   *collected
	now time.Time
}

// add numbers a piece of evidence and lists it; it returns its id.
func (r *reader) add(e vouch.Evidence) string {
	e.ID = fmt.Sprintf("e%d", len(r.c.in.Evidence)+1)
	r.c.in.Evidence = append(r.c.in.Evidence, e)
	return e.ID
}

func (r *reader) signedBy(k signing.Verifier) {
	a := &r.c.in.Artifact
	a.Signed = true
	if fp := fingerprint(k); !slices.Contains(a.Signers, fp) {
		a.Signers = append(a.Signers, fp)
	}
}

func fingerprint(k signing.Verifier) string {
	if k == nil {
		return ""
	}
	return signing.Fingerprint(k.PublicKey())
}

// file reads one evidence file and files what it holds.
func (r *reader) file(ctx context.Context, path string) error {
	data, err := readEvidence(path)
	if err != nil {
		return err
	}
	e := vouch.Evidence{Source: path, Digest: vouch.SHA256Bytes(data)}
	bad := func(what string, err error) error {
		return vouch.Input(fmt.Errorf("evidence %s: %s: %w", path, what, err), "")
	}
	if f, ok := sbom.Sniff(data[:min(len(data), 1024)]); ok {
		return r.sbom(ctx, &e, data, string(f))
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\xef\xbb\xbf")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		if f, ok := sbom.Sniff(data); ok {
			return r.sbom(ctx, &e, data, string(f))
		}
		return vouch.Input(fmt.Errorf("evidence %s: not evidence vouch reads", path), evidenceHint)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return bad("not valid JSON", errors.New(shortJSON(err)))
	}
	switch {
	case has(top, "mediaType") && bytes.Contains(top["mediaType"], []byte("sigstore.bundle")):
		b, err := signing.ParseBundle(data)
		if err != nil {
			return bad("bad Sigstore bundle", err)
		}
		if b.DSSEEnvelope != nil {
			return r.envelope(ctx, &e, b.DSSEEnvelope)
		}
		return r.signature(ctx, &e, b)
	case has(top, "payloadType") && has(top, "signatures"):
		env, err := attest.ParseEnvelope(data)
		if err != nil {
			return bad("bad DSSE envelope", err)
		}
		return r.envelope(ctx, &e, env)
	case has(top, "_type") && has(top, "predicateType"):
		st, err := attest.ParseStatement(data)
		if err != nil {
			return bad("bad in-toto statement", err)
		}
		e.Kind = "attestation"
		return r.statement(ctx, &e, st)
	case has(top, "findings") && has(top, "scanners"):
		e.Kind, e.Format = "scan", "vouch-scan"
		return r.scan(&e, data)
	case has(top, "runs") && has(top, "version"):
		e.Kind, e.Format = "sarif", "sarif"
		return r.sarif(&e, data)
	}
	if f, ok := sbom.Sniff(data); ok {
		return r.sbom(ctx, &e, data, string(f))
	}
	return vouch.Input(fmt.Errorf("evidence %s: a JSON document vouch does not read as evidence", path), evidenceHint)
}

const evidenceHint = "evidence is a vouch scan result, a CycloneDX or SPDX SBOM, SARIF, an in-toto statement, a DSSE envelope or a Sigstore bundle"

func has(m map[string]json.RawMessage, k string) bool { _, ok := m[k]; return ok }

func readEvidence(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("evidence %s: %w", path, unwrapPath(err)), "check the path; missing evidence is never an allow")
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("evidence %s: %w", path, unwrapPath(err)), "")
	}
	if !st.Mode().IsRegular() {
		return nil, vouch.Input(fmt.Errorf("evidence %s: not a regular file", path), "")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxEvidenceSize+1))
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("evidence %s: %w", path, unwrapPath(err)), "")
	}
	if len(data) > maxEvidenceSize {
		return nil, vouch.Input(fmt.Errorf("evidence %s: larger than %d MiB", path, maxEvidenceSize>>20), "")
	}
	return data, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func shortJSON(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	return err.Error()
}

// signature checks a message-signature bundle over the artifact.
func (r *reader) signature(ctx context.Context, e *vouch.Evidence, b *signing.Bundle) error {
	e.Kind = "signature"
	e.Digest = r.src.Artifact.Digest
	if r.src.ArtifactPath == "" {
		e.Rejected = "a signature over a file, but the artifact is not a file vouch can read"
		r.add(*e)
		return nil
	}
	var lastErr error
	for _, k := range r.src.Keys {
		f, err := os.Open(r.src.ArtifactPath)
		if err != nil {
			return vouch.Input(fmt.Errorf("artifact %s: %w", r.src.ArtifactPath, unwrapPath(err)), "")
		}
		err = signing.VerifyBlob(ctx, k, f, b)
		f.Close()
		if err == nil {
			e.Signed, e.Signer = true, fingerprint(k)
			r.signedBy(k)
			r.add(*e)
			return nil
		}
		lastErr = err
	}
	if lastErr == nil {
		lastErr = errors.New("no trusted key given (--key)")
	}
	e.Rejected = "signature not verified: " + lastErr.Error()
	r.add(*e)
	return nil
}

// envelope verifies a DSSE envelope and files its statement. Approvals
// are verified against the approvers' keys, everything else against the
// trusted keys.
func (r *reader) envelope(ctx context.Context, e *vouch.Evidence, env *dsse.Envelope) error {
	e.Kind = "attestation"
	if env.PayloadType != attest.PayloadType {
		e.Rejected = fmt.Sprintf("payload type %q is not an in-toto statement", env.PayloadType)
		r.add(*e)
		return nil
	}
	payload, err := signing.DecodeBase64(env.Payload)
	if err != nil {
		return vouch.Input(fmt.Errorf("evidence %s: envelope payload: %w", e.Source, err), "")
	}
	st, err := attest.ParseStatement(payload)
	if err != nil {
		return vouch.Input(fmt.Errorf("evidence %s: %w", e.Source, err), "")
	}
	e.PredicateType = st.PredicateType
	if st.PredicateType == ApprovalPredicate {
		return r.approval(e, env, st)
	}
	if st.PredicateType == WaiverPredicate {
		return r.waiver(e, env, st)
	}
	_, key, verr := attest.VerifyEnvelope(env, r.src.Keys)
	if verr == nil {
		e.Signed, e.Signer = true, fingerprint(key)
	} else {
		e.Rejected = "signature not verified: " + verr.Error()
	}
	return r.statement(ctx, e, st)
}

// statement files an in-toto statement by its predicate type. A
// statement about another artifact is rejected.
func (r *reader) statement(ctx context.Context, e *vouch.Evidence, st *attest.Statement) error {
	e.PredicateType = st.PredicateType
	if !st.HasSubject(r.src.Artifact.Digest) {
		e.Signed = false
		e.Rejected = fmt.Sprintf("the statement is about %s, not the artifact %s", subjectList(st), r.src.Artifact.Digest)
		r.add(*e)
		return nil
	}
	pred := []byte(st.Predicate)
	switch st.PredicateType {
	case attest.VouchScan:
		e.Kind, e.Format = "scan", "vouch-scan"
		return r.scan(e, pred)
	case attest.CycloneDX, attest.SPDX:
		return r.sbom(ctx, e, pred, "")
	case attest.SLSAProvenanceV1, attest.SLSAProvenanceV02:
		e.Kind, e.Format = "provenance", "slsa"
		return r.provenance(e, st)
	case WaiverPredicate:
		e.Kind = "waiver"
		if e.Rejected == "" {
			e.Rejected = "a waiver counts only in a DSSE envelope signed by its approver"
		}
		r.add(*e)
		return nil
	case ApprovalPredicate:
		e.Kind = "approval"
		if e.Rejected == "" {
			e.Rejected = "an approval counts only in a DSSE envelope signed by the approver"
		}
		r.add(*e)
		return nil
	case DecisionPredicate:
		e.Kind = "decision"
		r.add(*e)
		return nil
	}
	if strings.HasPrefix(st.PredicateType, "https://cyclonedx.org/") || strings.HasPrefix(st.PredicateType, "https://spdx.dev/") {
		return r.sbom(ctx, e, pred, "")
	}
	if bytes.Contains(pred[:min(len(pred), 4096)], []byte(`"runs"`)) {
		var s struct {
			Version string          `json:"version"`
			Runs    json.RawMessage `json:"runs"`
		}
		if json.Unmarshal(pred, &s) == nil && s.Version != "" && len(s.Runs) > 0 {
			e.Kind, e.Format = "sarif", "sarif"
			return r.sarif(e, pred)
		}
	}
	r.add(*e) // kept for the record; no policy reads it
	return nil
}

func subjectList(st *attest.Statement) string {
	var ds []string
	for _, s := range st.Subject {
		for alg, v := range s.Digest {
			ds = append(ds, alg+":"+v)
		}
	}
	if len(ds) == 0 {
		return "no subject"
	}
	slices.Sort(ds)
	return strings.Join(ds, ", ")
}

// scan files a vouch scan result.
func (r *reader) scan(e *vouch.Evidence, data []byte) error {
	var res report.Result
	if err := json.Unmarshal(data, &res); err != nil {
		return vouch.Input(fmt.Errorf("evidence %s: bad scan result: %s", e.Source, shortJSON(err)), "")
	}
	id := r.add(*e)
	s := Scan{Evidence: id, Signed: e.Signed, Scanners: res.Scanners, Target: res.Target.Name, Findings: make([]Finding, 0, len(res.Findings))}
	s.Scanners = orEmpty(s.Scanners)
	switch {
	case res.CreatedAt.IsZero():
		s.AgeSeconds = undated
	case res.CreatedAt.After(r.now.Add(clockSkew)):
		// A scan from the future would be fresh forever: it counts as
		// undated.
		s.AgeSeconds = undated
	default:
		s.CreatedAt = res.CreatedAt.UTC().Format(time.RFC3339)
		s.AgeSeconds = max(0, int64(r.now.Sub(res.CreatedAt)/time.Second))
	}
	add := func(f *vouch.Finding, suppressed string) {
		pf := Finding{Kind: string(f.Kind), ID: f.ID, Aliases: f.Aliases, Severity: f.Severity.String(), Title: f.Title, FixedIn: f.FixedIn, Reachable: f.Reachable, Suppressed: suppressed}
		pf.Aliases = orEmpty(pf.Aliases)
		if f.Package != nil {
			pf.Package = f.Package.Key()
			pf.Name, pf.Version, pf.Ecosystem = f.Package.Name, f.Package.Version, string(f.Package.Ecosystem)
		}
		if f.Location.Path != "" {
			pf.Location = f.Location.Path
			if f.Location.Line > 0 {
				pf.Location += fmt.Sprintf(":%d", f.Location.Line)
			}
		}
		// Aliases widen what a waiver covers, so only a verified scan
		// may declare them.
		if e.Signed {
			for _, a := range f.Aliases {
				if !slices.Contains(r.c.aliases[f.ID], a) {
					r.c.aliases[f.ID] = append(r.c.aliases[f.ID], a)
				}
			}
		}
		s.Findings = append(s.Findings, pf)
	}
	for i := range res.Findings {
		add(&res.Findings[i], "")
	}
	if !r.src.Settings.Scans.HonourSuppressions {
		for i := range res.Suppressed {
			f := &res.Suppressed[i]
			src := "the scan"
			if f.Suppressed != nil && f.Suppressed.Source != "" {
				src = f.Suppressed.Source
			}
			add(f, src)
		}
	}
	s.ExcludePaths = orEmpty(res.ExcludePaths)
	r.c.in.Scans = append(r.c.in.Scans, s)
	return nil
}

// undated is the age of a scan that does not say when it ran, or says a
// time still to come: older than any max_age.
const undated = 1 << 40

// clockSkew is how far in the future a scan's time may be before it
// counts as undated: clocks of CI runners disagree a little.
const clockSkew = 5 * time.Minute

// sbom files an SBOM (CycloneDX or SPDX, any encoding sbom reads).
func (r *reader) sbom(ctx context.Context, e *vouch.Evidence, data []byte, format string) error {
	inv, err := sbom.Decode(ctx, bytes.NewReader(data), e.Source)
	if err != nil {
		return vouch.Input(fmt.Errorf("evidence %s: %w", e.Source, err), "")
	}
	if format == "" {
		if f, ok := sbom.Sniff(data); ok {
			format = string(f)
		}
	}
	e.Kind, e.Format = "sbom", format
	id := r.add(*e)
	b := SBOM{Evidence: id, Signed: e.Signed, Format: sbomFamily(format), Components: make([]Component, 0, len(inv.Packages))}
	for i := range inv.Packages {
		p := &inv.Packages[i]
		c := Component{Name: p.Name, Version: p.Version, Purl: p.PURL, Ecosystem: string(p.Ecosystem), Licenses: p.Licenses}
		c.Licenses = orEmpty(c.Licenses)
		b.Components = append(b.Components, c)
	}
	r.c.in.SBOMs = append(r.c.in.SBOMs, b)
	return nil
}

func sbomFamily(format string) string {
	switch {
	case strings.Contains(strings.ToLower(format), "cyclonedx"):
		return "cyclonedx"
	case strings.Contains(strings.ToLower(format), "spdx"):
		return "spdx"
	}
	return format
}

// provenance files a SLSA provenance statement.
func (r *reader) provenance(e *vouch.Evidence, st *attest.Statement) error {
	id := r.add(*e)
	p := Provenance{Evidence: id, Signed: e.Signed, Dirty: "unknown"}
	var doc struct {
		BuildDefinition struct {
			BuildType            string          `json:"buildType"`
			ExternalParameters   json.RawMessage `json:"externalParameters"`
			ResolvedDependencies []struct {
				URI    string            `json:"uri"`
				Digest map[string]string `json:"digest"`
			} `json:"resolvedDependencies"`
		} `json:"buildDefinition"`
		// v0.2
		Builder struct {
			ID string `json:"id"`
		} `json:"builder"`
		BuildType  string `json:"buildType"`
		Invocation struct {
			ConfigSource struct {
				URI    string            `json:"uri"`
				Digest map[string]string `json:"digest"`
			} `json:"configSource"`
		} `json:"invocation"`
	}
	if err := json.Unmarshal(st.Predicate, &doc); err != nil {
		return vouch.Input(fmt.Errorf("evidence %s: bad SLSA provenance: %s", e.Source, shortJSON(err)), "")
	}
	var rb struct {
		RunDetails struct {
			Builder struct {
				ID string `json:"id"`
			} `json:"builder"`
		} `json:"runDetails"`
	}
	_ = json.Unmarshal(st.Predicate, &rb)
	if st.PredicateType == attest.SLSAProvenanceV02 {
		p.BuildType, p.Builder = doc.BuildType, doc.Builder.ID
		p.Repository, p.Ref = splitGitURI(doc.Invocation.ConfigSource.URI)
		p.Commit = doc.Invocation.ConfigSource.Digest["sha1"]
	} else {
		bd := doc.BuildDefinition
		p.BuildType, p.Builder = bd.BuildType, rb.RunDetails.Builder.ID
		switch bd.BuildType {
		case provenance.BuildType:
			var x struct {
				Source struct {
					Repository string `json:"repository"`
					Ref        string `json:"ref"`
					Commit     string `json:"commit"`
					Dirty      *bool  `json:"dirty"`
				} `json:"source"`
			}
			if json.Unmarshal(bd.ExternalParameters, &x) == nil {
				p.Repository, p.Ref, p.Commit = x.Source.Repository, x.Source.Ref, x.Source.Commit
				if x.Source.Dirty != nil {
					p.Dirty = map[bool]string{true: "yes", false: "no"}[*x.Source.Dirty]
				}
			}
		case "https://actions.github.io/buildtypes/workflow/v1":
			var x struct {
				Workflow struct {
					Ref        string `json:"ref"`
					Repository string `json:"repository"`
				} `json:"workflow"`
			}
			if json.Unmarshal(bd.ExternalParameters, &x) == nil {
				p.Repository, p.Ref = x.Workflow.Repository, x.Workflow.Ref
			}
			for _, d := range bd.ResolvedDependencies {
				if c := d.Digest["gitCommit"]; c != "" {
					p.Commit = c
					break
				}
			}
		default:
			for _, d := range bd.ResolvedDependencies {
				if strings.HasPrefix(d.URI, "git+") {
					p.Repository, p.Ref = splitGitURI(d.URI)
					p.Commit = cmp.Or(d.Digest["gitCommit"], d.Digest["sha1"])
					break
				}
			}
		}
	}
	p.Branch = branchOf(p.Ref)
	r.c.in.Provenance = append(r.c.in.Provenance, p)
	return nil
}

// splitGitURI splits "git+https://host/repo@refs/heads/main".
func splitGitURI(u string) (repo, ref string) {
	u = strings.TrimPrefix(u, "git+")
	if i := strings.LastIndex(u, "@"); i > 0 && i > strings.Index(u, "://")+3 {
		return u[:i], u[i+1:]
	}
	return u, ""
}

// branchOf gives the branch of a ref ("refs/heads/main" → "main"); other
// refs (tags) and bare names come back as they are.
func branchOf(ref string) string {
	if b, ok := strings.CutPrefix(ref, "refs/heads/"); ok {
		return b
	}
	return ref
}

// approval verifies an approval against the approvers' keys: it counts
// only when the key that signed it belongs to the approver it names.
func (r *reader) approval(e *vouch.Evidence, env *dsse.Envelope, st *attest.Statement) error {
	e.Kind = "approval"
	var a struct {
		Environment string `json:"environment"`
		Approver    string `json:"approver"`
		Comment     string `json:"comment"`
		ApprovedAt  string `json:"approvedAt"`
	}
	if err := json.Unmarshal(st.Predicate, &a); err != nil || a.Approver == "" || a.Environment == "" {
		e.Rejected = "not an approval: the predicate needs approver and environment"
		r.add(*e)
		return nil
	}
	if !st.HasSubject(r.src.Artifact.Digest) {
		e.Rejected = fmt.Sprintf("the approval is for %s, not the artifact %s", subjectList(st), r.src.Artifact.Digest)
		r.add(*e)
		return nil
	}
	signer, why := r.approverOf(env, a.Approver)
	if why != "" {
		e.Rejected = why
	}
	if e.Rejected != "" {
		r.add(*e)
		return nil
	}
	e.Signed, e.Signer = true, signer
	id := r.add(*e)
	r.c.in.Approvals = append(r.c.in.Approvals, Approval{Evidence: id, Approver: signer, Environment: a.Environment, Comment: a.Comment, ApprovedAt: a.ApprovedAt})
	return nil
}

// approverOf verifies env against the approvers' keys and returns the
// identity bound to the key that signed it; why says why not, when it
// was not signed by the key of claimed.
func (r *reader) approverOf(env *dsse.Envelope, claimed string) (signer, why string) {
	var all []signing.Verifier
	owner := map[string]string{}
	for id, keys := range r.src.Approvers {
		for _, k := range keys {
			all = append(all, k)
			owner[fingerprint(k)] = id
		}
	}
	if len(all) == 0 {
		return "", "no approver keys are configured (gate.approvers in vouch.yaml, or --approver ID=KEY)"
	}
	_, key, err := attest.VerifyEnvelope(env, all)
	if err != nil {
		return "", "not signed by a key of any configured approver: " + err.Error()
	}
	signer = owner[fingerprint(key)]
	if !strings.EqualFold(strings.TrimSpace(signer), strings.TrimSpace(claimed)) {
		return "", fmt.Sprintf("names %s as approver but is signed by the key of %s", claimed, signer)
	}
	return signer, ""
}

// waiver verifies signed waivers: each must be signed by the key of the
// approver it names, and be about the artifact.
func (r *reader) waiver(e *vouch.Evidence, env *dsse.Envelope, st *attest.Statement) error {
	e.Kind = "waiver"
	if !st.HasSubject(r.src.Artifact.Digest) {
		e.Rejected = fmt.Sprintf("the waiver is for %s, not the artifact %s", subjectList(st), r.src.Artifact.Digest)
		r.add(*e)
		return nil
	}
	ws, err := parseWaivers(st.Predicate, e.Source, "json")
	if err != nil {
		return err
	}
	approvers := map[string]bool{}
	for _, w := range ws {
		approvers[strings.ToLower(w.Approver)] = true
	}
	if len(approvers) != 1 {
		e.Rejected = "a signed waiver document must name one approver, whose key signs it"
		r.add(*e)
		return nil
	}
	signer, why := r.approverOf(env, ws[0].Approver)
	for _, w := range ws {
		if why == "" && w.Expires.Sub(r.now) > maxWaiverLife {
			why = fmt.Sprintf("waiver %s expires %s, more than a year from now", w.ID, w.Expires.Format(time.DateOnly))
		}
	}
	if why != "" {
		e.Rejected = why
		r.add(*e)
		return nil
	}
	e.Signed, e.Signer = true, signer
	for i := range ws {
		ws[i].Signed, ws[i].Signer = true, signer
	}
	r.c.waivers = append(r.c.waivers, ws...)
	r.add(*e)
	return nil
}
