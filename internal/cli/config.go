package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/vouch-dev/vouch/internal/glob"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Config is every setting of a run. DefaultConfig fills it; an optional
// vouch.yaml (--config), then VOUCH_* environment variables, then flags
// override it, in that order. Fields with a `flag` tag are settable all
// three ways (VOUCH_ plus the flag name in upper case with "-" as "_");
// the rest only in the file.
type Config struct {
	Format     string `yaml:"format" flag:"format"`
	Output     string `yaml:"output" flag:"output"`
	Quiet      bool   `yaml:"quiet" flag:"quiet"`
	SkipErrors bool   `yaml:"skip-errors" flag:"skip-errors"`

	// Inventory.
	Platform    string `yaml:"platform" flag:"platform"`
	NodeModules bool   `yaml:"node-modules" flag:"node-modules"`
	NoIgnore    bool   `yaml:"no-ignore" flag:"no-ignore"`
	// ExcludePaths are gitignore-style globs, relative to the root of a
	// directory or image target, that every scanner and the SBOM leave
	// out (package glob has the syntax).
	ExcludePaths []string `yaml:"exclude-paths" flag:"exclude-path"`

	// Registry credentials; the password only from the environment.
	RegistryUsername string        `yaml:"-" env:"VOUCH_REGISTRY_USERNAME"`
	RegistryPassword string        `yaml:"-" env:"VOUCH_REGISTRY_PASSWORD"`
	RegistryInsecure bool          `yaml:"registry-insecure" flag:"insecure"`
	RegistryTimeout  time.Duration `yaml:"registry-timeout" flag:"timeout"`

	// Scanning.
	Scanners        []string      `yaml:"scanners" flag:"scanners"`
	FailOn          string        `yaml:"fail-on" flag:"fail-on"`
	UnknownSeverity string        `yaml:"unknown-severity" flag:"unknown-severity"`
	IgnoreUnfixed   bool          `yaml:"ignore-unfixed" flag:"ignore-unfixed"`
	OnlyReachable   bool          `yaml:"only-reachable" flag:"only-reachable"`
	IgnoreFile      string        `yaml:"ignore-file" flag:"ignore-file"`
	VEX             []string      `yaml:"vex" flag:"vex"`
	DBDir           string        `yaml:"db-dir" flag:"db-dir"`
	MaxDBAge        time.Duration `yaml:"max-db-age" flag:"max-db-age"`
	DBURL           string        `yaml:"db-url" flag:"db-url"`

	// Secrets.
	Git           bool          `yaml:"git" flag:"git"`
	GitSince      string        `yaml:"since" flag:"since"`
	GitRefs       []string      `yaml:"refs" flag:"refs"`
	Baseline      string        `yaml:"baseline" flag:"baseline"`
	WriteBaseline string        `yaml:"-" flag:"write-baseline"`
	Secrets       SecretsConfig `yaml:"secrets"`

	// Misconfiguration.
	PolicyDirs []string `yaml:"policy-dirs" flag:"policy-dir"`
	VarFiles   []string `yaml:"var-files" flag:"var-file"`
	SkipChecks []string `yaml:"skip-checks" flag:"skip-check"`

	// Gate: trusted keys, approvers, waivers, policies and per-environment
	// settings; only in vouch.yaml.
	Gate GateConfig `yaml:"gate"`
}

// SecretsConfig is the noise control of the secret scanner, only in
// vouch.yaml: paths never scanned, values never reported.
type SecretsConfig struct {
	AllowPaths    []string `yaml:"allow-paths"`
	AllowPatterns []string `yaml:"allow-patterns"`
	StopWords     []string `yaml:"stop-words"`
	MaxFileSize   int64    `yaml:"max-file-size"`
}

// DefaultConfig is the configuration of a run nobody configured.
func DefaultConfig() Config {
	return Config{
		Platform:        "linux/amd64",
		RegistryTimeout: 2 * time.Minute,
		Scanners:        []string{"vuln"},
		UnknownSeverity: "fail",
		IgnoreFile:      ".vouchignore.yaml",
		MaxDBAge:        7 * 24 * time.Hour,
	}
}

