package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Settings tune the built-in policies for one environment. They reach
// policies as input.settings; vouch.yaml sets them per environment
// (gate.environments.NAME), on top of a preset. JSON and YAML names are
// the same.
type Settings struct {
	// RequireSignature: the artifact itself must carry a signature by a
	// trusted key.
	RequireSignature bool `json:"require_signature" yaml:"require_signature"`
	// RequireSignedEvidence: scans, SBOMs, SARIF and provenance count only
	// when a trusted key signed them.
	RequireSignedEvidence bool               `json:"require_signed_evidence" yaml:"require_signed_evidence"`
	Provenance            ProvenanceSettings `json:"provenance" yaml:"provenance"`
	Scans                 ScanSettings       `json:"scans" yaml:"scans"`
	Vulnerabilities       Threshold          `json:"vulnerabilities" yaml:"vulnerabilities"`
	Secrets               Threshold          `json:"secrets" yaml:"secrets"`
	Misconfig             Threshold          `json:"misconfig" yaml:"misconfig"`
	SAST                  Threshold          `json:"sast" yaml:"sast"`
	SBOM                  SBOMSettings       `json:"sbom" yaml:"sbom"`
	Licenses              LicenseSettings    `json:"licenses" yaml:"licenses"`
	Approvals             ApprovalSettings   `json:"approvals" yaml:"approvals"`
	Waivers               WaiverSettings     `json:"waivers" yaml:"waivers"`
	// Preset names the preset an environment that is not one itself
	// starts from (gate.environments.NAME.preset in vouch.yaml).
	Preset string `json:"-" yaml:"preset"`
}

// WaiverSettings: which waivers count, and what no waiver may accept.
type WaiverSettings struct {
	// RequireSigned: only waivers signed by their approver's key count;
	// waiver files in the repository do not.
	RequireSigned bool `json:"require_signed" yaml:"require_signed"`
	// Protected are the policies whose violations no waiver accepts:
	// controls that say whether the release process ran at all.
	Protected []string `json:"protected" yaml:"protected"`
}

// ProvenanceSettings: SLSA provenance required, from whom, of what.
type ProvenanceSettings struct {
	Required bool `json:"required" yaml:"required"`
	// Builders are the builder ids allowed (glob: * matches any run of
	// characters); empty allows any.
	Builders []string `json:"builders" yaml:"builders"`
	// Branches are the branches (or refs) builds may come from (glob);
	// empty allows any.
	Branches []string `json:"branches" yaml:"branches"`
	// Clean: the provenance must say the tree was clean (unknown fails).
	Clean bool `json:"clean" yaml:"clean"`
}

// ScanSettings: which scans must be present, and how fresh.
type ScanSettings struct {
	Required []string `json:"required" yaml:"required"` // "vuln", "secret", "misconfig"
	// HonourSuppressions: findings a scan suppressed (.vouchignore.yaml,
	// VEX, inline comments, a baseline: files of the repository under
	// test) stay suppressed. Off, they count like any other finding, so
	// that only the gate's waivers, with an approver and an expiry,
	// accept risk.
	HonourSuppressions bool `json:"honour_suppressions" yaml:"honour_suppressions"`
	// AllowedExcludes are the exclude-paths patterns a scan may have used
	// without a violation (compared as written, e.g. "**/testdata/**");
	// ExcludesDeny makes any other exclusion deny instead of warn.
	AllowedExcludes []string `json:"allowed_excludes" yaml:"allowed_excludes"`
	ExcludesDeny    bool     `json:"excludes_deny" yaml:"excludes_deny"`
	// MaxAge is how old the newest scan of each kind may be; 0 is no
	// limit. In YAML a Go duration ("24h", "168h").
	MaxAge        Duration `json:"-" yaml:"max_age"`
	MaxAgeSeconds int64    `json:"max_age_seconds" yaml:"-"`
}

// Threshold: findings at or above Deny deny, those at or above Warn warn.
// "" (or "none" in YAML) turns a level off.
type Threshold struct {
	Deny string `json:"deny" yaml:"deny"`
	Warn string `json:"warn" yaml:"warn"`
	// FixedOnly (vulnerabilities): a vulnerability with no known fix
	// warns instead of denying.
	FixedOnly bool `json:"fixed_only" yaml:"fixed_only"`
	// Unknown says how a finding without severity counts: "deny" (the
	// default: fail closed, it meets every threshold), "warn", or
	// "ignore".
	Unknown string `json:"unknown" yaml:"unknown"`
}

// SBOMSettings: an SBOM must come with the artifact.
type SBOMSettings struct {
	Required bool `json:"required" yaml:"required"`
}

// LicenseSettings: licences (SPDX ids, glob) that deny or warn.
type LicenseSettings struct {
	Deny []string `json:"deny" yaml:"deny"`
	Warn []string `json:"warn" yaml:"warn"`
}

// ApprovalSettings: recorded approvals needed, and by whom.
type ApprovalSettings struct {
	Required int `json:"required" yaml:"required"` // distinct approvers needed
	// Approvers, when set, are the identities whose approvals count.
	Approvers []string `json:"approvers" yaml:"approvers"`
	// AllowAuthor lets the commit's author approve it; off by default
	// (separation of duties).
	AllowAuthor bool `json:"allow_author" yaml:"allow_author"`
}

// Duration is a time.Duration written as "24h" in YAML.
type Duration time.Duration

