// Package schematest validates predicates against the JSON schemas of
// vouch's own predicate types (internal/attest/schemas). Tests use it to
// hold the runtime checks — attest.ValidatePredicate for scan results,
// drift.DecodeManifest for desired-state manifests — to the published
// schemas; the vouch binary never imports it, so the schema engine costs
// it nothing at startup.
package schematest

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vouch-dev/vouch/internal/attest"
)

var (
	once     sync.Once
	compiled map[string]*jsonschema.Schema
	initErr  error
)

func compile() {
	compiled = map[string]*jsonschema.Schema{}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // "format": "date-time" is a rule here, not a note
	for _, pt := range []string{attest.VouchScan, attest.VouchDesiredState, attest.VouchDecision, attest.VouchApproval, attest.VouchWaiver} {
		b, ok := attest.Schema(pt)
		if !ok {
			initErr = fmt.Errorf("no schema for %s", pt)
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			initErr = fmt.Errorf("schema of %s: %w", pt, err)
			return
		}
		url := pt + ".schema.json"
		if err := c.AddResource(url, doc); err != nil {
			initErr = err
			return
		}
		s, err := c.Compile(url)
		if err != nil {
			initErr = fmt.Errorf("schema of %s: %w", pt, err)
			return
		}
		compiled[pt] = s
	}
}

// Validate checks predicate against the schema of predicateType, one of
// vouch's own types.
func Validate(predicateType string, predicate []byte) error {
	once.Do(compile)
	if initErr != nil {
		return initErr
	}
	s, ok := compiled[predicateType]
	if !ok {
		return fmt.Errorf("no schema for %s", predicateType)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(predicate))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return s.Validate(inst)
}
