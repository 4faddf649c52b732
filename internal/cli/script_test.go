package cli

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/static"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/vouch-dev/vouch/internal/image/imagetest"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary act as the vouch command inside scripts:
// testscript runs "vouch ..." lines by re-executing this binary, so every
// script exercises the real Run, flags, exit codes and output files.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"vouch": func() {
			os.Exit(Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the end-to-end scenarios in testdata/script/*.txtar.
// Update their golden output with: go test ./internal/cli -run TestScripts -update
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":   exitsCmd,
			"mkimage": mkimageCmd,
		},
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1700000000")
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("XDG_CACHE_HOME", env.WorkDir+"/.cache")
			return nil
		},
	})
}

// exitsCmd runs "exits CODE PROG ARGS..." and fails unless PROG exits with
// exactly CODE: vouch's exit codes (0, 1, 2) are part of its interface.
func exitsCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// mkimageCmd runs "mkimage OUT LAYERDIR..." and writes an OCI image
// layout at OUT whose layers hold the files of each LAYERDIR, in order. A
// file named NAME.whiteout deletes NAME from the layers below, as an OCI
// whiteout does.
func mkimageCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mkimage OUT LAYERDIR...")
	}
	img := empty.Image
	for _, dir := range args[1:] {
		root := ts.MkAbs(dir)
		var entries []imagetest.Entry
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if name, ok := strings.CutSuffix(rel, ".whiteout"); ok {
				entries = append(entries, imagetest.Whiteout(name))
				return nil
			}
			b, err := os.ReadFile(p)
			entries = append(entries, imagetest.File(rel, string(b)))
			return err
		})
		ts.Check(err)
		layer := static.NewLayer(imagetest.Tar(entries...), types.OCIUncompressedLayer)
		img, err = mutate.AppendLayers(img, layer)
		ts.Check(err)
	}
	img = mutate.MediaType(img, types.OCIManifestSchema1)
	lp, err := layout.Write(ts.MkAbs(args[0]), empty.Index)
	ts.Check(err)
	ts.Check(lp.AppendImage(img))
}
