// Package provenance runs a build and records where its products came
// from, as SLSA provenance v1 (https://slsa.dev/provenance/v1).
//
// Run inspects the git work tree the build runs in (remote, ref, commit,
// whether it is clean), runs the command, hashes the products the caller
// named by glob, and returns a Provenance whose subjects are the
// products:
//
//	buildDefinition.buildType            https://vouch.dev/build/v1
//	buildDefinition.externalParameters   the command, the source (repository,
//	                                     ref, commit, dirty) and the working
//	                                     directory inside the repository
//	buildDefinition.internalParameters   the allow-listed environment
//	buildDefinition.resolvedDependencies the source commit (git+URL@ref,
//	                                     gitCommit) and the digest of every
//	                                     tracked lockfile
//	runDetails.builder.id                who ran it (--builder-id, or derived
//	                                     from the CI system)
//	runDetails.metadata                  invocation id, start and finish
//
// The environment is never recorded except the variables in the allow
// list (DefaultEnvAllow plus what the caller adds): a build's environment
// holds its secrets. Credentials in a remote URL are removed. A dirty
// work tree (changed or untracked files) is refused unless the caller
// allows it, and is recorded either way, with the paths that differ.
package provenance

import (
	"encoding/json"
	"time"
)

// BuildType is the buildType of provenance vouch records; it fixes the
// shape of ExternalParameters and InternalParameters.
const BuildType = "https://vouch.dev/build/v1"

// PredicateType is SLSA provenance v1.
const PredicateType = "https://slsa.dev/provenance/v1"

// Provenance is the SLSA provenance v1 predicate.
type Provenance struct {
	BuildDefinition BuildDefinition `json:"buildDefinition"`
	RunDetails      RunDetails      `json:"runDetails"`
}

// BuildDefinition is what was built and how: the inputs.
type BuildDefinition struct {
	BuildType            string               `json:"buildType"`
	ExternalParameters   json.RawMessage      `json:"externalParameters"`
	InternalParameters   json.RawMessage      `json:"internalParameters,omitempty"`
	ResolvedDependencies []ResourceDescriptor `json:"resolvedDependencies,omitempty"`
}

// RunDetails is who built it and when.
type RunDetails struct {
	Builder    Builder              `json:"builder"`
	Metadata   *Metadata            `json:"metadata,omitempty"`
	Byproducts []ResourceDescriptor `json:"byproducts,omitempty"`
}

// Builder identifies the trust boundary that ran the build.
type Builder struct {
	ID      string            `json:"id"`
	Version map[string]string `json:"version,omitempty"`
}

// Metadata describes one invocation.
type Metadata struct {
	InvocationID string     `json:"invocationId,omitempty"`
	StartedOn    *time.Time `json:"startedOn,omitempty"`
	FinishedOn   *time.Time `json:"finishedOn,omitempty"`
}

// ResourceDescriptor names an artifact by URI, name and digests, as the
// in-toto attestation framework does.
type ResourceDescriptor struct {
	URI    string            `json:"uri,omitempty"`
	Name   string            `json:"name,omitempty"`
	Digest map[string]string `json:"digest,omitempty"`
}

// ExternalParameters are vouch's build inputs the user controlled.
type ExternalParameters struct {
	Command []string `json:"command"`
	Source  Source   `json:"source"`
	// WorkingDir is where the command ran, relative to the repository
	// root ("." for the root).
	WorkingDir string `json:"workingDir"`
}

// Source is the git checkout a build ran in.
type Source struct {
	// Repository is the remote's URL, without credentials.
	Repository string `json:"repository,omitempty"`
	// Ref is the full ref built ("refs/heads/main", "refs/tags/v1.2.0"),
	// when it could be told.
	Ref    string `json:"ref,omitempty"`
	Commit string `json:"commit"`
	// Dirty is true when tracked files differed from the commit or
	// untracked files were present when the build started.
	Dirty bool `json:"dirty"`
	// Changes lists (up to MaxChanges) the paths that made the tree
	// dirty.
	Changes []string `json:"changes,omitempty"`
}

// InternalParameters are inputs the builder chose.
type InternalParameters struct {
	// Environment holds the allow-listed variables that were set.
	Environment map[string]string `json:"environment,omitempty"`
}

// External decodes the external parameters, when the build type is
// vouch's.
func (p *Provenance) External() (*ExternalParameters, error) {
	var x ExternalParameters
	if err := json.Unmarshal(p.BuildDefinition.ExternalParameters, &x); err != nil {
		return nil, err
	}
	return &x, nil
}
