// Package suppress decides which findings are accepted risk. Accepted
// findings are never dropped: Set.Apply moves them to a separate list, each
// with a vouch.Suppression that says why, by what file, and until when, so
// that reports and attestations show them.
//
// Two kinds of input say what is accepted.
//
// # Ignore files (.vouchignore.yaml)
//
// An ignore file is YAML: a list of entries under the key "ignore" (a bare
// top-level list is read the same way). Each entry is a mapping:
//
//	ignore:
//	  - id: GHSA-c2qf-rxjj-qqgw          # required: advisory, secret rule or check id
//	    package: pkg:npm/semver@7.5.1    # optional: purl, "name" or "name@version"
//	    path: "frontend/**"              # optional: glob over the finding's file
//	    reason: only parses our own lockfile  # required
//	    expires: 2026-01-31              # optional: YYYY-MM-DD
//
// An entry matches a finding when id equals the finding's id or one of its
// aliases (ignoring case); package and path, when given, narrow it. A purl
// without a version matches every version and qualifiers are ignored; a
// plain name matches the package's name or, for OS packages, its source
// package name (PyPI names are compared after PEP 503 normalisation). A
// path glob matches the finding's file path with "/" separators: "*", "?"
// and "[…]" match within one path element, "**" matches any number of
// elements, and a glob without "/" matches the file name in any directory.
//
// An entry suppresses until the end of its expires day, UTC. After that it
// stops suppressing and Apply warns "… expired on DATE (FILE:LINE); the
// finding counts again": an expiry is a reminder, not a silent re-opening.
// An entry without a reason, an unknown key, a bad date, purl or glob, and
// malformed YAML are errors naming the file and line: a typo must not
// widen or lengthen what is accepted. The first entry that matches wins.
//
// # VEX documents
//
// LoadVEX reads OpenVEX (v0.0.1 and v0.2.0 JSON; "@context" under
// https://openvex.dev/ns) and CycloneDX VEX (a JSON BOM with
// vulnerabilities[].analysis, spec 1.4 to 1.6), telling them apart by
// content.
//
// A VEX statement applies to a vulnerability finding when its
// vulnerability name or one of its aliases equals the finding's id or one
// of its aliases, and one of its product purls (OpenVEX: products[].@id,
// products[].identifiers.purl and subcomponents; CycloneDX: affects[].ref,
// a purl or the bom-ref of a component in the same document) matches the
// finding's package purl, with the same rules as above. Of the statements
// that apply, the latest (by timestamp, then by order of loading) decides:
// OpenVEX not_affected and fixed, and CycloneDX not_affected,
// false_positive, resolved and resolved_with_pedigree suppress; affected,
// under_investigation, exploitable and in_triage do not. An OpenVEX
// not_affected statement without a justification or impact_statement is
// invalid per the specification and makes LoadVEX fail.
//
// Ignore files are consulted before VEX documents. Findings that already
// carry a Suppression (inline comments, handled by the scanners) stay
// suppressed.
package suppress