// UnmarshalText reads a Go duration, or days as "7d".
func (d *Duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if n, ok := strings.CutSuffix(s, "d"); ok {
		var days int
		if _, err := fmt.Sscanf(n, "%d", &days); err == nil && days >= 0 && fmt.Sprint(days) == n {
			*d = Duration(time.Duration(days) * 24 * time.Hour)
			return nil
		}
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("bad duration %q (want 24h, 90m or 7d)", s)
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes the duration as Go prints it.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// protectedPolicies say whether the release process ran at all; by
// default no waiver accepts their violations.
var protectedPolicies = []string{"approvals", "provenance", "sbom", "scans", "signature"}

// Preset returns the built-in settings for an environment name:
// development (dev), staging (stage), production (prod); any other name
// gets staging's, the middle ground. ok is false for a name that is not a
// preset.
func Preset(env string) (s Settings, ok bool) {
	switch strings.ToLower(env) {
	case "development", "dev":
		return Settings{
			Scans:           ScanSettings{Required: []string{"vuln", "secret"}, HonourSuppressions: true},
			Vulnerabilities: Threshold{Warn: "HIGH", Unknown: "warn"},
			Secrets:         Threshold{Deny: "LOW", Unknown: "deny"},
			Misconfig:       Threshold{Warn: "HIGH", Unknown: "ignore"},
			SAST:            Threshold{Warn: "HIGH", Unknown: "ignore"},
		}.normal(), true
	case "staging", "stage":
		return staging(), true
	case "production", "prod":
		s := staging()
		s.RequireSignedEvidence = true
		s.Provenance.Clean = true
		s.Provenance.Branches = []string{"main", "master", "release/*"}
		s.Vulnerabilities = Threshold{Deny: "HIGH", Warn: "MEDIUM", FixedOnly: true, Unknown: "deny"}
		s.Misconfig = Threshold{Deny: "HIGH", Warn: "MEDIUM", Unknown: "warn"}
		s.SAST = Threshold{Deny: "HIGH", Warn: "MEDIUM", Unknown: "warn"}
		s.Licenses = LicenseSettings{Deny: []string{"AGPL-*", "SSPL-*", "BUSL-*"}, Warn: []string{"GPL-*", "LGPL-*"}}
		s.Approvals = ApprovalSettings{Required: 1}
		s.Scans.HonourSuppressions = false
		s.Scans.ExcludesDeny = true
		s.Waivers.RequireSigned = true
		return s.normal(), true
	}
	return staging(), false
}

func staging() Settings {
	return Settings{
		RequireSignature: true,
		Provenance:       ProvenanceSettings{Required: true},
		Scans:            ScanSettings{Required: []string{"vuln", "secret", "misconfig"}, MaxAge: Duration(24 * time.Hour), HonourSuppressions: true},
		Vulnerabilities:  Threshold{Deny: "CRITICAL", Warn: "HIGH", Unknown: "warn"},
		Secrets:          Threshold{Deny: "LOW", Unknown: "deny"},
		Misconfig:        Threshold{Deny: "CRITICAL", Warn: "HIGH", Unknown: "warn"},
		SAST:             Threshold{Deny: "CRITICAL", Warn: "HIGH", Unknown: "warn"},
		SBOM:             SBOMSettings{Required: true},
	}.normal()
}

// normal fills derived fields and gives nil lists as empty ones, so that
// policies see [] rather than null.
func (s Settings) normal() Settings {
	s.Scans.MaxAgeSeconds = int64(time.Duration(s.Scans.MaxAge) / time.Second)
	if s.Waivers.Protected == nil {
		s.Waivers.Protected = slices.Clone(protectedPolicies)
	}
	for _, l := range []*[]string{&s.Scans.AllowedExcludes, &s.Waivers.Protected, &s.Provenance.Builders, &s.Provenance.Branches, &s.Scans.Required, &s.Licenses.Deny, &s.Licenses.Warn, &s.Approvals.Approvers} {
		if *l == nil {
			*l = []string{}
		}
	}
	return s
}

// Validate checks the settings and normalises severity names (any case,
// "none" for off) to the upper-case names policies compare with.
func (s *Settings) Validate() error {
	for name, t := range map[string]*Threshold{"vulnerabilities": &s.Vulnerabilities, "secrets": &s.Secrets, "misconfig": &s.Misconfig, "sast": &s.SAST} {
		for _, lv := range []*string{&t.Deny, &t.Warn} {
			if strings.EqualFold(*lv, "none") || strings.EqualFold(*lv, "off") {
				*lv = ""
			}
			if *lv == "" {
				continue
			}
			sev, err := vouch.ParseSeverity(*lv)
			if err != nil || sev == vouch.SeverityUnknown || sev == vouch.SeverityNone {
				return fmt.Errorf("%s: bad threshold %q (want low, medium, high, critical or none)", name, *lv)
			}
			*lv = sev.String()
		}
		switch strings.ToLower(t.Unknown) {
		case "":
			t.Unknown = "deny"
		case "deny", "warn", "ignore":
			t.Unknown = strings.ToLower(t.Unknown)
		default:
			return fmt.Errorf("%s: bad unknown %q (want deny, warn or ignore)", name, t.Unknown)
		}
	}
	for _, k := range s.Scans.Required {
		if !slices.Contains([]string{"vuln", "secret", "misconfig"}, k) {
			return fmt.Errorf("scans.required: unknown scanner %q (want vuln, secret or misconfig)", k)
		}
	}
	if s.Approvals.Required < 0 {
		return fmt.Errorf("approvals.required: %d is negative", s.Approvals.Required)
	}
	*s = s.normal()
	return nil
}
