// Package vouch holds the domain types that every other part of vouch speaks:
// the artifact a run is about (Target, Digest), what is inside it (Package,
// Inventory), what is wrong with it (Finding, Severity) and the errors that
// decide a process's exit code.
//
// It imports nothing else from the project. Adapters — lockfile parsers,
// image readers, SBOM codecs, the advisory database, report writers — import
// it and never the other way round.
package vouch
