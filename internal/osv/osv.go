// Package osv reads advisories in the Open Source Vulnerability format,
// schema 1.6 (https://ossf.github.io/osv-schema/), as the OSV project, the
// Go vulnerability database, the Python Packaging Advisory Database,
// RustSec, GitHub, Debian, Alpine, Ubuntu and others publish them.
//
// Parse reads one JSON document and validates what a matcher relies on:
//
//   - id is present, printable and short;
//   - timestamps (modified, published, withdrawn) are RFC 3339;
//   - every affected package names an ecosystem and a name when it names
//     either;
//   - every range has a known type (SEMVER, ECOSYSTEM, GIT), GIT ranges name
//     their repository, and every range has at least one event and at least
//     one "introduced" event;
//   - every event sets exactly one of introduced, fixed, last_affected and
//     limit, and only "introduced" may be "0".
//
// Fields the schema leaves open (database_specific, ecosystem_specific) are
// kept as raw JSON; helpers read the parts vouch uses (GitHub's
// database_specific.severity, the Go database's ecosystem_specific.imports).
// Unknown fields are ignored so that later schema versions still parse.
package osv

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// MaxSize bounds one document. The largest real advisories (Linux kernel
// records listing thousands of versions) stay well under it.
const MaxSize = 32 << 20

// Range types.
const (
	RangeSemVer    = "SEMVER"
	RangeEcosystem = "ECOSYSTEM"
	RangeGit       = "GIT"
)

// Severity types.
const (
	SeverityCVSSv2 = "CVSS_V2"
	SeverityCVSSv3 = "CVSS_V3"
	SeverityCVSSv4 = "CVSS_V4"
	SeverityUbuntu = "Ubuntu"
)

// ErrInvalid is wrapped by every error about a document that is not a valid
// OSV record.
var ErrInvalid = errors.New("invalid osv record")

// Entry is one advisory.
type Entry struct {
	SchemaVersion    string          `json:"schema_version,omitempty"`
	ID               string          `json:"id"`
	Modified         time.Time       `json:"modified"`
	Published        time.Time       `json:"published,omitzero"`
	Withdrawn        time.Time       `json:"withdrawn,omitzero"`
	Aliases          []string        `json:"aliases,omitempty"`
	Related          []string        `json:"related,omitempty"`
	Upstream         []string        `json:"upstream,omitempty"`
	Summary          string          `json:"summary,omitempty"`
	Details          string          `json:"details,omitempty"`
	Severity         []Severity      `json:"severity,omitempty"`
	Affected         []Affected      `json:"affected,omitempty"`
	References       []Reference     `json:"references,omitempty"`
	Credits          []Credit        `json:"credits,omitempty"`
	DatabaseSpecific json.RawMessage `json:"database_specific,omitempty"`
}

// Severity is one severity assessment: a CVSS vector, or for type "Ubuntu"
// a priority word.
type Severity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

// Affected is one package an advisory applies to and the versions of it
// that are affected.
type Affected struct {
	Package           Package         `json:"package,omitzero"`
	Severity          []Severity      `json:"severity,omitempty"`
	Ranges            []Range         `json:"ranges,omitempty"`
	Versions          []string        `json:"versions,omitempty"`
	EcosystemSpecific json.RawMessage `json:"ecosystem_specific,omitempty"`
	DatabaseSpecific  json.RawMessage `json:"database_specific,omitempty"`
}

// Package names a package within an ecosystem. Ecosystem may carry a
// release suffix ("Debian:12", "Alpine:v3.19", "Ubuntu:22.04:LTS").
type Package struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	PURL      string `json:"purl,omitempty"`
}

// Range is a span of affected versions described by events.
type Range struct {
	Type             string          `json:"type"`
	Repo             string          `json:"repo,omitempty"`
	Events           []Event         `json:"events"`
	DatabaseSpecific json.RawMessage `json:"database_specific,omitempty"`
}

// Event is one boundary of a range; exactly one field is set.
type Event struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

// EventKind says which field of an Event is set.
type EventKind uint8

const (
	EventNone EventKind = iota
	EventIntroduced
	EventFixed
	EventLastAffected
	EventLimit
)

func (k EventKind) String() string {
	switch k {
	case EventIntroduced:
		return "introduced"
	case EventFixed:
		return "fixed"
	case EventLastAffected:
		return "last_affected"
	case EventLimit:
		return "limit"
	}
	return "none"
}

// Kind returns which field is set and its value. An event with none or
// several fields set has kind EventNone; Parse rejects such events.
func (e Event) Kind() (EventKind, string) {
	k, v, n := EventNone, "", 0
	if e.Introduced != "" {
		k, v, n = EventIntroduced, e.Introduced, n+1
	}
	if e.Fixed != "" {
		k, v, n = EventFixed, e.Fixed, n+1
	}
	if e.LastAffected != "" {
		k, v, n = EventLastAffected, e.LastAffected, n+1
	}
	if e.Limit != "" {
		k, v, n = EventLimit, e.Limit, n+1
	}
	if n != 1 {
		return EventNone, ""
	}
	return k, v
}

