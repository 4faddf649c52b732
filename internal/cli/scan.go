package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/report"
	"github.com/vouch-dev/vouch/internal/secrets"
	"github.com/vouch-dev/vouch/internal/suppress"
	"github.com/vouch-dev/vouch/internal/vouch"
	"github.com/vouch-dev/vouch/internal/vulndb"
)

var scanFormats = []string{"table", "json", "sarif", "cyclonedx"}

func (e *env) scanCommand() *cobra.Command {
	var af *attestFlags
	cmd := &cobra.Command{
		Use:   "scan [TARGET]",
		Short: "find vulnerable dependencies, leaked secrets and insecure configuration, offline",
		Long: `scan inspects TARGET (default ".") with the scanners --scanners names:

  vuln       every package matched against the local OSV advisory database
             (see 'vouch db')
  secret     credentials in files, in every layer of an image, or with --git
             in every commit of a repository's history
  misconfig  Terraform (and plan JSON), CloudFormation, Kubernetes,
             Dockerfiles, GitHub Actions, GitLab CI and IAM policies checked
             against vouch's Rego checks (and yours, --policy-dir)

Exit codes: 0 when nothing counts against --fail-on, 1 when a finding does,
2 on bad input. Without --fail-on every finding counts. A finding whose
severity is unknown (the Go database carries none) counts against any
threshold unless --unknown-severity=ignore: security checks fail closed.

Accepted risk is never silent: findings matched by .vouchignore.yaml or a
VEX document (--vex) are left out of the verdict but listed, with the
reason, in JSON and SARIF output.

` + targetHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target := "."
			if len(args) == 1 {
				target = args[0]
			}
			return e.scan(target, af)
		},
	}
	e.addResultFlags(cmd, scanFormats, "table")
	e.addInventoryFlags(cmd)
	af = e.addAttestFlags(cmd)
	f := cmd.Flags()
	f.StringSliceVar(&e.cfg.Scanners, "scanners", e.cfg.Scanners, "scanners to run, comma-separated: vuln, secret, misconfig")
	f.BoolVar(&e.cfg.Git, "git", false, "secret scanner: scan the git history of TARGET instead of its files")
	f.StringVar(&e.cfg.GitSince, "since", "", "with --git: only commits not reachable from this revision (incremental CI runs)")
	f.StringSliceVar(&e.cfg.GitRefs, "refs", nil, "with --git: revisions whose history to scan (default: all refs)")
	f.StringVar(&e.cfg.Baseline, "baseline", "", "secret scanner: accept the secrets whose fingerprints this file lists")
	f.StringVar(&e.cfg.WriteBaseline, "write-baseline", "", "secret scanner: write the fingerprints of the secrets found to FILE, to accept them with --baseline")
	f.BoolVar(&e.cfg.NoIgnore, "no-ignore", false, "secret scanner: also scan files that .gitignore excludes")
	f.StringSliceVar(&e.cfg.PolicyDirs, "policy-dir", nil, "misconfig scanner: directory of custom Rego checks (repeatable)")
	f.StringSliceVar(&e.cfg.VarFiles, "var-file", nil, "misconfig scanner: Terraform variable file (repeatable)")
	f.StringSliceVar(&e.cfg.SkipChecks, "skip-check", nil, "misconfig scanner: check id not to run (repeatable)")
	f.StringVar(&e.cfg.FailOn, "fail-on", "", "exit 1 only for findings at or above this severity (low, medium, high, critical)")
	f.StringVar(&e.cfg.UnknownSeverity, "unknown-severity", e.cfg.UnknownSeverity, "whether findings of unknown severity fail --fail-on: fail or ignore")
	f.BoolVar(&e.cfg.IgnoreUnfixed, "ignore-unfixed", false, "leave out vulnerabilities that have no fixed version")
	f.BoolVar(&e.cfg.OnlyReachable, "only-reachable", false, "leave out Go vulnerabilities whose vulnerable code is not used")
	f.StringVar(&e.cfg.IgnoreFile, "ignore-file", e.cfg.IgnoreFile, "accepted-risk file (looked up in the working directory, then in TARGET)")
	f.StringSliceVar(&e.cfg.VEX, "vex", nil, "OpenVEX or CycloneDX VEX document (repeatable)")
	f.StringVar(&e.cfg.DBDir, "db-dir", "", "advisory database directory (default: the user cache directory)")
	f.DurationVar(&e.cfg.MaxDBAge, "max-db-age", e.cfg.MaxDBAge, "warn when the advisory database is older than this")
	return cmd
}

