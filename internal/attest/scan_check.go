package attest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// The scan result's rules, as schemas/scan-v1.json states them.

type scanDoc struct {
	SchemaVersion *string `json:"schemaVersion"`
	Tool          *struct {
		Name    *string `json:"name"`
		Version *string `json:"version"`
	} `json:"tool"`
	Target *struct {
		Kind   *string `json:"kind"`
		Name   *string `json:"name"`
		Digest *string `json:"digest"`
	} `json:"target"`
	Scanners   []string        `json:"scanners"`
	Findings   []scanFinding   `json:"findings"`
	Suppressed []scanFinding   `json:"suppressed"`
	Summary    *scanSummary    `json:"summary"`
	CreatedAt  *string         `json:"createdAt"`
	Packages   *int            `json:"packages"`
	Database   json.RawMessage `json:"database"`
	// ExcludePaths stays raw so that null (which the schema refuses) is
	// told from a missing field (which it allows).
	ExcludePaths json.RawMessage `json:"excludePaths"`
}

type scanSummary struct {
	Total      *int            `json:"total"`
	BySeverity map[string]*int `json:"bySeverity"`
}

type scanFinding struct {
	Kind     *string  `json:"kind"`
	ID       *string  `json:"id"`
	Severity *string  `json:"severity"`
	Score    *float64 `json:"score"`
	Location *struct {
		Path *string `json:"path"`
		Line *int    `json:"line"`
	} `json:"location"`
	Package *struct {
		Ecosystem *string `json:"ecosystem"`
		Name      *string `json:"name"`
		Version   *string `json:"version"`
	} `json:"package"`
	Reachable  *string `json:"reachable"`
	Suppressed *struct {
		Source *string `json:"source"`
	} `json:"suppressed"`
}

var (
	scanKinds      = map[string]bool{"directory": true, "file": true, "image": true, "sbom": true}
	findingKinds   = map[string]bool{"vulnerability": true, "secret": true, "misconfiguration": true}
	severities     = map[string]bool{"UNKNOWN": true, "NONE": true, "LOW": true, "MEDIUM": true, "HIGH": true, "CRITICAL": true}
	scannerNames   = map[string]bool{"vuln": true, "secret": true, "misconfig": true}
	digestPattern  = regexp.MustCompile(`^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$`)
	severityFields = []string{"critical", "high", "medium", "low", "none", "unknown"}
)

func validateScan(b []byte) error {
	var d scanDoc
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&d); err != nil {
		return errors.New(shortJSONError(err))
	}
	switch {
	case d.SchemaVersion == nil || *d.SchemaVersion != "1":
		return errors.New(`schemaVersion must be "1"`)
	case d.Tool == nil || d.Tool.Name == nil || *d.Tool.Name == "" || d.Tool.Version == nil:
		return errors.New("tool needs a name and a version")
	case d.Target == nil || d.Target.Kind == nil || !scanKinds[*d.Target.Kind] || d.Target.Name == nil:
		return errors.New("target needs a kind (directory, file, image, sbom) and a name")
	case d.Target.Digest != nil && *d.Target.Digest != "" && !digestPattern.MatchString(*d.Target.Digest):
		return fmt.Errorf("target digest %q", *d.Target.Digest)
	case d.Scanners == nil:
		return errors.New("no scanners list")
	case d.Findings == nil || d.Suppressed == nil:
		return errors.New("findings and suppressed must be lists")
	case d.Summary == nil || d.Summary.Total == nil || *d.Summary.Total < 0 || d.Summary.BySeverity == nil:
		return errors.New("summary needs total and bySeverity")
	case d.CreatedAt == nil:
		return errors.New("no createdAt")
	case d.Packages != nil && *d.Packages < 0:
		return errors.New("packages is negative")
	}
	if _, err := time.Parse(time.RFC3339, *d.CreatedAt); err != nil {
		return fmt.Errorf("createdAt %q is not a date-time", *d.CreatedAt)
	}
	for _, s := range d.Scanners {
		if !scannerNames[s] {
			return fmt.Errorf("scanner %q", s)
		}
	}
	if d.ExcludePaths != nil {
		var ps []string
		if err := json.Unmarshal(d.ExcludePaths, &ps); err != nil || ps == nil {
			return errors.New("excludePaths must be a list of strings")
		}
	}
	for _, k := range severityFields {
		if v, ok := d.Summary.BySeverity[k]; !ok || v == nil || *v < 0 {
			return fmt.Errorf("summary.bySeverity.%s must be a count", k)
		}
	}
	for i := range d.Findings {
		if err := d.Findings[i].check(false); err != nil {
			return fmt.Errorf("finding %d: %w", i, err)
		}
	}
	for i := range d.Suppressed {
		if err := d.Suppressed[i].check(true); err != nil {
			return fmt.Errorf("suppressed finding %d: %w", i, err)
		}
	}
	return nil
}

func (f *scanFinding) check(suppressed bool) error {
	switch {
	case f.Kind == nil || !findingKinds[*f.Kind]:
		return errors.New("kind must be vulnerability, secret or misconfiguration")
	case f.ID == nil || *f.ID == "":
		return errors.New("no id")
	case f.Severity == nil || !severities[*f.Severity]:
		return errors.New("severity must be one of UNKNOWN, NONE, LOW, MEDIUM, HIGH, CRITICAL")
	case f.Location == nil || f.Location.Path == nil:
		return errors.New("no location path")
	case f.Location.Line != nil && *f.Location.Line < 0:
		return errors.New("negative line")
	case f.Score != nil && (*f.Score < 0 || *f.Score > 10):
		return errors.New("score outside 0–10")
	case f.Package != nil && (f.Package.Ecosystem == nil || f.Package.Name == nil || f.Package.Version == nil):
		return errors.New("package needs ecosystem, name and version")
	case f.Reachable != nil && *f.Reachable != "" && *f.Reachable != "yes" && *f.Reachable != "no":
		return errors.New(`reachable must be "", yes or no`)
	case f.Suppressed != nil && f.Suppressed.Source == nil:
		return errors.New("suppression has no source")
	case suppressed && f.Suppressed == nil:
		return errors.New("an accepted finding must say why (suppressed)")
	}
	return nil
}
