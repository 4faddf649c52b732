package attest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// Statement types. vouch writes StatementV1; it reads both, because
// cosign still writes v0.1.
const (
	StatementV1  = "https://in-toto.io/Statement/v1"
	StatementV01 = "https://in-toto.io/Statement/v0.1"
	// PayloadType is the DSSE payload type of an in-toto statement.
	PayloadType = "application/vnd.in-toto+json"
)

// Statement is an in-toto attestation statement: a claim (the predicate,
// of some type) about one or more artifacts (the subjects), each named by
// its digest.
type Statement struct {
	Type          string          `json:"_type"`
	Subject       []Subject       `json:"subject"`
	PredicateType string          `json:"predicateType"`
	Predicate     json.RawMessage `json:"predicate,omitempty"`
}

// Subject is one artifact a statement is about: a name for people and
// the digests that identify it ("sha256" → hex).
type Subject struct {
	Name        string            `json:"name,omitempty"`
	Digest      map[string]string `json:"digest"`
	Annotations map[string]any    `json:"annotations,omitempty"`
}

// NewStatement builds a v1 statement about one subject. predicate is
// encoded as JSON unless it is already json.RawMessage or []byte.
func NewStatement(subjectName string, d vouch.Digest, predicateType string, predicate any) (*Statement, error) {
	if d.IsZero() {
		return nil, errors.New("statement subject has no digest")
	}
	raw, err := encodePredicate(predicate)
	if err != nil {
		return nil, err
	}
	st := &Statement{
		Type:          StatementV1,
		Subject:       []Subject{{Name: subjectName, Digest: map[string]string{d.Algorithm: d.Hex}}},
		PredicateType: predicateType,
		Predicate:     raw,
	}
	if err := st.validate(); err != nil {
		return nil, err
	}
	return st, nil
}

func encodePredicate(p any) (json.RawMessage, error) {
	var raw []byte
	switch v := p.(type) {
	case nil:
		raw = []byte("{}")
	case json.RawMessage:
		raw = v
	case []byte:
		raw = v
	default:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return nil, fmt.Errorf("encode predicate: %w", err)
		}
		raw = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' || !json.Valid(raw) {
		return nil, errors.New("predicate must be a JSON object")
	}
	return json.RawMessage(raw), nil
}

// Marshal encodes the statement as compact JSON.
func (s *Statement) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// ErrNotStatement marks a payload that is not an in-toto statement.
var ErrNotStatement = errors.New("not an in-toto statement")

// ParseStatement reads a v1 or v0.1 statement and checks that it names
// at least one subject by digest and a predicate type.
func ParseStatement(b []byte) (*Statement, error) {
	var s Statement
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotStatement, shortJSONError(err))
	}
	if err := s.validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

func (s *Statement) validate() error {
	if s.Type != StatementV1 && s.Type != StatementV01 {
		return fmt.Errorf("%w: _type %q (want %s)", ErrNotStatement, s.Type, StatementV1)
	}
	if len(s.Subject) == 0 {
		return fmt.Errorf("%w: no subject", ErrNotStatement)
	}
	for i, sub := range s.Subject {
		if len(sub.Digest) == 0 {
			return fmt.Errorf("%w: subject %d has no digest", ErrNotStatement, i)
		}
		for alg, hex := range sub.Digest {
			if alg == "" || hex == "" {
				return fmt.Errorf("%w: subject %d has an empty digest", ErrNotStatement, i)
			}
		}
	}
	if s.PredicateType == "" {
		return fmt.Errorf("%w: no predicateType", ErrNotStatement)
	}
	if len(s.Predicate) > 0 && !bytes.Equal(s.Predicate, []byte("null")) {
		if t := bytes.TrimSpace(s.Predicate); len(t) == 0 || t[0] != '{' {
			return fmt.Errorf("%w: predicate is not a JSON object", ErrNotStatement)
		}
	}
	return nil
}

// HasSubject reports whether d is one of the statement's subjects. Hex
// digests are compared without regard to case.
func (s *Statement) HasSubject(d vouch.Digest) bool {
	for _, sub := range s.Subject {
		if v, ok := sub.Digest[d.Algorithm]; ok && strings.EqualFold(v, d.Hex) {
			return true
		}
	}
	return false
}

func shortJSONError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("malformed JSON at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q has the wrong type", te.Field)
	}
	return err.Error()
}
