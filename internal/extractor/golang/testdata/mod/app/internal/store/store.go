//go:build linux || darwin

package store

import (
	"context"
	"net/http"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// Open is a fixture.
func Open(ctx context.Context, id string) error {
	_ = cases.Title(language.English).String(id)
	_, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://localhost/"+id, nil)
	return err
}
