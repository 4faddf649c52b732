package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/misconfig"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// policyCommand groups the commands that work on Rego checks: test runs
// their unit tests, list shows them. (eval, which runs a policy against
// evidence, belongs here too.)
func (e *env) policyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "test and list misconfiguration checks written in Rego",
		Long: `policy works on the Rego checks vouch scan --scanners misconfig runs: the
built-in bundle and custom checks from --policy-dir directories. Custom
checks use the same METADATA format as the built-in ones (see
docs/MISCONFIG.md).`,
	}
	cmd.AddCommand(e.policyTestCommand(), e.policyListCommand())
	return cmd
}

func (e *env) policyTestCommand() *cobra.Command {
	var (
		run     string
		builtin bool
		verbose bool
		format  string
	)
	cmd := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "run the Rego unit tests of custom (or built-in) checks",
		Long: `test compiles the built-in checks and library together with the .rego files
under each DIR, checks the metadata of every check, and runs the unit tests:
rules named test_* in *_test.rego files. Without DIR it runs the built-in
checks' own tests; with --builtin it runs both.

A test gets an input document from the helpers in data.vouch.test
(test.tf, test.cfn, test.pod, test.dockerfile, test.gha …):

  test_deny_public_acl if {
      count(check.deny) == 1 with input as test.tf("aws_s3_bucket", {"acl": "public-read"})
  }

Exit codes: 0 all tests passed, 1 a test failed, 2 a policy does not
compile or its metadata is incomplete.`,
		RunE: func(cmd *cobra.Command, dirs []string) error {
			if format != "text" && format != "json" {
				return &usageError{cmd: "policy test", err: fmt.Errorf("unknown format %q (want text or json)", format)}
			}
			results, err := misconfig.Test(e.ctx, misconfig.TestOptions{Dirs: dirs, Builtin: builtin, Run: run})
			if err != nil {
				return err
			}
			failed := 0
			for _, r := range results {
				if !r.Pass {
					failed++
				}
			}
			w := bufio.NewWriter(e.stdout)
			if format == "json" {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				if err := enc.Encode(testJSON(results)); err != nil {
					return err
				}
			} else {
				for _, r := range results {
					if r.Pass && !verbose {
						continue
					}
					status := "PASS"
					if !r.Pass {
						status = "FAIL"
					}
					fmt.Fprintf(w, "%s %s:%d %s\n", status, r.File, r.Line, r.Name)
					if r.Err != "" {
						fmt.Fprintf(w, "    %s\n", strings.ReplaceAll(r.Err, "\n", "\n    "))
					}
				}
				fmt.Fprintf(w, "%d tests, %d passed, %d failed\n", len(results), len(results)-failed, failed)
			}
			if err := w.Flush(); err != nil {
				return err
			}
			if len(results) == 0 {
				return vouch.Input(fmt.Errorf("no tests found in %s", strings.Join(dirs, ", ")), "name test rules test_… in files ending in _test.rego")
			}
			if failed > 0 {
				return vouch.ErrFailed
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&run, "run", "", "run only tests whose name matches this regular expression")
	f.BoolVar(&builtin, "builtin", false, "also run the tests of the built-in checks")
	f.BoolVarP(&verbose, "verbose", "v", false, "list passing tests too")
	f.StringVarP(&format, "format", "f", "text", "output format: text, json")
	return cmd
}

type testResultJSON struct {
	Package    string `json:"package"`
	Name       string `json:"name"`
	File       string `json:"file"`
	Line       int    `json:"line"`
	Pass       bool   `json:"pass"`
	Error      string `json:"error,omitempty"`
	DurationNS int64  `json:"durationNs"`
}

func testJSON(rs []misconfig.TestResult) []testResultJSON {
	out := make([]testResultJSON, len(rs))
	for i, r := range rs {
		out[i] = testResultJSON{Package: r.Package, Name: r.Name, File: r.File, Line: r.Line, Pass: r.Pass, Error: r.Err, DurationNS: r.Duration.Nanoseconds()}
	}
	return out
}

func (e *env) policyListCommand() *cobra.Command {
	var (
		dirs   []string
		format string
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "list the misconfiguration checks, built-in and custom",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return &usageError{cmd: "policy list", err: fmt.Errorf("unknown format %q (want table or json)", format)}
			}
			s, err := misconfig.New(e.ctx, misconfig.Config{PolicyDirs: dirs})
			if err != nil {
				return err
			}
			checks := s.Checks()
			w := bufio.NewWriter(e.stdout)
			if format == "json" {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				if err := enc.Encode(checks); err != nil {
					return err
				}
				return w.Flush()
			}
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tINPUTS\tTITLE")
			for _, c := range checks {
				ins := make([]string, len(c.Inputs))
				for i, k := range c.Inputs {
					ins[i] = string(k)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, c.Severity, strings.Join(ins, ","), c.Title)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			return w.Flush()
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&dirs, "policy-dir", nil, "directory of custom checks (repeatable)")
	f.StringVarP(&format, "format", "f", "table", "output format: table, json")
	return cmd
}
