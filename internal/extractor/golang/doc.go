// Package golang reads Go modules out of source trees and compiled
// binaries.
//
// Two extractors come from Extractors:
//
//   - "go/mod" reads go.mod. Every require line is a package (direct, or
//     indirect when marked "// indirect"), with replace directives applied:
//     a module replaced by another module@version is reported under the
//     replacement's path and version, with Metadata["go.replaces"] naming
//     the original path; a module replaced by a local directory is reported
//     under its original path with an empty version (the code is not any
//     published version, so no advisory range should match it) and
//     Metadata["go.replace.dir"] naming the directory. Exclude directives
//     change nothing in what is required and are ignored. The main module
//     is the project itself, not a package. The toolchain — the
//     "toolchain goX.Y.Z" directive, else the "go X.Y[.Z]" directive — is
//     reported as the package "stdlib" with the version as written without
//     its "go" prefix ("1.22.5", or "1.21" for "go 1.21"), and
//     Metadata["go.toolchain"] says which directive it came from. When a
//     go.sum sits beside go.mod its "h1:" module hash is kept in
//     Metadata["go.sum"].
//
//   - "go/binary" reads the build information the Go linker embeds in ELF,
//     Mach-O and PE executables (debug/buildinfo). Every dependency is a
//     package, replacements applied as for go.mod, the module hash in
//     Metadata["go.sum"]. The toolchain is "stdlib" at the binary's Go
//     version ("go1.22.5 X:rangefunc" becomes "1.22.5"). The main module is
//     reported, with Metadata["go.main"]="true" and the VCS revision as
//     Commit, only when it carries a real version (installed with
//     "go install mod@version" or stamped from a VCS tag); "(devel)" is a
//     local build of the project itself and is left out. Executables that
//     are not Go yield nothing and no error.
//
// # Reachability
//
// A later vulnerability matcher narrows advisories that name symbols.
// Both extractors leave it what it needs in Metadata, newline-separated
// and sorted:
//
//   - go/mod sets "go.imports" on stdlib and on every module: the import
//     paths of that module (longest module-path prefix wins; stdlib is
//     every path whose first element has no dot) that the non-test .go
//     files of this module's own tree import. The tree is go.mod's
//     directory and everything under it except nested modules, vendor/,
//     testdata/ and directories whose names start with "." or "_"; build
//     constraints are not evaluated, so the list is the union over every
//     platform. An empty value means the module's own code imports nothing
//     of it, which for an indirect module is expected: go.imports says
//     nothing about what dependencies import. The key is absent when the
//     tree could not be read (no File.FS) or was larger than the scan caps
//     (20,000 files; files over 1 MiB are skipped), so absence means
//     "unknown", never "unreachable".
//
//   - go/binary sets "go.symbols" on stdlib and every module: the
//     functions and methods the binary contains, as "importpath.Func" or
//     "importpath.Type.Method" (closures fold into their enclosing
//     function, generic instantiations into the generic function). They
//     come from the pclntab, which stripped binaries keep, and — for Go
//     1.20 and later — from the inline trees, so that a function the
//     compiler inlined into every caller is listed too. The inline trees
//     are found through the runtime's moduledata; when it cannot be found
//     (a relocated position-independent binary, say) inlined functions
//     are missing, so a listed symbol is present and an absent one is only
//     very likely unreachable. The key is absent when the function table
//     could not be read.
package golang

import "github.com/vouch-dev/vouch/internal/extractor"

// Extractors returns the Go extractors: go.mod files and Go binaries.
func Extractors() []extractor.Extractor {
	return []extractor.Extractor{modExtractor{}, binaryExtractor{}}
}
