package inventory

import "github.com/vouch-dev/vouch/internal/extractor"

// Builtin returns every extractor vouch ships, in a fixed order.
func Builtin() []extractor.Extractor {
	var all []extractor.Extractor
	return all
}
