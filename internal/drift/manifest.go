// Package drift records the desired state of a directory tree as a signed
// manifest and reports how a tree has drifted from it.
//
// A Manifest lists every entry under a root — its slash-separated path,
// type, permission bits, and for regular files the size and SHA-256 of the
// content, for symbolic links the link text — and is the predicate of an
// in-toto statement (https://vouch.dev/desired-state/v1) whose subject is
// the tree digest: the SHA-256 of the canonical listing (TreeDigest).
// Signed, it says "this is what the tree should hold".
//
// Compare reads the tree again and lists what was added, removed, changed
// (content, type or link text) and what changed mode. Symbolic links are
// recorded and compared as links, never followed, so nothing outside the
// root is ever read; devices and fifos are recorded by type and never
// opened. Directories are read and files hashed in parallel, and a file
// whose size differs from the manifest is changed without being read.
package drift

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// PredicateType is the predicate type of a desired-state manifest.
const PredicateType = attest.VouchDesiredState

// Manifest is the desired state of a tree: the predicate of a
// desired-state statement.
type Manifest struct {
	Root      string    `json:"root"`
	CreatedAt time.Time `json:"createdAt"`
	Exclude   []string  `json:"exclude,omitempty"`
	Files     []*Entry  `json:"files"`
}

// Make scans root and returns its manifest. A file that cannot be read
// fails it: a manifest that skipped files would vouch for less than it
// says.
func Make(ctx context.Context, root string, exclude []string, now time.Time) (*Manifest, error) {
	entries, err := Scan(ctx, root, ScanOptions{Exclude: exclude})
	if err != nil {
		return nil, err
	}
	var bad []error
	for _, e := range entries {
		if e.Err != nil {
			bad = append(bad, fmt.Errorf("%s: %w", e.Path, e.Err))
			if len(bad) == 10 {
				break
			}
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("cannot read every file: %w", errors.Join(bad...))
	}
	return &Manifest{Root: root, CreatedAt: now.UTC().Truncate(time.Second), Exclude: exclude, Files: entries}, nil
}

// TreeDigest is the SHA-256 of the manifest's canonical listing: for each
// entry, in path order, one line
//
//	TYPE SP MODE SP SIZE SP SHA256 SP TARGET SP PATH LF
//
// where SIZE, SHA256 and TARGET are "-" when absent and TARGET and PATH
// are JSON strings (so that no name can forge a line break).
func TreeDigest(files []*Entry) vouch.Digest {
	h := sha256.New()
	var line []byte
	for _, e := range files {
		line = line[:0]
		line = append(line, e.Type...)
		line = append(line, ' ')
		line = append(line, e.Mode...)
		line = append(line, ' ')
		if e.Size != nil {
			line = strconv.AppendInt(line, *e.Size, 10)
		} else {
			line = append(line, '-')
		}
		line = append(line, ' ')
		if e.SHA256 != "" {
			line = append(line, e.SHA256...)
		} else {
			line = append(line, '-')
		}
		line = append(line, ' ')
		if e.Type == TypeSymlink {
			line = strconv.AppendQuote(line, e.Target)
		} else {
			line = append(line, '-')
		}
		line = append(line, ' ')
		line = strconv.AppendQuote(line, e.Path)
		line = append(line, '\n')
		h.Write(line)
	}
	return vouch.Digest{Algorithm: "sha256", Hex: fmt.Sprintf("%x", h.Sum(nil))}
}

// Sign signs a manifest as a desired-state statement about its tree
// digest and returns the Sigstore bundle.
func Sign(ctx context.Context, s signing.Signer, m *Manifest) (*signing.Bundle, error) {
	pred, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	st, err := attest.NewStatement(m.Root, TreeDigest(m.Files), PredicateType, json.RawMessage(pred))
	if err != nil {
		return nil, err
	}
	return attest.Sign(ctx, s, st)
}

// ErrInconsistent marks a manifest whose listing does not hash to the
// digest its statement names.
var ErrInconsistent = errors.New("the manifest's files do not match the tree digest it was signed for")

// Open verifies a signed manifest bundle against keys and returns the
// manifest: the signature must verify, the statement must be a
// desired-state statement, and its subject must be the digest of the
// listing it carries.
func Open(r io.Reader, keys []signing.Verifier) (*Manifest, *attest.Verified, error) {
	b, err := signing.ReadBundle(r)
	if err != nil {
		return nil, nil, err
	}
	if b.DSSEEnvelope == nil {
		return nil, nil, errors.New("the bundle holds a signature over an artifact, not a desired-state statement")
	}
	payload, key, err := attest.VerifyEnvelope(b.DSSEEnvelope, keys)
	if err != nil {
		return nil, nil, err
	}
	if b.DSSEEnvelope.PayloadType != attest.PayloadType {
		return nil, nil, attest.ErrNotInToto
	}
	// One pass over what may be tens of megabytes: the statement and its
	// manifest are decoded together.
	var st struct {
		Type          string           `json:"_type"`
		Subject       []attest.Subject `json:"subject"`
		PredicateType string           `json:"predicateType"`
		Predicate     *Manifest        `json:"predicate"`
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return nil, nil, fmt.Errorf("desired-state statement: %w", err)
	}
	statement := &attest.Statement{Type: st.Type, Subject: st.Subject, PredicateType: st.PredicateType}
	if _, err := attest.ParseStatement(mustStatementJSON(statement)); err != nil {
		return nil, nil, err
	}
	if st.PredicateType != PredicateType {
		return nil, nil, fmt.Errorf("%w: %s, want %s", attest.ErrWrongPredicateType, st.PredicateType, PredicateType)
	}
	if st.Predicate == nil {
		return nil, nil, errors.New("desired-state statement: no predicate")
	}
	if err := st.Predicate.validate(); err != nil {
		return nil, nil, err
	}
	if !statement.HasSubject(TreeDigest(st.Predicate.Files)) {
		return nil, nil, ErrInconsistent
	}
	// The verified statement, without its predicate (returned decoded).
	return st.Predicate, &attest.Verified{Statement: statement, Key: key}, nil
}

// mustStatementJSON encodes a statement's envelope fields, so that
// attest's checks of _type, subjects and predicate type apply unchanged.
func mustStatementJSON(st *attest.Statement) []byte {
	b, err := st.Marshal()
	if err != nil {
		return nil
	}
	return b
}

// DecodeManifest reads a desired-state predicate and checks it against
// the rules of its schema (attest's schemas/desired-state-v1.json) as it
// goes — a generic schema check of a large tree's manifest takes seconds
// — and that its paths are sorted and unique.
func DecodeManifest(predicate []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(predicate))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("desired-state manifest: %w", err)
	}
	if err := m.validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// validate holds a decoded manifest to its schema's rules.
