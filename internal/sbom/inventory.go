package sbom

import (
	"encoding/json"
	"io"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// EncodeInventory writes inv as vouch's own inventory JSON (vouch sbom
// --format json): the vouch.Inventory as encoding/json writes it,
// indented by two spaces, with a final newline.
func EncodeInventory(w io.Writer, inv *vouch.Inventory) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(inv)
}
