package extractor_test

// Every package below internal/extractor accepts go test -update, so that
// go test ./internal/extractor/... -update works; this one has no golden
// files of its own.
import _ "github.com/vouch-dev/vouch/internal/extractor/extractortest"
