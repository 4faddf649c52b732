// Command scan runs vouch's misconfiguration scanner over a directory and
// prints the findings as JSON, one object per line, with the time spent,
// for the comparison and speed scripts in bench/misconfig. (vouch scan
// --scanners misconfig does the same through the CLI.)
//
//	go run ./bench/misconfig/scan DIR > findings.jsonl
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/vouch-dev/vouch/internal/misconfig"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: scan DIR")
		os.Exit(2)
	}
	ctx := context.Background()
	start := time.Now()
	s, err := misconfig.New(ctx, misconfig.Config{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "scan:", err)
		os.Exit(2)
	}
	compiled := time.Since(start)
	fs, errs, err := s.ScanDir(ctx, os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "scan:", err)
		os.Exit(2)
	}
	enc := json.NewEncoder(os.Stdout)
	for _, f := range fs {
		enc.Encode(f)
	}
	for _, e := range errs {
		fmt.Fprintln(os.Stderr, "scan: warning:", e)
	}
	fmt.Fprintf(os.Stderr, "scan: %d findings, %d file errors, compile %s, total %s\n", len(fs), len(errs), compiled.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}