func (e *env) scan(target string, af *attestFlags) error {
	if err := checkFormat("scan", e.cfg.Format, scanFormats); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, s := range e.cfg.Scanners {
		want[s] = true
	}
	if e.cfg.Git && !want["secret"] {
		return &usageError{cmd: "scan", err: errors.New("--git scans history for secrets: add --scanners secret")}
	}
	threshold := vouch.SeverityUnknown
	if e.cfg.FailOn != "" {
		threshold, _ = vouch.ParseSeverity(e.cfg.FailOn)
	}
	sup, err := e.suppressions(target)
	if err != nil {
		return err
	}
	// Open the database before the (possibly long) inventory, so a
	// missing database fails at once.
	var db *vulndb.DB
	var dbInfo *report.Database
	if want["vuln"] {
		var err error
		if db, err = e.openDB(); err != nil {
			return err
		}
		defer db.Close()
		st := db.Status()
		if age := time.Since(st.Built); e.cfg.MaxDBAge > 0 && age > e.cfg.MaxDBAge {
			e.warnf("the advisory database is %s old (built %s); run 'vouch db update'", age.Round(time.Hour), st.Built.UTC().Format(time.DateOnly))
		}
		dbInfo = &report.Database{BuiltAt: st.Built, Advisories: st.Total()}
	}
	t, err := e.open(target)
	if err != nil {
		return err
	}
	defer t.close()

	prog := e.newProgress()
	defer prog.end()
	var found []vouch.Finding
	var invErr error
	inv := &vouch.Inventory{Target: vouch.Target{Kind: t.kind, Name: t.ref}}
	if t.img != nil {
		inv.Target = imageTarget(t)
	}
	if want["vuln"] {
		prog.set("reading %s", target)
		inv, invErr = e.inventoryOf(t)
		if inv == nil {
			return invErr
		}
		prog.set("matching %d packages", len(inv.Packages))
		vulns, err := db.Match(e.ctx, inv.Packages)
		if err != nil {
			return err
		}
		found = append(found, fanOut(vulns)...)
	}
	if want["secret"] {
		prog.set("looking for secrets in %s", target)
		secs, err := e.secretFindings(t)
		if err != nil {
			return err
		}
		found = append(found, secs...)
	}
	if want["misconfig"] {
		prog.set("checking configuration in %s", target)
		mis, err := e.misconfigFindings(t)
		var pe *partialError
		if err != nil && !errors.As(err, &pe) {
			return err
		}
		if err != nil && invErr == nil {
			invErr = err
		}
		found = append(found, mis...)
	}
	prog.end()
	e.reportExcluded(t)
	// Findings already accepted by the scanners (inline comments,
	// baselines) stay accepted; the rest go through the ignore file and VEX.
	var pre []vouch.Finding
	found = slices.DeleteFunc(found, func(f vouch.Finding) bool {
		if f.Suppressed != nil {
			pre = append(pre, f)
			return true
		}
		return false
	})
	found = slices.DeleteFunc(found, func(f vouch.Finding) bool {
		return (e.cfg.IgnoreUnfixed && f.Kind == vouch.KindVulnerability && f.FixedIn == "") ||
			(e.cfg.OnlyReachable && f.Reachable == "no")
	})
	kept, suppressed, warnings := sup.Apply(found, time.Now())
	if e.cfg.WriteBaseline != "" {
		if err := writeFileAtomic(e.cfg.WriteBaseline, func(w *bufio.Writer) error {
			return secrets.WriteBaseline(w, kept)
		}); err != nil {
			return err
		}
	}
	suppressed = append(suppressed, pre...)
	for _, w := range warnings {
		e.warnf("%s", w)
	}
	report.Sort(kept)
	report.Sort(suppressed)
	ver, _, _ := buildVersion()
	res := &report.Result{
		SchemaVersion: "1",
		Tool:          report.Tool{Name: "vouch", Version: ver},
		Target:        inv.Target,
		Distro:        inv.Distro,
		Scanners:      e.cfg.Scanners,
		Database:      dbInfo,
		Packages:      len(inv.Packages),
		Findings:      nonNil(kept),
		Suppressed:    nonNil(suppressed),
		Summary:       report.Summarize(append(append([]vouch.Finding{}, kept...), suppressed...)),
		CreatedAt:     time.Now().UTC(),
	}
	if opts, err := e.encodeOptions(); err == nil && opts.Deterministic {
		res.CreatedAt = opts.Time
	}
	// exclude-paths leave no other trace in the result: the gate reads
	// them here. They apply to directories (and their history) and images.
	if t.kind == vouch.TargetDirectory || t.kind == vouch.TargetImage {
		res.ExcludePaths = slices.Clone(e.cfg.ExcludePaths)
	}
	if err := e.writeResult(func(w *bufio.Writer) error {
		switch e.cfg.Format {
		case "json":
			return report.WriteJSON(w, res)
		case "sarif":
			return report.WriteSARIF(w, res)
		case "cyclonedx":
			opts, err := e.encodeOptions()
			if err != nil {
				return err
			}
			opts.Findings = append(append([]vouch.Finding{}, kept...), suppressed...)
			return writeSBOM(w, "cyclonedx-json", inv, opts)
		}
		return report.WriteTable(w, res, report.TableOptions{Color: e.color()})
	}); err != nil {
		return err
	}
	var pe *partialError
	if errors.As(invErr, &pe) {
		return vouch.Input(pe, "fix the files named above, or pass --skip-errors to accept a partial scan")
	}
	// A failing scan is evidence too: it is signed before the verdict.
	if err := e.attestResult(af, res.Target, attest.VouchScan, res); err != nil {
		return err
	}
	failing := 0
	for _, f := range kept {
		if e.cfg.FailOn == "" || f.Severity.AtLeast(threshold, e.cfg.UnknownSeverity == "ignore") {
			failing++
		}
	}
	if failing > 0 {
		if !e.cfg.Quiet {
			limit := "any severity"
			if e.cfg.FailOn != "" {
				limit = "severity " + threshold.String() + " or above"
			}
			fmt.Fprintf(e.stderr, "vouch: %d finding(s) at %s\n", failing, limit)
		}
		return vouch.ErrFailed
	}
	return nil
}

