// Package vulndb is vouch's offline advisory database: it imports OSV
// records (https://ossf.github.io/osv-schema/), keeps them in a compact
// on-disk index, and matches package inventories against them.
//
// # Using it
//
//	st, err := vulndb.Update(ctx, dir, vulndb.UpdateOptions{})   // fetch from OSV
//	st, err := vulndb.Import(ctx, dir, []string{"Go.zip", "advisories/"})
//	db, err := vulndb.Open(dir)            // errors.Is(err, vulndb.ErrNoDatabase) when empty
//	defer db.Close()
//	findings, err := db.Match(ctx, inventory.Packages)
//
// Import reads OSV JSON documents, zip archives of them (OSV's
// <Ecosystem>/all.zip) and directories of both. Update downloads all.zip
// per ecosystem with conditional requests and integrity checks. Both merge
// into what the database holds by record id, the newest "modified" winning
// (the incoming record on a tie, as the Go database dates every record
// 0001-01-01), and both change nothing unless every document parses.
//
// # On disk
//
// A database directory holds generations and a pointer to the current one:
//
//	dir/current              "gen-20260821T203800Z-1234\n"
//	dir/lock                 held by the one import or update at a time
//	dir/gen-…/status.json    sources, record counts, build time
//	dir/gen-…/readers.lock   held (shared) by every open DB
//	dir/gen-…/Go.vdb         one file per base ecosystem ("Debian" holds
//	dir/gen-…/PyPI.vdb       Debian:11, Debian:12 …)
//
// An import writes a new generation beside the current one, syncs every
// file and the directory, then renames a new pointer over "current". Files
// of ecosystems the import does not touch are hard links to the previous
// generation's. A process killed at any point leaves the previous
// generation current and intact; the next import removes what it left. An
// open DB keeps its generation: its files are memory-mapped, and cleanup
// skips generations whose readers.lock is held, keeping at least the
// current and the previous one.
//
// An ecosystem file is a sorted table of package keys (ecosystem-normalized
// names), a table of records sorted by id, and zstd-compressed blocks of
// three kinds of payload: the match entries of neighbouring keys (16 KB
// blocks), the "cards" a finding is built from (32 KB: id, summary,
// details, aliases, severities, references) and the original documents,
// compacted (128 KB). Opening maps the files and reads their headers; a
// lookup is a binary search of the mapped key table and the decompression
// of one small block; cards are decompressed only for advisories that
// match, and original documents never during a match (they are kept so
// that records can be merged and re-derived exactly). Import precomputes
// what matching needs: range events sorted in version order, and versions
// lists reduced to the versions the ranges do not already cover (most of
// the PyPI database's size).
//
// Measured on the shared snapshot (Go 4,291 + PyPI 2,661 + crates.io 1,206
// records; 6.98 MB of zips, 16.7 MB of JSON) with the package's
// benchmarks, as CPU time, on 2 vCPUs shared with other work (load
// average 20–30, so wall times were 3–5 times the CPU time):
//
//	import of the three zips    1.0–1.4 s of CPU over both cores
//	database on disk            4.27 MB, 61 % of the zips (matching data 0.2 MB,
//	                            cards 1.6 MB, original documents 2.0 MB)
//	open                        0.7–1.2 ms (header reads and mmap; nothing decoded)
//	match 50,000 packages       76–87 ms of CPU for an inventory in which each of
//	                            the 2,928 packages the databases name is at a
//	                            vulnerable version (6,258 findings); the other
//	                            packages cost one binary search each
//
// Decoding every document instead, as a matcher without an index must
// before its first match, costs 0.52–0.61 s of CPU for the same data.
//
// # Matching
//
// Match follows the OSV specification in full:
//
//   - SEMVER and ECOSYSTEM ranges with introduced, fixed, last_affected and
//     limit events, evaluated in version order whatever order the record
//     lists them in; "introduced: 0" is the lowest version; a version is
//     affected if any range of any affected entry, or the entry's versions
//     list, says so. SEMVER ranges order by Semantic Versioning (Go's
//     without the "v" the Go database omits), ECOSYSTEM ranges by the
//     ecosystem's rules (internal/version).
//   - GIT ranges match only a package whose Commit is known, and only when
//     the range names that commit (an introduced or last_affected commit;
//     a fixed or limit commit is not affected; prefixes of at least seven
//     hex digits count). Telling whether a commit lies between two others
//     needs the repository's history, which the database does not carry;
//     such commits are not matched. The versions list still applies.
//   - A package without a version (or with one that names no release:
//     "(devel)", "latest") is not matched and never assumed vulnerable.
//   - Withdrawn records are kept (so that an older copy cannot come back)
//     but never match.
//   - Names: PyPI per PEP 503 on both sides; NuGet and Packagist ignore
//     case; Go, npm, Maven ("group:artifact"), crates.io, RubyGems and OS
//     packages as written. Go "stdlib" (and "toolchain") matches both the
//     Go database's "stdlib" and "toolchain" records, with Go release names
//     ("go1.22.1", "go1.22rc1") read as the semantic versions the database
//     uses.
//   - OS packages: Debian and Ubuntu look up Package.SourceName (advisories
//     name source packages) at SourceVersion when set; Alpine looks up the
//     origin (SourceName); RPM distributions look up the name and the
//     source name. The release comes from Package.Distro ("debian:12.5",
//     "alpine:3.19.1", "ubuntu:22.04", "rhel:9.3") or from a suffix of
//     Package.Ecosystem ("Debian:12"), and selects advisories of that
//     release: Debian:12; Alpine:v3.19; Ubuntu:22.04, Ubuntu:22.04:LTS and
//     Ubuntu:Pro:22.04:LTS; AlmaLinux:9, Rocky Linux:9 and Red Hat's
//     enterprise_linux:9 streams by major version; SUSE and openSUSE by
//     "15 SP5" / "Leap 15.5". Advisories without a release apply to every
//     release. When the release is unknown every release's advisories
//     apply: an undetected distribution fails closed, not open.
//
// Each finding is one flaw in one package. Records that match the same
// package and alias one another, directly or through a chain (GO-, GHSA-,
// CVE-, PYSEC-, RUSTSEC- ids), are merged by union-find into one finding:
//
//   - ID: the ecosystem's own database's id first (GO-, PYSEC-, RUSTSEC-,
//     DSA-, ALSA- …), since it does not change when another database is
//     imported beside it, then GHSA-, then CVE-; the smallest within a
//     kind. Aliases lists every other id and alias of the merged records.
//   - Title: the summary of the first record that has one; failing that,
//     the first sentence of the details (the PyPI database has no
//     summaries). Detail: the details, trimmed. References: all, once.
//   - Severity, Score, Vector: the highest-scoring CVSS vector of the
//     newest CVSS version present among the records' and matching entries'
//     severity (v4.0 over v3.x over v2), scored by internal/cvss; else an
//     Ubuntu priority; else database_specific.severity (GitHub's
//     "MODERATE" …); else UNKNOWN, never LOW.
//   - FixedIn: the lowest fixed version above the installed one over the
//     matching ranges, in the ecosystem's order ("" when none is fixed; a
//     commit when only a GIT range matched).
//   - Package: a copy of the package; Location: its first location (the
//     caller may fan out per location).
//   - Reachable (Go): records list affected packages and symbols in
//     ecosystem_specific.imports. With Metadata["go.symbols"] (newline-
//     separated "importpath.Symbol", methods as "Type.Method"; the symbol
//     table's "(*T).M" is accepted too) a finding is "yes" when a listed
//     symbol is present (or any symbol of a listed package that names
//     none), else "no"; a record without an imports list affects the whole
//     module: "yes". With only Metadata["go.imports"] (the import paths a
//     source tree uses) the answer only confirms: "yes" when a listed
//     package (for a whole-module record, any package of the module) is
//     imported, else "" — a vulnerable package can be reached through
//     another one, which an offline scan of a tree cannot follow, so a
//     source tree never yields "no". Without either key, "" (not analysed).
//
// Findings come in the order of the packages given, then by ID.
package vulndb
