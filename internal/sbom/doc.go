// Package sbom writes a vouch.Inventory as an SBOM and reads SBOMs that
// vouch or other tools wrote back into one.
//
// # Writing
//
// EncodeCycloneDX writes CycloneDX 1.6 JSON and EncodeSPDX writes SPDX 2.3
// JSON. Both validate against the official JSON schemas (the tests check
// every document they write) and both are deterministic: packages are
// sorted by ecosystem, name and version, every list inside them is
// sorted, and with EncodeOptions.Deterministic (set it when
// SOURCE_DATE_EPOCH is) the CycloneDX serial number and the SPDX
// document namespace are derived from a SHA-256 of the document's
// content, so that the same inventory and options give the same bytes.
// That is why they come last in the document: they name everything
// written before them.
//
// EncodeInventory writes vouch's own inventory JSON: the
// vouch.Inventory with its Go field tags, byte for byte what
// encoding/json writes for it (indented by two spaces), but streamed.
//
// The JSON is written by hand into a buffer that is flushed as it
// fills, not built as a document tree: for 50,000 components
// cyclonedx-go's encoder allocated 280 MB in 100,000 allocations and
// took twice the time this writer takes for the whole document, which
// allocates 10 MB in about 300 (the package order, the reference maps
// and the buffer). Small objects — properties, hashes, licences,
// occurrences, checksums, external references, relationships — are
// written one to a line, which keeps large documents a third smaller
// and still readable.
//
// In CycloneDX, the target is metadata.component (type container for
// images, application otherwise; its version and hash are the target's
// digest) and every package is a library component whose bom-ref is its
// purl. Names are split into group and name as purls split namespace and
// name (Maven group, npm scope, Go module path up to the last "/").
// Licenses that are all SPDX identifiers are written as license ids;
// ones that are all valid SPDX expressions as one expression; otherwise
// as ids and names. Scopes follow CycloneDX's own meaning: dev and test
// dependencies are "excluded" (not reachable at runtime), optional ones
// "optional" (may not be installed), runtime and provided ones are left
// at the default, "required". Properties keep what CycloneDX has no field
// for, and Decode reads them back:
//
//	vouch:location        path[:line], one per location, in order
//	vouch:layer           the layer digest of the vouch:location before it
//	vouch:scope           dev, test, optional, provided
//	vouch:relationship    direct, indirect
//	vouch:distro, vouch:source-name, vouch:source-version, vouch:commit
//	vouch:metadata:KEY    Package.Metadata, except the internal "go." keys
//
// Locations are also written as evidence.occurrences (location, line),
// which CycloneDX tools understand. The dependencies section has the
// target's direct dependencies and every package's DependsOn that names
// a package of the inventory; packages whose dependencies are unknown
// are left out of it rather than declared to have none. Findings, when
// given, become the vulnerabilities section: the advisory and its
// source, aliases as references, one rating (severity, score, CVSS
// method and vector), description, recommendation, advisory URLs, the
// affected component, and for suppressed findings an analysis —
// "resolved" when the reason says fixed or resolved, "false_positive"
// when it says so, "not_affected" otherwise, with a justification when
// the reason names one in CycloneDX's or OpenVEX's words.
//
// In SPDX, the target is a package the document DESCRIBES and which
// CONTAINS every other; each package has an SPDXID made from its purl,
// its purl as a PACKAGE-MANAGER external reference, its checksums, its
// locations in sourceInfo ("acquired package info from: path:line
// (layer DIGEST), …"), licenseConcluded NOASSERTION (vouch concludes
// nothing) and licenseDeclared one SPDX expression, license names that
// are not SPDX identifiers becoming LicenseRef- identifiers declared in
// hasExtractedLicensingInfos. The target DEPENDS_ON its direct
// dependencies, packages DEPENDS_ON theirs, and a scoped package is a
// DEV_, TEST_, OPTIONAL_ or PROVIDED_DEPENDENCY_OF the target.
//
// # Reading
//
// Decode reads CycloneDX JSON and XML, SPDX JSON and tag-value; Sniff
// tells them apart from a file's first KiB. See Decode for how
// components become packages.
package sbom