// Reference is a link about an advisory.
type Reference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// Credit names someone credited for an advisory.
type Credit struct {
	Name    string   `json:"name"`
	Contact []string `json:"contact,omitempty"`
	Type    string   `json:"type,omitempty"`
}

// GoImport is one package of a Go module that an advisory names, with the
// vulnerable symbols in it ("Func", "Type.Method"); no symbols means the
// whole package.
type GoImport struct {
	Path    string   `json:"path"`
	GOOS    []string `json:"goos,omitempty"`
	GOARCH  []string `json:"goarch,omitempty"`
	Symbols []string `json:"symbols,omitempty"`
}

// Parse reads and validates one OSV JSON document.
func Parse(b []byte) (*Entry, error) {
	if len(b) > MaxSize {
		return nil, fmt.Errorf("%w: document of %d bytes exceeds %d", ErrInvalid, len(b), MaxSize)
	}
	var e Entry
	// The outer Modified shadows Entry's so that a missing field can be told
	// from the zero time, which the Go database writes as
	// "0001-01-01T00:00:00Z".
	aux := struct {
		*entry
		Modified *time.Time `json:"modified"`
	}{entry: (*entry)(&e)}
	if err := json.Unmarshal(b, &aux); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return nil, fmt.Errorf("%w: field %s: want %s", ErrInvalid, strings.TrimPrefix(te.Field, "entry."), te.Type)
		}
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	if aux.Modified == nil {
		return nil, fmt.Errorf("%w: %s: modified is required", ErrInvalid, e.ID)
	}
	e.Modified = *aux.Modified
	return &e, nil
}

// entry has Entry's fields without its methods, for Parse.
type entry Entry

// Validate checks what Parse checks, but for the presence of modified, for
// entries built in code.
func (e *Entry) Validate() error {
	if err := checkID(e.ID); err != nil {
		return err
	}
	for i := range e.Affected {
		if err := e.Affected[i].validate(); err != nil {
			return fmt.Errorf("%w: %s: affected[%d]: %v", ErrInvalid, e.ID, i, err)
		}
	}
	return nil
}

func checkID(id string) error {
	if id == "" {
		return fmt.Errorf("%w: id is required", ErrInvalid)
	}
	if len(id) > 256 {
		return fmt.Errorf("%w: id of %d bytes is too long", ErrInvalid, len(id))
	}
	for _, r := range id {
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return fmt.Errorf("%w: id %q contains %q", ErrInvalid, id, r)
		}
	}
	return nil
}

func (a *Affected) validate() error {
	if (a.Package.Ecosystem == "") != (a.Package.Name == "") {
		return fmt.Errorf("package needs both ecosystem and name (got %q, %q)", a.Package.Ecosystem, a.Package.Name)
	}
	for i, r := range a.Ranges {
		if err := r.validate(); err != nil {
			return fmt.Errorf("ranges[%d]: %v", i, err)
		}
	}
	return nil
}

func (r *Range) validate() error {
	switch r.Type {
	case RangeSemVer, RangeEcosystem:
	case RangeGit:
		if r.Repo == "" {
			return errors.New("GIT range needs repo")
		}
	case "":
		return errors.New("type is required")
	default:
		return fmt.Errorf("unknown type %q (want SEMVER, ECOSYSTEM or GIT)", r.Type)
	}
	if len(r.Events) == 0 {
		return errors.New("no events")
	}
	introduced := false
	for i, ev := range r.Events {
		k, v := ev.Kind()
		switch k {
		case EventNone:
			return fmt.Errorf("events[%d]: want exactly one of introduced, fixed, last_affected, limit", i)
		case EventIntroduced:
			introduced = true
		default:
			if v == "0" {
				return fmt.Errorf("events[%d]: %s cannot be \"0\"", i, k)
			}
		}
	}
	if !introduced {
		return errors.New("no introduced event")
	}
	return nil
}

// DatabaseSeverity returns database_specific.severity when it is a string
// (GitHub's "LOW", "MODERATE", "HIGH", "CRITICAL"), else "".
func (e *Entry) DatabaseSeverity() string {
	return stringField(e.DatabaseSpecific, "severity")
}

// GoImports returns ecosystem_specific.imports as the Go vulnerability
// database writes it, or nil when there is none or it does not decode.
func (a *Affected) GoImports() []GoImport {
	if len(a.EcosystemSpecific) == 0 || !bytes.Contains(a.EcosystemSpecific, []byte(`"imports"`)) {
		return nil
	}
	var v struct {
		Imports []GoImport `json:"imports"`
	}
	if json.Unmarshal(a.EcosystemSpecific, &v) != nil {
		return nil
	}
	return v.Imports
}

func stringField(raw json.RawMessage, key string) string {
	if len(raw) == 0 || !bytes.Contains(raw, []byte(`"`+key+`"`)) {
		return ""
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	var s string
	if json.Unmarshal(m[key], &s) != nil {
		return ""
	}
	return s
}
