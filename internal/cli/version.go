package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at link time (-ldflags "-X ...cli.version=v1.2.3"); a
// build without it reports the module version from its build info.
var version = ""

// buildVersion returns the version, the VCS commit and the Go version this
// binary was built with.
func buildVersion() (ver, commit, goVersion string) {
	ver, commit, goVersion = version, "unknown", "unknown"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		if ver == "" {
			ver = "devel"
		}
		return
	}
	goVersion = bi.GoVersion
	if ver == "" {
		ver = bi.Main.Version
		if ver == "" || ver == "(devel)" {
			ver = "devel"
		}
	}
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty && commit != "unknown" {
		commit += "-dirty"
	}
	return
}

func (e *env) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print vouch's version, commit and Go version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, c, g := buildVersion()
			_, err := fmt.Fprintf(e.stdout, "vouch %s\ncommit %s\ngo %s\n", v, c, g)
			return err
		},
	}
}
