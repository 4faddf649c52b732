package attest

import (
	"bytes"
	"embed"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
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

var (
	schemasOnce sync.Once
	schemas     map[string]*jsonschema.Schema
	schemasErr  error
)

func compileSchemas() {
	c := jsonschema.NewCompiler()
	schemas = map[string]*jsonschema.Schema{}
	for pt, f := range schemaFiles {
		b, err := schemaFS.ReadFile(f)
		if err != nil {
			schemasErr = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			schemasErr = fmt.Errorf("schema %s: %w", f, err)
			return
		}
		url := "https://vouch.dev/" + f
		if err := c.AddResource(url, doc); err != nil {
			schemasErr = fmt.Errorf("schema %s: %w", f, err)
			return
		}
		s, err := c.Compile(url)
		if err != nil {
			schemasErr = fmt.Errorf("schema %s: %w", f, err)
			return
		}
		schemas[pt] = s
	}
}

// checkedOnSign are the predicate types Sign and verification check
// against their schemas. A desired-state manifest lists every file of a
// tree (a schema check of 100,000 entries takes seconds); package drift
// checks it as it decodes, against the same rules, and tests hold both
// to the schema.
var checkedOnSign = map[string]bool{VouchScan: true}

// checkOwn validates a predicate when Sign and verification should.
func checkOwn(predicateType string, predicate []byte) error {
	if !checkedOnSign[predicateType] {
		return nil
	}
	return ValidatePredicate(predicateType, predicate)
}

// ValidatePredicate checks a predicate of one of vouch's own types
// against its JSON schema. Predicates of other types are not checked
// (nil error).
func ValidatePredicate(predicateType string, predicate []byte) error {
	if _, ok := schemaFiles[predicateType]; !ok {
		return nil
	}
	schemasOnce.Do(compileSchemas)
	if schemasErr != nil {
		return schemasErr
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(predicate))
	if err != nil {
		return fmt.Errorf("predicate %s: not JSON: %w", predicateType, err)
	}
	if err := schemas[predicateType].Validate(inst); err != nil {
		return fmt.Errorf("predicate %s does not match its schema: %w", predicateType, err)
	}
	return nil
}
