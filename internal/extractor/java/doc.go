// Package java reads Maven-ecosystem packages out of build files and
// archives. Every package is named "groupId:artifactId", as OSV names
// Maven packages.
//
// Extractors returns three extractors:
//
//   - "java/pom" reads the dependencies a pom.xml declares. Versions and
//     coordinates are interpolated (${project.version}, ${project.groupId},
//     ${project.parent.version}, and <properties> of the pom and its
//     parents, a child's value winning); a dependency without a version
//     takes it from <dependencyManagement> in the pom or its parents.
//     Parents are looked up inside the scanned tree only, the way Maven
//     does before it asks a repository: <relativePath> (by default
//     ../pom.xml; an empty element means "not in the tree"), accepted when
//     the file there has the groupId, artifactId and version the child
//     names, at most 16 levels up and never in a cycle. Scope test and
//     provided (and system) map to vouch's scopes; optional dependencies
//     are ScopeOptional. A dependency whose version cannot be resolved —
//     a property defined outside the tree, a version range, a BOM import
//     (dependencyManagement entries of scope import are not followed) — is
//     left out rather than guessed. Dependencies declared in profiles or
//     plugins are left out, and so are dependencies a pom inherits from its
//     parent: the parent's own pom.xml reports them. The pom's own
//     coordinates are the project, not a package.
//
//   - "java/gradle-lockfile" reads Gradle's dependency lock files:
//     gradle.lockfile and buildscript-gradle.lockfile (Gradle 7 and later,
//     "group:artifact:version=configurations"), and the one-file-per-
//     configuration gradle/dependency-locks/*.lockfile of Gradle 6. A
//     package used only by test configurations (names starting with "test"
//     or containing "Test", such as testRuntimeClasspath or
//     integrationTestCompileClasspath) is ScopeTest. The configurations are
//     kept in Metadata["gradle.configurations"].
//
//   - "java/archive" reads .jar, .war, .ear, .jpi, .hpi and .par archives.
//     Each META-INF/maven/<groupId>/<artifactId>/pom.properties is a
//     package (a shaded jar has several). An archive without any falls back
//     to META-INF/MANIFEST.MF: the version from Implementation-Version or
//     Bundle-Version, the artifactId from the file name, the groupId from
//     Implementation-Vendor-Id, else from the Bundle-SymbolicName without
//     its last element, else the artifactId; Metadata["java.name-source"]
//     is "manifest" on such guesses. Archives inside archives (WEB-INF/lib,
//     BOOT-INF/lib, an ear's modules and lib/) are read too, with the
//     location "outer.war!/WEB-INF/lib/inner.jar". Reading is bounded:
//     nesting depth, entries per archive, bytes read per entry and in total
//     all have caps, so that a zip bomb costs a bounded amount of work.
package java

import "github.com/vouch-dev/vouch/internal/extractor"

// Extractors returns the Java extractors: pom.xml, Gradle lock files and
// Java archives.
func Extractors() []extractor.Extractor {
	return []extractor.Extractor{pomExtractor{}, gradleLockfile{}, archiveExtractor{}}
}
