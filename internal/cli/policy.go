package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/vouch-dev/vouch/internal/misconfig"
	"github.com/vouch-dev/vouch/internal/policy"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// policyCommand groups the commands that work on Rego: test runs unit
// tests of misconfiguration checks or gate policies, list shows them,
// eval evaluates a query over an input document.
func (e *env) policyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "test, list and evaluate Rego: misconfiguration checks and gate policies",
		Long: `policy works on two kinds of Rego. Misconfiguration checks are what vouch
scan --scanners misconfig runs: the built-in bundle and custom checks from
--policy-dir directories, with the METADATA format of docs/MISCONFIG.md.
Gate policies (packages under vouch.gate) are what vouch gate evaluates
over evidence: the built-in ones and an organisation's own (docs/GATE.md).
test tells them apart by their packages; list and test take --gate.`,
	}
	cmd.AddCommand(e.policyTestCommand(), e.policyListCommand(), e.policyEvalCommand())
	return cmd
}

func (e *env) policyTestCommand() *cobra.Command {
	var (
		run     string
		builtin bool
		verbose bool
		gate    bool
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
			isGate := gate
			for _, d := range dirs {
				isGate = isGate || policy.IsGateDir(d)
			}
			var results []misconfig.TestResult
			if isGate {
				rs, err := policy.Test(e.ctx, policy.TestOptions{Dirs: dirs, Builtin: builtin, Run: run})
				if err != nil {
					return err
				}
				for _, r := range rs {
					results = append(results, misconfig.TestResult{Package: r.Package, Name: r.Name, File: r.File, Line: r.Line, Pass: r.Pass, Err: r.Err})
				}
			} else {
				rs, err := misconfig.Test(e.ctx, misconfig.TestOptions{Dirs: dirs, Builtin: builtin, Run: run})
				if err != nil {
					return err
				}
				results = rs
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
	f.BoolVar(&gate, "gate", false, "the gate's policies (the built-in ones without DIR), not misconfiguration checks")
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
		gate   bool
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "list the misconfiguration checks, built-in and custom",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return &usageError{cmd: "policy list", err: fmt.Errorf("unknown format %q (want table or json)", format)}
			}
			if gate {
				return e.listGatePolicies(dirs, format)
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
	f.StringSliceVar(&dirs, "policy-dir", nil, "directory of custom checks or gate policies (repeatable)")
	f.StringVarP(&format, "format", "f", "table", "output format: table, json")
	f.BoolVar(&gate, "gate", false, "list the gate's policies instead of the misconfiguration checks")
	return cmd
}

func (e *env) listGatePolicies(dirs []string, format string) error {
	eng, err := policy.NewEngine(e.ctx, policy.EngineOptions{Dirs: dirs})
	if err != nil {
		return err
	}
	return e.writeResult(func(w *bufio.Writer) error {
		if format == "json" {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(eng.Policies())
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSOURCE\tTITLE")
		for _, p := range eng.Policies() {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", p.ID, p.Source, p.Title)
		}
		return tw.Flush()
	})
}

func (e *env) policyEvalCommand() *cobra.Command {
	var (
		dirs      []string
		input     string
		query     string
		noBuiltin bool
	)
	cmd := &cobra.Command{
		Use:   "eval --input FILE [--policy DIR] [QUERY]",
		Short: "evaluate a query over an input document with the gate's policies",
		Long: `eval compiles the built-in gate policies with those in --policy directories
and evaluates QUERY (default data.vouch.gate: every policy's deny and warn
sets) over the input document in --input (JSON or YAML; "-" reads
stdin). vouch gate --print-input writes the input a real gate run builds
from its evidence; its schema is internal/policy/schema/gate-input-v1.json.
The result is printed as JSON.

Exit codes: 0 evaluated, 2 bad input or a policy that does not compile.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				query = args[0]
			}
			if input == "" {
				return &usageError{cmd: "policy eval", err: errors.New("--input is required")}
			}
			var raw []byte
			var err error
			if input == "-" {
				raw, err = io.ReadAll(io.LimitReader(e.stdin, 256<<20))
			} else {
				raw, err = readLimited(input, 256<<20)
			}
			if err != nil {
				return vouch.Input(fmt.Errorf("input %s: %w", input, cause(err)), "")
			}
			var doc any
			if err := yaml.Unmarshal(raw, &doc); err != nil {
				return vouch.Input(fmt.Errorf("input %s: %w", input, err), "give a JSON or YAML document")
			}
			doc = jsonable(doc)
			eng, err := policy.NewEngine(e.ctx, policy.EngineOptions{Dirs: dirs, NoBuiltin: noBuiltin})
			if err != nil {
				return err
			}
			res, err := eng.Query(e.ctx, query, doc)
			if err != nil {
				return err
			}
			return e.writeResult(func(w *bufio.Writer) error {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				if len(res) == 1 {
					return enc.Encode(res[0])
				}
				return enc.Encode(res)
			})
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&dirs, "policy", nil, "directory of your own Rego policies (repeatable)")
	f.StringVarP(&input, "input", "i", "", "input document, JSON or YAML (\"-\" for stdin)")
	f.StringVar(&query, "query", "data.vouch.gate", "the query to evaluate")
	f.BoolVar(&noBuiltin, "no-builtin", false, "leave the built-in policies out")
	f.StringVarP(&e.cfg.Output, "output", "o", "", "write the result to FILE (atomically) instead of stdout")
	return cmd
}

// jsonable turns YAML's map[string]any trees (and any map[any]any) into
// what JSON would have decoded.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
		return x
	}
	return v
}
