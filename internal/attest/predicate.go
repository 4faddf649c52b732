package attest

import (
	"embed"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Predicate types vouch writes or reads.
const (
	SLSAProvenanceV1  = "https://slsa.dev/provenance/v1"
	SLSAProvenanceV02 = "https://slsa.dev/provenance/v0.2"
	CycloneDX         = "https://cyclonedx.org/bom"
	SPDX              = "https://spdx.dev/Document"
	OpenVEX           = "https://openvex.dev/ns"
	InTotoLink        = "https://in-toto.io/Link/v1"
	CosignCustom      = "https://cosign.sigstore.dev/attestation/v1"
	CosignVuln        = "https://cosign.sigstore.dev/attestation/vuln/v1"
	// CosignSign is the predicate of cosign v3's image signatures: a
	// statement about the image digest with an empty predicate.
	CosignSign = "https://sigstore.dev/cosign/sign/v1"

	// vouch's own predicates; each has a JSON schema in schemas/.
	VouchScan         = "https://vouch.dev/scan/v1"
	VouchDesiredState = "https://vouch.dev/desired-state/v1"
	VouchDecision     = "https://vouch.dev/decision/v1" // vouch gate's decision
	VouchApproval     = "https://vouch.dev/approval/v1" // vouch approve's approval
	VouchWaiver       = "https://vouch.dev/waiver/v1"   // a signed waiver file
)

// shortNames are the predicate names --type accepts, cosign's and vouch's.
var shortNames = map[string]string{
	"slsaprovenance1":  SLSAProvenanceV1,
	"slsaprovenance":   SLSAProvenanceV02,
	"slsaprovenance02": SLSAProvenanceV02,
	"cyclonedx":        CycloneDX,
	"spdx":             SPDX,
	"spdxjson":         SPDX,
	"openvex":          OpenVEX,
	"link":             InTotoLink,
	"custom":           CosignCustom,
	"vuln":             CosignVuln,
	"vouch-scan":       VouchScan,
	"desired-state":    VouchDesiredState,
	"decision":         VouchDecision,
	"approval":         VouchApproval,
	"waiver":           VouchWaiver,
}

// ParsePredicateType turns a --type value into a predicate type URI: a
// short name (slsaprovenance1, cyclonedx, spdx, vouch-scan …) or a URI.
func ParsePredicateType(s string) (string, error) {
	if uri, ok := shortNames[s]; ok {
		return uri, nil
	}
	if u, err := url.ParseRequestURI(s); err == nil && u.Scheme != "" {
		return s, nil
	}
	return "", fmt.Errorf("predicate type %q: want a URI or one of %s", s, strings.Join(ShortNames(), ", "))
}

// ShortNames lists the short predicate names, sorted.
func ShortNames() []string {
	names := make([]string, 0, len(shortNames))
	for n := range shortNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

//go:embed schemas/*.json
var schemaFS embed.FS

// schemaFiles maps vouch's predicate types to their schema files.
var schemaFiles = map[string]string{
	VouchScan:         "schemas/scan-v1.json",
	VouchDesiredState: "schemas/desired-state-v1.json",
	VouchDecision:     "schemas/decision-v1.json",
	VouchApproval:     "schemas/approval-v1.json",
	VouchWaiver:       "schemas/waiver-v1.json",
}

// Schema returns the JSON schema of one of vouch's own predicate types.
func Schema(predicateType string) ([]byte, bool) {
	f, ok := schemaFiles[predicateType]
	if !ok {
		return nil, false
	}
	b, err := schemaFS.ReadFile(f)
	return b, err == nil
}

// checkOwn validates a predicate of vouch's own types where Sign and
// verification should: scan results. A desired-state manifest lists
// every file of a tree, and package drift checks it as it decodes
// (drift.DecodeManifest) against the same rules.
func checkOwn(predicateType string, predicate []byte) error {
	if predicateType != VouchScan {
		return nil
	}
	return ValidatePredicate(predicateType, predicate)
}

// ValidatePredicate checks a scan result predicate
// (https://vouch.dev/scan/v1) against the rules of its schema,
// schemas/scan-v1.json: required fields, enumerations, digests. Tests hold
// it to the schema itself (package schematest); a schema engine in the
// binary would cost every command its start-up time. Other predicate
// types are not checked here (nil error); desired-state manifests are
// checked by package drift.
func ValidatePredicate(predicateType string, predicate []byte) error {
	if predicateType != VouchScan {
		return nil
	}
	if err := validateScan(predicate); err != nil {
		return fmt.Errorf("predicate %s does not match its schema: %w", predicateType, err)
	}
	return nil
}
