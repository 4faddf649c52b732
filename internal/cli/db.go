package cli

import (
	"fmt"
	"net/http"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/vouch-dev/vouch/internal/vouch"
	"github.com/vouch-dev/vouch/internal/vulndb"
)

func (e *env) dbCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "manage the local, offline advisory database",
		Long: `db manages the OSV advisory database that vouch scan matches against. It
lives in the user cache directory unless --db-dir or VOUCH_DB_DIR says
otherwise, and every change to it is atomic: a scan running during an update
keeps its view, and an interrupted update leaves the previous database.`,
	}
	cmd.PersistentFlags().StringVar(&e.cfg.DBDir, "db-dir", "", "advisory database directory (default: the user cache directory)")
	cmd.AddCommand(e.dbImportCommand(), e.dbUpdateCommand(), e.dbStatusCommand())
	return cmd
}

func (e *env) dbDir() string {
	if e.cfg.DBDir != "" {
		return e.cfg.DBDir
	}
	return vulndb.DefaultDir()
}

func (e *env) dbImportCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import PATH...",
		Short: "import OSV records from JSON files, directories or zip archives",
		Long: `import reads OSV records (schema 1.6 and earlier) from JSON files, from
directories of them, and from zip archives in the layout the OSV project
publishes (<Ecosystem>/all.zip), and merges them into the database: for
each id the record with the newest "modified" time wins.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := vulndb.Import(e.ctx, e.dbDir(), args)
			if err != nil {
				return vouch.Input(err, "")
			}
			if !e.cfg.Quiet {
				return printStatus(e.stdout, e.dbDir(), st)
			}
			return nil
		},
	}
}

func (e *env) dbUpdateCommand() *cobra.Command {
	var ecosystems []string
	cmd := &cobra.Command{
		Use:   "update",
		Short: "download the newest advisories for every (or the given) ecosystem",
		Long: `update downloads <base URL>/<Ecosystem>/all.zip for each ecosystem, asking
only for what changed since the last download (ETag, If-Modified-Since),
checks every archive reads whole, and swaps the new database in atomically.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := vulndb.Update(e.ctx, e.dbDir(), vulndb.UpdateOptions{
				BaseURL:    e.cfg.DBURL,
				Ecosystems: ecosystems,
				Client:     &http.Client{Timeout: e.cfg.RegistryTimeout},
			})
			if err != nil {
				return vouch.Input(err, "check the network and --db-url; the previous database is still in place")
			}
			if !e.cfg.Quiet {
				return printStatus(e.stdout, e.dbDir(), st)
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&ecosystems, "ecosystems", nil, "ecosystems to fetch, comma-separated (default: all)")
	cmd.Flags().StringVar(&e.cfg.DBURL, "db-url", "", "base URL of the OSV archives (default: the public OSV bucket)")
	cmd.Flags().DurationVar(&e.cfg.RegistryTimeout, "timeout", e.cfg.RegistryTimeout, "give up on one download after this long")
	return cmd
}

func (e *env) dbStatusCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "print the database's sources, records per ecosystem and age",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := e.openDB()
			if err != nil {
				return err
			}
			defer db.Close()
			return printStatus(e.stdout, e.dbDir(), db.Status())
		},
	}
}

// openDB opens the advisory database, turning its absence into an error
// that says how to create one.
func (e *env) openDB() (*vulndb.DB, error) {
	db, err := vulndb.Open(e.dbDir())
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("advisory database %s: %w", e.dbDir(), err),
			"run 'vouch db update' (online) or 'vouch db import PATH...' with OSV zips or JSON files (offline)")
	}
	return db, nil
}

func printStatus(w interface{ Write([]byte) (int, error) }, dir string, st *vulndb.Status) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "database\t%s\n", dir)
	fmt.Fprintf(tw, "built\t%s (%s ago)\n", st.Built.UTC().Format(time.RFC3339), time.Since(st.Built).Round(time.Second))
	ecos := make([]string, 0, len(st.Records))
	total := 0
	for eco, n := range st.Records {
		ecos = append(ecos, eco)
		total += n
	}
	sort.Strings(ecos)
	fmt.Fprintf(tw, "records\t%d\n", total)
	for _, eco := range ecos {
		fmt.Fprintf(tw, "  %s\t%d\n", eco, st.Records[eco])
	}
	if st.Withdrawn > 0 {
		fmt.Fprintf(tw, "withdrawn\t%d (never match)\n", st.Withdrawn)
	}
	for _, s := range st.Sources {
		line := s.Location
		if s.Ecosystem != "" {
			line += " (" + s.Ecosystem + ")"
		}
		line += fmt.Sprintf(", %d records, read %s", s.Records, s.Fetched.UTC().Format(time.RFC3339))
		if s.NotModified {
			line += ", unchanged at last update"
		}
		fmt.Fprintf(tw, "source\t%s\n", line)
	}
	return tw.Flush()
}