func (m *Manifest) validate() error {
	if m.Files == nil {
		return errors.New("desired-state manifest: no files list")
	}
	if m.CreatedAt.IsZero() {
		return errors.New("desired-state manifest: no createdAt")
	}
	for i, e := range m.Files {
		if err := e.check(); err != nil {
			return fmt.Errorf("desired-state manifest: entry %d: %w", i, err)
		}
		if i > 0 && m.Files[i-1].Path >= e.Path {
			return fmt.Errorf("desired-state manifest: paths out of order or repeated at %q", e.Path)
		}
	}
	return nil
}

// check holds an entry to the schema's rules.
func (e *Entry) check() error {
	if e == nil {
		return errors.New("null entry")
	}
	p := e.Path
	if p == "" || p == "." || strings.HasPrefix(p, "/") || strings.Contains(p, "//") ||
		p == ".." || strings.HasPrefix(p, "../") || strings.Contains(p, "/../") || strings.HasSuffix(p, "/..") {
		return fmt.Errorf("path %q is not a clean relative path", p)
	}
	if !validMode(e.Mode) {
		return fmt.Errorf("%s: mode %q (want octal like 0644)", p, e.Mode)
	}
	switch e.Type {
	case TypeFile:
		if e.Size == nil || *e.Size < 0 {
			return fmt.Errorf("%s: a file needs a size", p)
		}
		if !isHex64(e.SHA256) {
			return fmt.Errorf("%s: a file needs a sha256 of 64 lower-case hex digits", p)
		}
	case TypeSymlink:
		// The schema requires "target"; an empty link text cannot exist.
		if e.Target == "" {
			return fmt.Errorf("%s: a symbolic link needs a target", p)
		}
	case TypeDir, TypeOther:
	default:
		return fmt.Errorf("%s: type %q (want file, dir, symlink or other)", p, e.Type)
	}
	if e.SHA256 != "" && !isHex64(e.SHA256) {
		return fmt.Errorf("%s: sha256 %q", p, e.SHA256)
	}
	return nil
}

func validMode(m string) bool {
	if len(m) < 4 || len(m) > 5 || m[0] != '0' {
		return false
	}
	for _, c := range m[1:] {
		if c < '0' || c > '7' {
			return false
		}
	}
	return true
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
