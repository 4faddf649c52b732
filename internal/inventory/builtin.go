package inventory

import (
	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/dotnet"
	"github.com/vouch-dev/vouch/internal/extractor/golang"
	"github.com/vouch-dev/vouch/internal/extractor/java"
	"github.com/vouch-dev/vouch/internal/extractor/npm"
	"github.com/vouch-dev/vouch/internal/extractor/ospkg"
	"github.com/vouch-dev/vouch/internal/extractor/php"
	"github.com/vouch-dev/vouch/internal/extractor/python"
	"github.com/vouch-dev/vouch/internal/extractor/ruby"
	"github.com/vouch-dev/vouch/internal/extractor/rust"
)

// Builtin returns every extractor vouch ships, in a fixed order.
func Builtin() []extractor.Extractor {
	var all []extractor.Extractor
	for _, set := range [][]extractor.Extractor{
		npm.Extractors(),
		python.Extractors(),
		ruby.Extractors(),
		php.Extractors(),
		golang.Extractors(),
		rust.Extractors(),
		dotnet.Extractors(),
		java.Extractors(),
		ospkg.Extractors(),
	} {
		all = append(all, set...)
	}
	return all
}
