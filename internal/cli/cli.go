// Package cli is vouch's command line: one file per subcommand, one place
// (Run) that turns a run's error into an exit code and a message.
//
// Output rules: results go to stdout or --output FILE (written atomically);
// progress, warnings and errors go to stderr, prefixed "vouch: ", in lower
// case, with a hint line where one helps. Nothing is printed in colour when
// NO_COLOR is set or stderr is not a terminal.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// env is what one run sees of the outside world; tests fill it in-process.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	cfg    Config
	// configPath is --config; empty means vouch.yaml in the working
	// directory if there is one.
	configPath string
	// gateAttest holds gate's --attest flags.
	gateAttest *attestFlags
}

// Run executes one vouch command line and returns the process exit code:
// 0 ok, 1 findings or policy failed, 2 usage or input error.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, cfg: DefaultConfig()}
	root := e.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if path := e.getenv("VOUCH_CPUPROFILE"); path != "" {
		// A profiling aid for vouch's own developers (docs/ARCHITECTURE.md).
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer func() { pprof.StopCPUProfile(); f.Close() }()
			}
		}
	}
	err := root.ExecuteContext(ctx)
	return e.report(err)
}

// report prints err the one way every command prints errors and maps it to
// an exit code.
func (e *env) report(err error) int {
	if err == nil {
		return vouch.ExitOK
	}
	if errors.Is(err, vouch.ErrFailed) {
		// The command has already said why; the verdict is the exit code.
		return vouch.ExitFailed
	}
	msg := err.Error()
	fmt.Fprintf(e.stderr, "vouch: error: %s\n", msg)
	var ie *vouch.InputError
	if errors.As(err, &ie) && ie.Hint != "" {
		fmt.Fprintf(e.stderr, "vouch: hint: %s\n", ie.Hint)
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "vouch: hint: run 'vouch %s --help' for usage\n", ue.cmd)
	}
	return vouch.ExitCode(err)
}

// usageError is a command line that cannot be run as written.
type usageError struct {
	cmd string
	err error
}

func (u *usageError) Error() string { return u.err.Error() }
func (u *usageError) Unwrap() error { return u.err }

func (e *env) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "vouch",
		Short: "vouch inspects, attests and gates what is about to ship",
		Long: `vouch guards the path from a commit to production: it inventories what is
about to ship (source trees, lockfiles, Go binaries, container images, SBOMs),
finds vulnerable dependencies, leaked secrets and insecure configuration, and
turns the results into evidence a policy can gate on.

Exit codes: 0 ok, 1 findings or policy failed, 2 usage or input error.`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	root.PersistentFlags().StringVar(&e.configPath, "config", "", "configuration file (default: $VOUCH_CONFIG, else vouch.yaml in the working directory if present)")
	root.PersistentFlags().BoolVarP(&e.cfg.Quiet, "quiet", "q", false, "print no progress or warnings on stderr")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{cmd: c.Name(), err: err}
	})
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		return e.loadConfig(cmd.Flags())
	}
	root.AddCommand(
		e.versionCommand(),
		e.sbomCommand(),
		e.scanCommand(),
		e.dbCommand(),
		e.policyCommand(),
		e.gateCommand(),
		e.approveCommand(),
	)
	root.AddCommand(e.signingCommands()...)
	return root
}

// loadConfig layers the config file and the environment under the flags
// the user set, then validates.
func (e *env) loadConfig(flags *pflag.FlagSet) error {
	// Commands share one Config, and cobra wrote every command's flag
	// defaults into it as the commands were built, the last one winning.
	// Put back this command's own defaults for what the user did not set.
	var resetErr error
	flags.VisitAll(func(f *pflag.Flag) {
		if !f.Changed && resetErr == nil {
			if sv, ok := f.Value.(pflag.SliceValue); ok {
				resetErr = sv.Replace(splitDefault(f.DefValue))
				return
			}
			resetErr = f.Value.Set(f.DefValue)
		}
	})
	if resetErr != nil {
		return resetErr
	}
	path := e.configPath
	if path == "" {
		path = e.getenv("VOUCH_CONFIG")
	}
	if path == "" {
		if _, err := os.Stat("vouch.yaml"); err == nil {
			path = "vouch.yaml"
		}
	}
	layered, err := loadLayers(path, e.getenv)
	if err != nil {
		return err
	}
	applyLayers(&e.cfg, layered, flags)
	if err := e.cfg.Validate(); err != nil {
		return vouch.Input(err, "")
	}
	return nil
}

// addResultFlags adds the flags every command that produces results has.
func (e *env) addResultFlags(cmd *cobra.Command, formats []string, def string) {
	f := cmd.Flags()
	f.StringVarP(&e.cfg.Format, "format", "f", def, "output format: "+strings.Join(formats, ", "))
	f.StringVarP(&e.cfg.Output, "output", "o", "", "write results to FILE (atomically) instead of stdout")
}

// checkFormat rejects a --format the command does not write.
func checkFormat(cmd string, got string, formats []string) error {
	for _, f := range formats {
		if got == f {
			return nil
		}
	}
	return &usageError{cmd: cmd, err: fmt.Errorf("unknown format %q (want one of %s)", got, strings.Join(formats, ", "))}
}

// warnf prints a warning on stderr unless --quiet.
func (e *env) warnf(format string, args ...any) {
	if e.cfg.Quiet {
		return
	}
	fmt.Fprintf(e.stderr, "vouch: warning: "+format+"\n", args...)
}

// splitDefault turns a slice flag's printed default ("[a,b]") back into
// its elements.
func splitDefault(def string) []string {
	def = strings.TrimSuffix(strings.TrimPrefix(def, "["), "]")
	if def == "" {
		return []string{}
	}
	return strings.Split(def, ",")
}
