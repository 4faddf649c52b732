package vouch

import "time"

// Verdict is what a gate decided about an artifact for an environment.
type Verdict string

const (
	Allow Verdict = "allow" // no violation
	Warn  Verdict = "warn"  // violations that only warn
	Deny  Verdict = "deny"  // at least one violation that denies
)

// Decision is one gate run's outcome: what was decided about which
// artifact for which environment, from which evidence, under which
// policies, and why. Its JSON form is vouch gate's JSON output and the
// predicate of https://vouch.dev/decision/v1 attestations.
type Decision struct {
	SchemaVersion string      `json:"schemaVersion"` // "1"
	Environment   string      `json:"environment"`
	Artifact      Subject     `json:"artifact"`
	Verdict       Verdict     `json:"verdict"`
	Context       GateContext `json:"context"`
	// Violations are the violations that count; Waived are those a
	// waiver covered; ExpiredWaivers are waivers that would have matched
	// a violation but had expired, so did not apply.
	Violations     []Violation `json:"violations"`
	Waived         []Violation `json:"waived"`
	ExpiredWaivers []Waiver    `json:"expiredWaivers"`
	Evidence       []Evidence  `json:"evidence"`
	Policies       []Policy    `json:"policies"`
	// PolicyDigest is the digest of the policy bundle: every module and
	// the settings, in a canonical order.
	PolicyDigest Digest         `json:"policyDigest"`
	InputDigest  Digest         `json:"inputDigest"` // digest of the canonical input document
	Summary      GateSummary    `json:"summary"`
	Tool         string         `json:"tool"` // "vouch VERSION"
	DecidedAt    time.Time      `json:"decidedAt"`
	Settings     map[string]any `json:"settings,omitempty"` // the environment's settings the policies read
}

// Subject names an artifact by its digest.
type Subject struct {
	Name   string `json:"name"`
	Digest Digest `json:"digest"`
}

// GateContext is what a gate knew about the change being shipped.
type GateContext struct {
	Repository string `json:"repository,omitempty"`
	Branch     string `json:"branch,omitempty"`
	Commit     string `json:"commit,omitempty"`
	Actor      string `json:"actor,omitempty"`  // who runs the deployment
	Author     string `json:"author,omitempty"` // who wrote the commit
}

// Violation is one rule of one policy that the evidence breaks.
type Violation struct {
	Policy   string   `json:"policy"` // policy id: "vulnerabilities", "acme.no_latest" …
	Action   Verdict  `json:"action"` // Deny or Warn
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Evidence names the evidence (Evidence.ID) the violation came from;
	// empty when it comes from what is missing.
	Evidence []string `json:"evidence,omitempty"`
	Finding  string   `json:"finding,omitempty"` // finding id, for violations about one finding
	Package  string   `json:"package,omitempty"` // package purl or name, when about one package
	Waiver   *Waiver  `json:"waiver,omitempty"`  // the waiver that covered it, for waived violations
}

// Waiver accepts violations for a while: those of Policy, about Finding,
// about Package, in Environment (each empty field matches anything, but a
// waiver must name at least one of Policy, Finding and Package).
type Waiver struct {
	ID          string    `json:"id"`
	Policy      string    `json:"policy,omitempty"`
	Finding     string    `json:"finding,omitempty"`
	Package     string    `json:"package,omitempty"`
	Environment string    `json:"environment,omitempty"`
	Owner       string    `json:"owner"`
	Reason      string    `json:"reason"`
	Approver    string    `json:"approver"`
	Expires     time.Time `json:"expires"`
	Source      string    `json:"source"`           // file it came from
	Signed      bool      `json:"signed"`           // it came as signed evidence
	Signer      string    `json:"signer,omitempty"` // the key that signed it
}

// Evidence is one input of a gate run.
type Evidence struct {
	ID            string `json:"id"`     // "e1", "e2" … in the order given
	Source        string `json:"source"` // file path or registry reference
	Kind          string `json:"kind"`   // scan, sbom, sarif, provenance, approval, signature, waiver, attestation
	Format        string `json:"format,omitempty"`
	Digest        Digest `json:"digest"` // digest of the file as read
	PredicateType string `json:"predicateType,omitempty"`
	Signed        bool   `json:"signed"`
	Signer        string `json:"signer,omitempty"`   // key fingerprint or identity that signed it
	Rejected      string `json:"rejected,omitempty"` // why it was not used, when it was not
}

// Policy is one policy a gate evaluated.
type Policy struct {
	ID          string `json:"id"`
	Title       string `json:"title,omitempty"`
	Source      string `json:"source"` // "builtin" or the file it came from
	Violations  int    `json:"violations"`
	Description string `json:"description,omitempty"`
}

// GateSummary counts what the evidence held, for reports.
type GateSummary struct {
	Components int `json:"components"` // packages in the SBOMs and scans, deduplicated by purl
	// Findings counts findings by kind ("vulnerability", "secret",
	// "misconfiguration", "sast") and severity name ("CRITICAL" … "UNKNOWN",
	// as Severity.String writes them).
	Findings map[string]map[string]int `json:"findings"`
	Licenses map[string]int            `json:"licenses,omitempty"` // components per licence
	Denied   int                       `json:"denied"`
	Warned   int                       `json:"warned"`
	Waived   int                       `json:"waived"`
}
