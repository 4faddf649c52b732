// Package npm reads the packages a JavaScript project installs from the
// lockfiles its package manager writes:
//
//   - npm/package-lock: package-lock.json, npm-shrinkwrap.json and the
//     hidden lockfile node_modules/.package-lock.json, lockfile versions 1
//     (npm 5 and 6: nested "dependencies"), 2 and 3 (npm 7 and later:
//     "packages" keyed by node_modules paths);
//   - npm/yarn-lock: yarn.lock of yarn classic (v1 text format) and of
//     yarn berry (2 and later, YAML with __metadata);
//   - npm/pnpm-lock: pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.0.
//
// Every package gets the npm ecosystem, its registry name (an alias
// installed as "npm:real@1.2.3" is reported under the real name), the
// exact version, a purl, the line of its entry, and what the lockfile says
// about it: dev or optional scope, whether the project asked for it
// directly, the packages it depends on (as purls) and the integrity hashes
// (as hex). Local workspaces are reported as packages of their own when
// npm lists them; yarn berry's workspace:, link: and portal: entries and
// pnpm's link: references are the project itself and are not. A package
// that does not come from a registry says where it does come from in
// Metadata["npm.source"]: "git" (with Commit set when the lockfile pins
// one), "file", "tarball", "workspace" or "link".
//
// Where a lockfile does not record which packages are direct (lockfile
// v1, yarn classic), the package.json beside it is read through File.FS
// when there is one; without it the relationship stays unknown.
//
// Parsing is a single pass over the file with hand-written scanners: a
// JSON pull reader for package-lock, a line scanner for both yarn formats,
// and for pnpm-lock.yaml a scanner for the YAML subset pnpm writes, which
// hands any other YAML (anchors, block scalars, several documents) to
// go.yaml.in/yaml/v3; a fuzz test holds the two to the same result.
package npm

import "github.com/vouch-dev/vouch/internal/extractor"

// Extractors returns the npm, yarn and pnpm lockfile readers.
func Extractors() []extractor.Extractor {
	return []extractor.Extractor{packageLock{}, yarnLock{}, pnpmLock{}}
}
