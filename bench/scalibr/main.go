// Command scalibr-inventory runs osv-scalibr's lockfile extractors over a
// directory and prints the packages it finds, one purl-like key a line, for
// the build-or-buy comparison in docs/ARCHITECTURE.md. It is its own module
// so that vouch does not depend on scalibr's extractor tree.
//
//	cd bench/scalibr && go build -o /tmp/scalibr-inventory . && /tmp/scalibr-inventory DIR
package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"time"

	scalibr "github.com/google/osv-scalibr"
	"github.com/google/osv-scalibr/extractor/filesystem/list"
	scalibrfs "github.com/google/osv-scalibr/fs"
	"github.com/google/osv-scalibr/plugin"
	"github.com/google/osv-scalibr/plugin/config"
)

// The extractors for the formats vouch reads in source trees.
var names = []string{
	"javascript/packagelockjson", "javascript/yarnlock", "javascript/pnpmlock",
	"python/requirements", "python/poetrylock", "python/pipfilelock", "python/uvlock", "python/pdmlock",
	"go/gomod", "rust/cargolock", "ruby/gemfilelock", "php/composerlock",
	"dotnet/packageslockjson", "java/gradlelockfile", "java/pomxml",
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: scalibr-inventory DIR")
		os.Exit(2)
	}
	var plugins []plugin.Plugin
	for _, n := range names {
		exs, err := list.ExtractorsFromName(n, &config.PluginConfig{})
		if err != nil {
			fmt.Fprintln(os.Stderr, n, err)
			os.Exit(2)
		}
		for _, e := range exs {
			plugins = append(plugins, e)
		}
	}
	start := time.Now()
	res := scalibr.New().Scan(context.Background(), &scalibr.ScanConfig{
		Plugins:      plugins,
		Capabilities: &plugin.Capabilities{OS: plugin.OSLinux, Network: plugin.NetworkOffline, DirectFS: true, RunningSystem: false},
		ScanRoots:    scalibrfs.RealFSScanRoots(os.Args[1]),
		DirsToSkip:   nil,
	})
	elapsed := time.Since(start)
	var keys []string
	for _, p := range res.Inventory.Packages {
		keys = append(keys, fmt.Sprintf("%s/%s@%s", p.Ecosystem().String(), p.Name, p.Version))
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k)
	}
	fmt.Fprintf(os.Stderr, "scalibr: %d packages in %s (status %v)\n", len(keys), elapsed, res.Status.Status)
}
