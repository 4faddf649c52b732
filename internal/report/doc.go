// Package report writes the outcome of a scan — a Result — in the formats
// `vouch scan` offers: JSON, a human table, and SARIF 2.1.0.
//
// # Result
//
// A Result is one scan's outcome: the target, the scanners that ran, the
// advisory database they used, the findings that count and the findings
// that were accepted (suppressed, each saying why and by what). Its JSON
// form, written by WriteJSON, is vouch's machine-readable scan output and
// also the predicate of https://vouch.dev/scan/v1 attestations, so it is
// versioned (SchemaVersion "1") and its field names do not change within a
// version. The JSON schema of that form is schema/scan-v1.schema.json.
//
// Writers sort a copy of the findings with Sort before writing, so the same
// Result always yields the same bytes; none of them modifies the Result.
//
// # Table
//
// WriteTable writes findings grouped by file (for images, by file and the
// layer that added it), one aligned row per finding, then the accepted
// findings, then one summary line. Colour marks severity only, and only
// when TableOptions.Color is set (the caller decides: a terminal, no
// NO_COLOR). TableOptions.Width > 0 truncates rows to that many columns.
//
// # SARIF
//
// WriteSARIF writes one SARIF 2.1.0 run that validates against the OASIS
// schema and that GitHub code scanning accepts:
//
//   - one rule per advisory, secret rule or check id, with the fix as help
//     ("Upgrade lodash to 4.17.21"), the first reference as helpUri, tags
//     that include "security", and properties.security-severity, a number
//     as a string (the CVSS score when it agrees with the severity, else a
//     representative value of the severity) that GitHub ranks alerts by;
//   - one result per finding at its file (for vulnerabilities the lockfile
//     line), with uriBaseId %SRCROOT%, a relative URI and startLine ≥ 1
//     (GitHub rejects 0, so an unknown line is 1);
//   - levels: critical and high are "error", medium is "warning", low and
//     none are "note". UNKNOWN severity is "warning" with security-severity
//     "5.5" (shown as medium), never "note": vouch fails closed on unknown
//     severity, and so must the alert;
//   - partialFingerprints["vouchFindingHash/v1"], a hash of what the
//     finding is about (rule, file, layer, package, resource, secret
//     fingerprint) and not of its line, so alerts survive edits above them;
//   - accepted findings as results with suppressions
//     [{kind: "external", status: "accepted", justification}], which GitHub
//     shows as dismissed;
//   - secrets only ever as their masked value.
//
// GitHub shows at most 5,000 results per run (the most severe first) and
// rejects uploads of more than 25,000 results or more than 10 MB
// gzip-compressed. vouch does not drop results to stay under those limits:
// narrow the scan (--severity, --scanners) when a target produces that many.
//
// WriteDecisionTable, WriteDecisionJSON, WriteDecisionSARIF,
// WriteDecisionJUnit and WriteDecisionHTML write a gate's vouch.Decision —
// for people, as the decision/v1 predicate, for code scanning (driver
// "vouch-gate", waived violations as accepted suppressions), as JUnit XML
// for CI test reports, and as one self-contained HTML page for auditors —
// each on a sorted copy, never modifying the Decision.
package report
