// Command app is a fixture: its imports are what the test checks.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/google/uuid"
	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/example/app/internal/store"
)

func main() {
	root := &cobra.Command{Use: "app", RunE: func(cmd *cobra.Command, args []string) error {
		g, ctx := errgroup.WithContext(context.Background())
		g.Go(func() error { return store.Open(ctx, uuid.NewString()) })
		return g.Wait()
	}}
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