// Validate reports the first setting that cannot work.
func (c *Config) Validate() error {
	if c.RegistryTimeout <= 0 {
		return fmt.Errorf("timeout %s: must be positive", c.RegistryTimeout)
	}
	if c.Platform != "" && strings.Count(c.Platform, "/") < 1 {
		return fmt.Errorf("platform %q: want os/arch[/variant], like linux/amd64", c.Platform)
	}
	if c.FailOn != "" {
		if _, err := vouch.ParseSeverity(c.FailOn); err != nil {
			return fmt.Errorf("fail-on: %w", err)
		}
	}
	if c.UnknownSeverity != "fail" && c.UnknownSeverity != "ignore" {
		return fmt.Errorf("unknown-severity %q: want fail or ignore", c.UnknownSeverity)
	}
	if _, err := glob.NewList(c.ExcludePaths); err != nil {
		return fmt.Errorf("exclude-paths: %w", err)
	}
	for _, s := range c.Scanners {
		switch s {
		case "vuln", "secret", "misconfig":
		default:
			return fmt.Errorf("scanner %q: want vuln, secret or misconfig", s)
		}
	}
	if c.MaxDBAge < 0 {
		return fmt.Errorf("max-db-age %s: must not be negative", c.MaxDBAge)
	}
	return nil
}

// loadLayers reads the config file (if any) and the environment into a
// fresh default Config.
func loadLayers(path string, getenv func(string) string) (Config, error) {
	cfg := DefaultConfig()
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return cfg, vouch.Input(fmt.Errorf("read config %s: %w", path, err), "")
		}
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
			return cfg, vouch.Input(fmt.Errorf("config %s: %w", path, err), "check the file against docs/CONFIG.md")
		}
	}
	v := reflect.ValueOf(&cfg).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		env := f.Tag.Get("env")
		if env == "" {
			name := f.Tag.Get("flag")
			if name == "" {
				continue
			}
			env = "VOUCH_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		}
		s := getenv(env)
		if s == "" {
			continue
		}
		if err := setField(v.Field(i), s); err != nil {
			return cfg, vouch.Input(fmt.Errorf("environment %s: %w", env, err), "")
		}
	}
	return cfg, nil
}

func setField(v reflect.Value, s string) error {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("%q is not a boolean", s)
		}
		v.SetBool(b)
	case reflect.Int64:
		if v.Type() == reflect.TypeOf(time.Duration(0)) {
			d, err := time.ParseDuration(s)
			if err != nil {
				return fmt.Errorf("%q is not a duration (like 30s or 2m)", s)
			}
			v.SetInt(int64(d))
			return nil
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", s)
		}
		v.SetInt(n)
	case reflect.Int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("%q is not a number", s)
		}
		v.SetInt(int64(n))
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.String {
			return fmt.Errorf("unsupported setting type %s", v.Type())
		}
		parts := strings.Split(s, ",")
		v.Set(reflect.ValueOf(parts))
	default:
		return fmt.Errorf("unsupported setting type %s", v.Type())
	}
	return nil
}

// applyLayers copies into cfg every setting the file or the environment
// gave (one that differs from DefaultConfig) unless the user set the same
// flag on the command line. Settings neither gave keep cfg's value, which
// is the command's own flag default.
func applyLayers(cfg *Config, layered Config, flags *pflag.FlagSet) {
	dst := reflect.ValueOf(cfg).Elem()
	src := reflect.ValueOf(layered)
	def := reflect.ValueOf(DefaultConfig())
	t := dst.Type()
	for i := 0; i < t.NumField(); i++ {
		if reflect.DeepEqual(src.Field(i).Interface(), def.Field(i).Interface()) {
			continue
		}
		name := t.Field(i).Tag.Get("flag")
		if name != "" {
			if f := flags.Lookup(name); f != nil && f.Changed {
				continue
			}
		}
		dst.Field(i).Set(src.Field(i))
	}
}
