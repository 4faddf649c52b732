package cvss

import "errors"

// V4 is a parsed CVSS v4.0 vector.
type V4 struct{}

// ParseV4 parses a "CVSS:4.0/…" vector.
func ParseV4(vector string) (V4, error) {
	return V4{}, invalid(vector, "%v", errors.New("CVSS v4.0 not implemented yet"))
}

// Score returns the CVSS v4.0 score.
func (v V4) Score() float64 { return 0 }