// fanOut gives a finding about a package found in several places one copy
// per place, so that each lockfile (and each SARIF location) shows it.
func fanOut(in []vouch.Finding) []vouch.Finding {
	out := make([]vouch.Finding, 0, len(in))
	for _, f := range in {
		if f.Package == nil || len(f.Package.Locations) < 2 {
			out = append(out, f)
			continue
		}
		for _, loc := range f.Package.Locations {
			g := f
			g.Location = loc
			out = append(out, g)
		}
	}
	return out
}

// suppressions loads the accepted-risk file and VEX documents. The ignore
// file is optional when it is the default name and absent.
func (e *env) suppressions(target string) (*suppress.Set, error) {
	var files []*suppress.IgnoreFile
	path := e.cfg.IgnoreFile
	if path != "" {
		candidates := []string{path}
		if !filepath.IsAbs(path) {
			if fi, err := os.Stat(target); err == nil && fi.IsDir() {
				candidates = append(candidates, filepath.Join(target, path))
			}
		}
		explicit := path != suppress.DefaultIgnoreFile
		for _, c := range candidates {
			if _, err := os.Stat(c); err != nil {
				continue
			}
			path = c
			break
		}
		f, err := suppress.LoadIgnoreFile(path, explicit)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	var vexes []*suppress.VEX
	for _, p := range e.cfg.VEX {
		v, err := suppress.LoadVEX(p)
		if err != nil {
			return nil, err
		}
		for _, w := range v.Warnings {
			e.warnf("%s", w)
		}
		vexes = append(vexes, v)
	}
	return suppress.NewSet(files, vexes), nil
}

func nonNil(f []vouch.Finding) []vouch.Finding {
	if f == nil {
		return []vouch.Finding{}
	}
	return f
}

// color reports whether output may use colour: only to a terminal, and
// never with NO_COLOR set.
func (e *env) color() bool {
	if e.getenv("NO_COLOR") != "" || e.cfg.Output != "" {
		return false
	}
	f, ok := e.stdout.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
