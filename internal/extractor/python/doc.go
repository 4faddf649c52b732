// Package python reads the Python packages a project pins or an
// environment has installed:
//
//   - python/requirements: pip requirements files, requirements*.txt and
//     any *.txt directly inside a directory named requirements, with their
//     -r and -c includes;
//   - python/poetry-lock: poetry.lock of Poetry 1.x and 2.x;
//   - python/pipfile-lock: Pipfile.lock of pipenv;
//   - python/uv-lock: uv.lock;
//   - python/pdm-lock: pdm.lock;
//   - python/metadata: installed distributions, *.dist-info/METADATA and
//     *.egg-info/PKG-INFO (or a bare *.egg-info file).
//
// Every package gets the PyPI ecosystem, its name normalised per PEP 503
// (vouch.NormalizePyPIName), its exact version, a purl and the line of its
// entry. What a format records is kept: dev and optional scopes (poetry
// categories and groups, Pipfile.lock's develop section, uv's dev groups
// and extras, pdm's groups), direct or indirect (the project's own
// dependencies in uv.lock; the requirements a file lists, refined by
// pip-compile's "# via" notes; for poetry.lock, pdm.lock and Pipfile.lock
// the pyproject.toml or Pipfile beside them, read through File.FS),
// dependency edges as purls, file hashes, and a git source's commit.
//
// A requirements line that pins nothing exactly ("flask>=2") still names a
// direct dependency: it is reported with an empty version and its specifier
// in Metadata["python.specifier"], unless a -c constraints file pins it.
// Editable, URL and path requirements carry no version and are skipped.
// Extras and environment markers are kept in Metadata["python.extras"] and
// Metadata["python.markers"]; a package from a git, path or URL source says
// so in Metadata["python.source"].
package python

import "github.com/vouch-dev/vouch/internal/extractor"

// Extractors returns the readers of Python lockfiles, requirements files
// and installed package metadata.
func Extractors() []extractor.Extractor {
	return []extractor.Extractor{
		requirements{},
		poetryLock{},
		pipfileLock{},
		uvLock{},
		pdmLock{},
		metadata{},
	}
}
