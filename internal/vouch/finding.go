package vouch

// FindingKind says which scanner produced a finding.
type FindingKind string

const (
	KindVulnerability FindingKind = "vulnerability"
	KindSecret        FindingKind = "secret"
	KindMisconfig     FindingKind = "misconfiguration"
)

// Finding is one thing wrong with a target, whatever found it.
type Finding struct {
	Kind     FindingKind `json:"kind"`
	ID       string      `json:"id"`                // advisory or rule id
	Aliases  []string    `json:"aliases,omitempty"` // other ids of the same flaw (CVE, GHSA …)
	Title    string      `json:"title,omitempty"`
	Detail   string      `json:"detail,omitempty"`
	Severity Severity    `json:"severity"`
	Score    float64     `json:"score,omitempty"`  // CVSS base score, when known
	Vector   string      `json:"vector,omitempty"` // CVSS vector it came from
	Location Location    `json:"location"`
	// Vulnerabilities: the affected package and the advice.
	Package    *Package `json:"package,omitempty"`
	FixedIn    string   `json:"fixedIn,omitempty"`
	References []string `json:"references,omitempty"`
	// Reachable is "yes", "no" or "" (not analysed) for vulnerabilities
	// whose advisory names symbols.
	Reachable string `json:"reachable,omitempty"`
	// Secrets: never the value itself.
	Masked      string `json:"masked,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	// Misconfigurations: the resource and what to do.
	Resource    string `json:"resource,omitempty"`
	Remediation string `json:"remediation,omitempty"`
	EndLine     int    `json:"endLine,omitempty"`
	// Suppressed says why an accepted finding does not count, when it does not.
	Suppressed *Suppression `json:"suppressed,omitempty"`
}

// Suppression records why a finding was accepted and by what.
type Suppression struct {
	Source string `json:"source"` // ".vouchignore.yaml", "vex:FILE", "inline", "baseline"
	Reason string `json:"reason,omitempty"`
	Until  string `json:"until,omitempty"`
}
