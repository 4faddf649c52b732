// Command vouchsecrets is a temporary driver for the secrets engine, used
// by bench/secrets/run.sh until the vouch CLI wires the engine in. It
// prints the findings as a JSON array.
//
//	vouchsecrets [-git] [-refs a,b] [-since REF] [-no-ignore] PATH
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/vouch-dev/vouch/internal/secrets"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func main() {
	git := flag.Bool("git", false, "scan git history instead of the working tree")
	refs := flag.String("refs", "", "comma-separated refs for -git (default: all)")
	since := flag.String("since", "", "with -git, leave out commits reachable from this ref")
	noIgnore := flag.Bool("no-ignore", false, "do not honour .gitignore")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "vouchsecrets:", err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: vouchsecrets [-git] [-refs a,b] [-since REF] [-no-ignore] PATH")
		os.Exit(2)
	}
	s, err := secrets.New(secrets.Config{NoIgnore: *noIgnore})
	if err != nil {
		fmt.Fprintln(os.Stderr, "vouchsecrets:", err)
		os.Exit(2)
	}
	ctx := context.Background()
	var fs []vouch.Finding
	if *git {
		var opts secrets.GitOptions
		if *refs != "" {
			opts.Refs = strings.Split(*refs, ",")
		}
		opts.Since = *since
		fs, err = s.ScanGit(ctx, flag.Arg(0), opts)
	} else {
		fs, err = s.ScanDir(ctx, flag.Arg(0))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vouchsecrets:", err)
		os.Exit(2)
	}
	if fs == nil {
		fs = []vouch.Finding{}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(fs); err != nil {
		fmt.Fprintln(os.Stderr, "vouchsecrets:", err)
		os.Exit(2)
	}
}
