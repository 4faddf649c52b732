package report

import _ "embed"

// ScanSchema is the JSON schema (draft 2020-12) of Result's JSON form,
// schema version 1: what `vouch scan --format json` writes and what a
// https://vouch.dev/scan/v1 predicate holds.
//
//go:embed schema/scan-v1.schema.json
var ScanSchema []byte
