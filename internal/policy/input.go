package policy

import "github.com/vouch-dev/vouch/internal/vouch"

// InputSchemaVersion is the version of the Input document this package
// builds; schema/gate-input-v1.json describes it.
const InputSchemaVersion = "1"

// Input is the document every gate policy reads as `input`: the context
// of the deployment, the environment's settings, and what the evidence
// says, already parsed and verified. Policies never read files; a piece
// of evidence that did not verify is listed in Evidence with Rejected set
// and contributes nothing else.
type Input struct {
	SchemaVersion string            `json:"schemaVersion"`
	Environment   string            `json:"environment"`
	Time          string            `json:"time"` // RFC 3339, UTC: when the gate ran
	Context       vouch.GateContext `json:"context"`
	Artifact      Artifact          `json:"artifact"`
	Settings      Settings          `json:"settings"`
	Evidence      []vouch.Evidence  `json:"evidence"`
	Scans         []Scan            `json:"scans"`
	SBOMs         []SBOM            `json:"sboms"`
	SARIF         []SARIFRun        `json:"sarif"`
	Provenance    []Provenance      `json:"provenance"`
	Approvals     []Approval        `json:"approvals"`
}

// Artifact is what is about to ship.
type Artifact struct {
	Name   string `json:"name"`
	Digest string `json:"digest"` // "sha256:…"
	// Signed is true when a trusted key signed the artifact itself (a
	// signature, not an attestation about it); Signers are those keys.
	Signed  bool     `json:"signed"`
	Signers []string `json:"signers"`
}

// Scan is one vouch scan result (scan/v1).
type Scan struct {
	Evidence   string   `json:"evidence"` // Evidence.ID
	Signed     bool     `json:"signed"`
	Scanners   []string `json:"scanners"` // "vuln", "secret", "misconfig"
	Target     string   `json:"target"`
	CreatedAt  string   `json:"createdAt"`  // RFC 3339
	AgeSeconds int64    `json:"ageSeconds"` // Time - CreatedAt
	// Findings are the findings that count. Those the scan suppressed are
	// here too, with Suppressed set, unless the environment honours scan
	// suppressions (settings.scans.honour_suppressions).
	Findings []Finding `json:"findings"`
	// ExcludePaths are the exclude-paths patterns the scan ran with: what
	// it did not look at.
	ExcludePaths []string `json:"excludePaths"`
}

// Finding is one finding of a scan, flattened for policies.
type Finding struct {
	Kind      string   `json:"kind"` // "vulnerability", "secret", "misconfiguration"
	ID        string   `json:"id"`
	Aliases   []string `json:"aliases"`
	Severity  string   `json:"severity"` // "CRITICAL" … "LOW", "NONE", "UNKNOWN"
	Title     string   `json:"title"`
	Package   string   `json:"package"` // purl, or name when there is none
	Name      string   `json:"name"`
	Version   string   `json:"version"`
	Ecosystem string   `json:"ecosystem"`
	FixedIn   string   `json:"fixedIn"`  // "" when no fix is known
	Location  string   `json:"location"` // "path:line"
	Reachable string   `json:"reachable"`
	// Suppressed names what the scan suppressed it with
	// (".vouchignore.yaml", "vex:FILE", "inline", "baseline") when the
	// environment does not honour scan suppressions; "" otherwise.
	Suppressed string `json:"suppressed"`
}

// SBOM is one software bill of materials.
type SBOM struct {
	Evidence   string      `json:"evidence"`
	Signed     bool        `json:"signed"`
	Format     string      `json:"format"` // "cyclonedx", "spdx"
	Components []Component `json:"components"`
}

// Component is one package of an SBOM.
type Component struct {
	Name      string   `json:"name"`
	Version   string   `json:"version"`
	Purl      string   `json:"purl"`
	Ecosystem string   `json:"ecosystem"`
	Licenses  []string `json:"licenses"` // SPDX ids or expressions as the SBOM gives them
}

// SARIFRun is the results of one run of a static analysis tool.
type SARIFRun struct {
	Evidence string        `json:"evidence"`
	Signed   bool          `json:"signed"`
	Tool     string        `json:"tool"` // driver name: "CodeQL", "Semgrep OSS", "gosec"
	Results  []SARIFResult `json:"results"`
}

// SARIFResult is one SARIF result. Severity comes from the rule's or
// result's security-severity property (a CVSS-like score, as CodeQL and
// GitHub use it) when there is one, else from a severity word among the
// rule's tags (gosec's), else from the level: error HIGH, warning MEDIUM,
// note LOW, none NONE.
type SARIFResult struct {
	RuleID   string `json:"ruleId"`
	Level    string `json:"level"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Location string `json:"location"` // "path:line"
}

// Provenance is one SLSA provenance statement about the artifact.
type Provenance struct {
	Evidence   string `json:"evidence"`
	Signed     bool   `json:"signed"`
	BuildType  string `json:"buildType"`
	Builder    string `json:"builder"`
	Repository string `json:"repository"`
	Ref        string `json:"ref"` // "refs/heads/main"
	Branch     string `json:"branch"`
	Commit     string `json:"commit"`
	// Dirty is "yes", "no" or "unknown" (the build type does not say).
	Dirty string `json:"dirty"`
}

// Approval is a recorded approval of the artifact for an environment. Only
// approvals signed by a key bound to the approver's identity (gate
// approvers in vouch.yaml, --approver) are here; others are rejected
// evidence.
type Approval struct {
	Evidence    string `json:"evidence"`
	Approver    string `json:"approver"`
	Environment string `json:"environment"`
	Comment     string `json:"comment"`
	ApprovedAt  string `json:"approvedAt"`
}
