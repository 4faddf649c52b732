package vulndb

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// The kill test re-executes the test binary as a child that imports into
// a database and stops, mid-write, at testHookBuilt; the parent kills it
// with SIGKILL there. These variables carry the child's instructions.
const (
	envCrashDir   = "VULNDB_CRASH_DIR"   // database to import into
	envCrashInput = "VULNDB_CRASH_INPUT" // what to import
	envCrashMark  = "VULNDB_CRASH_MARK"  // file the child creates when it is midway
)

// runChild runs the child's import when the environment asks for it and
// reports whether it did; TestMain then exits without running tests.
func runChild() bool {
	dir := os.Getenv(envCrashDir)
	if dir == "" {
		return false
	}
	mark := os.Getenv(envCrashMark)
	testHookBuilt = func(gdir string) {
		os.WriteFile(mark, []byte(gdir), 0o644)
		time.Sleep(time.Hour) // wait for SIGKILL
	}
	_, err := Import(context.Background(), dir, []string{os.Getenv(envCrashInput)})
	fmt.Fprintln(os.Stderr, "child import finished:", err)
	os.Exit(3)
	return true
}

func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := filepath.Join(t.TempDir(), "db")
	ctx := context.Background()
	first, err := Import(ctx, dir, []string{filepath.Join("testdata", "advisories", "npm")})
	if err != nil {
		t.Fatal(err)
	}
	input, err := filepath.Abs(filepath.Join("testdata", "advisories"))
	if err != nil {
		t.Fatal(err)
	}
	mark := filepath.Join(t.TempDir(), "midway")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envCrashDir+"="+dir, envCrashInput+"="+input, envCrashMark+"="+mark)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	var partial []byte
	for {
		if partial, err = os.ReadFile(mark); err == nil && len(partial) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("child never reached the midway point")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	err = cmd.Wait()
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("child: %v, want killed", err)
	}

	// The half-built generation is there, and nothing points at it.
	gdir := string(partial)
	if _, err := os.Stat(gdir); err != nil {
		t.Fatalf("partial generation: %v", err)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	if g := db.Status().Generation; g != first.Generation {
		t.Errorf("generation after kill = %s, want %s", g, first.Generation)
	}
	fs, err := db.Match(ctx, []vouch.Package{{Ecosystem: "npm", Name: "lodash", Version: "4.17.20"}, {Ecosystem: "Go", Name: "example.com/mod", Version: "v1.0.0"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].ID != "GHSA-35jh-r3h4-6jhm" {
		t.Errorf("findings after kill: %+v", fs)
	}
	db.Close()

	// The kill released the writer lock; the next import finishes and
	// clears the half-built generation.
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	st, err := Import(ctx, dir, []string{input})
	if err != nil {
		t.Fatalf("import after kill: %v", err)
	}
	if _, err := os.Stat(gdir); !os.IsNotExist(err) {
		t.Errorf("partial generation %s not removed: %v", gdir, err)
	}
	if st.Records["Go"] == 0 || st.Previous != first.Generation {
		t.Errorf("status after re-import: %+v", st)
	}
}
