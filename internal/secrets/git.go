package secrets

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// GitOptions choose the history ScanGit reads.
type GitOptions struct {
	// Refs are the revisions whose history is scanned; empty means every
	// ref (git log --all).
	Refs []string
	// Since, when set, leaves out commits reachable from this revision
	// (git log REFS --not SINCE): scan only what a branch adds.
	Since string
}

// blobSeen is where a blob first appeared.
type blobSeen struct {
	seq                  int
	oid, path            string
	commit, author, date string
}

// ScanGit scans the history of the repository at repo with the git CLI:
// every blob added or changed by every commit reachable from opts.Refs is
// scanned once (blobs are deduplicated by id), and each finding is
// attributed to the oldest commit that introduced its blob, with the
// commit's author and date in Finding.Detail. A secret that stays in a
// file across many commits is reported once, at the commit that added it;
// one that was added and removed later is still reported. Merge commits
// contribute what they change against their first parent.
func (s *Scanner) ScanGit(ctx context.Context, repo string, opts GitOptions) ([]vouch.Finding, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("scan git history: git not found in PATH: %w", err)
	}
	if out, err := s.git(ctx, repo, "rev-parse", "--git-dir").Output(); err != nil || len(out) == 0 {
		return nil, vouch.Input(fmt.Errorf("scan git history %s: not a git repository", repo), "point at a directory inside a git checkout")
	}
	type job struct {
		b       *blobSeen
		content []byte
	}
	type found struct {
		f   vouch.Finding
		key string
		seq int
	}
	jobs := make(chan job, 2*s.cfg.Workers)
	var (
		mu  sync.Mutex
		all []found
		wg  sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for i := 0; i < s.cfg.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local []found
			for j := range jobs {
				fi := classify(j.b.path)
				fi.commit, fi.author, fi.date = j.b.commit, j.b.author, j.b.date
				seq := j.b.seq
				s.scanContent(fi, j.content, func(f vouch.Finding, key string) {
					// Same secret, same rule, same path in a later blob:
					// reported once, at the oldest commit.
					local = append(local, found{f: f, key: key, seq: seq})
				})
			}
			mu.Lock()
			all = append(all, local...)
			mu.Unlock()
		}()
	}

	// git log, git cat-file and the scanners run at once: blob ids flow
	// from the log parser to cat-file as they are found, and contents from
	// cat-file to the workers.
	blobs := make(chan *blobSeen, 1024)
	logDone := make(chan error, 1)
	go func() {
		logDone <- s.gitBlobs(ctx, repo, opts, func(b *blobSeen) bool {
			select {
			case blobs <- b:
				return true
			case <-ctx.Done():
				return false
			}
		})
		close(blobs)
	}()
	readErr := s.catBlobs(ctx, repo, blobs, func(b *blobSeen, content []byte) {
		jobs <- job{b, content}
	})
	close(jobs)
	wg.Wait()
	if readErr != nil {
		cancel()
	}
	for range blobs { // unblock the log parser if cat-file gave up
	}
	logErr := <-logDone
	if err := ctx.Err(); err != nil && readErr == nil {
		return nil, err
	}
	if logErr != nil {
		return nil, logErr
	}
	if readErr != nil {
		return nil, readErr
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].seq != all[j].seq {
			return all[i].seq < all[j].seq
		}
		return all[i].f.Location.Line < all[j].f.Location.Line
	})
	seen := map[string]bool{}
	var out []vouch.Finding
	for _, x := range all {
		if seen[x.key] {
			continue
		}
		seen[x.key] = true
		out = append(out, x.f)
	}
	sortFindings(out)
	return out, nil
}

func (s *Scanner) git(ctx context.Context, repo string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", repo}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	return cmd
}

// gitBlobs calls emit for every blob introduced by the selected commits,
// oldest commit first, each blob once; emit returns false to stop.
func (s *Scanner) gitBlobs(ctx context.Context, repo string, opts GitOptions, emit func(*blobSeen) bool) error {
	args := []string{"log", "--reverse", "--format=%x01%H%x00%an <%ae>%x00%aI", "--raw", "--no-renames",
		"--no-abbrev", "-z", "--diff-merges=first-parent", "--no-textconv", "--no-ext-diff"}
	if len(opts.Refs) == 0 {
		args = append(args, "--all")
	} else {
		for _, r := range opts.Refs {
			if strings.HasPrefix(r, "-") {
				return vouch.Input(fmt.Errorf("scan git history: bad ref %q", r), "")
			}
		}
		args = append(args, opts.Refs...)
	}
	if opts.Since != "" {
		if strings.HasPrefix(opts.Since, "-") {
			return vouch.Input(fmt.Errorf("scan git history: bad since ref %q", opts.Since), "")
		}
		args = append(args, "--not", opts.Since)
	}
	args = append(args, "--")
	cmd := s.git(ctx, repo, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("git log in %s: %w", repo, err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git log in %s: %w", repo, err)
	}
	r := bufio.NewReaderSize(out, 1<<20)
	var (
		nblobs               int
		stopped              bool
		seen                 = map[string]bool{}
		commit, author, date string
		parseErr             error
	)
	next := func() ([]byte, error) {
		tok, err := r.ReadSlice(0)
		if errors.Is(err, bufio.ErrBufferFull) {
			// An absurdly long token (a path): read the rest of it.
			long := append([]byte(nil), tok...)
			for errors.Is(err, bufio.ErrBufferFull) {
				tok, err = r.ReadSlice(0)
				long = append(long, tok...)
			}
			tok = long
		}
		if err != nil {
			return bytes.TrimLeft(tok, "\n"), err
		}
		return bytes.TrimLeft(tok[:len(tok)-1], "\n"), nil
	}
	for {
		tok, err := next()
		if err != nil {
			if err != io.EOF {
				parseErr = err
			}
			break
		}
		switch {
		case len(tok) > 0 && tok[0] == 1:
			commit = string(tok[1:])
			a, err1 := next()
			d, err2 := next()
			if err1 != nil || err2 != nil {
				parseErr = fmt.Errorf("git log in %s: truncated commit header", repo)
				break
			}
			author, date = string(a), string(d)
		case len(tok) > 0 && tok[0] == ':':
			p, err := next()
			if err != nil {
				parseErr = fmt.Errorf("git log in %s: truncated entry", repo)
				break
			}
			f := strings.Fields(string(tok[1:]))
			if len(f) < 5 {
				continue
			}
			mode, oid, status := f[1], f[3], f[4]
			if status == "D" || strings.Trim(oid, "0") == "" || !strings.HasPrefix(mode, "100") {
				continue // deletions, submodules (160000), symlinks (120000)
			}
			if seen[oid] {
				continue
			}
			seen[oid] = true
			path := string(p)
			if s.pathAllowed(path) {
				continue
			}
			if !emit(&blobSeen{seq: nblobs, oid: oid, path: path, commit: commit, author: author, date: date}) {
				stopped = true
			}
			nblobs++
		}
		if parseErr != nil || stopped {
			break
		}
	}
	io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil && !stopped {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[:300]
		}
		return vouch.Input(fmt.Errorf("git log in %s: %v: %s", repo, err, msg), "check that the refs exist")
	}
	return parseErr
}

// catBlobs streams the contents of blobs, as they arrive, through one git
// cat-file --batch process, calling fn for each blob no larger than
// MaxFileSize, in order.
func (s *Scanner) catBlobs(ctx context.Context, repo string, blobs <-chan *blobSeen, fn func(*blobSeen, []byte)) error {
	cmd := s.git(ctx, repo, "cat-file", "--batch")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("git cat-file in %s: %w", repo, err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("git cat-file in %s: %w", repo, err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file in %s: %w", repo, err)
	}
	// The writer forwards each blob, in request order, to the reader.
	order := make(chan *blobSeen, 1<<14)
	go func() {
		defer close(order)
		defer in.Close()
		w := bufio.NewWriterSize(in, 64<<10)
		for b := range blobs {
			if _, err := w.WriteString(b.oid + "\n"); err != nil {
				return // cat-file is gone; the reader reports why
			}
			order <- b
			if len(blobs) == 0 { // nothing queued: let cat-file see what we have
				if w.Flush() != nil {
					return
				}
			}
		}
		w.Flush()
	}()
	r := bufio.NewReaderSize(out, 1<<20)
	var readErr error
	for b := range order {
		hdr, err := r.ReadString('\n')
		if err != nil {
			readErr = fmt.Errorf("git cat-file in %s: %w", repo, err)
			break
		}
		f := strings.Fields(hdr)
		if len(f) == 2 && f[1] == "missing" {
			continue
		}
		if len(f) != 3 {
			readErr = fmt.Errorf("git cat-file in %s: unexpected header", repo)
			break
		}
		size, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil || size < 0 {
			readErr = fmt.Errorf("git cat-file in %s: bad size", repo)
			break
		}
		if size > s.cfg.MaxFileSize {
			s.skip(b.path+"@"+b.commit, "too large")
			if _, err := io.CopyN(io.Discard, r, size+1); err != nil {
				readErr = fmt.Errorf("git cat-file in %s: %w", repo, err)
				break
			}
			continue
		}
		content := make([]byte, size+1)
		if _, err := io.ReadFull(r, content); err != nil {
			readErr = fmt.Errorf("git cat-file in %s: %w", repo, err)
			break
		}
		fn(b, content[:size])
	}
	if readErr != nil {
		cmd.Process.Kill() // unblock the writer, then let it finish
		for range order {
		}
	}
	io.Copy(io.Discard, out)
	werr := cmd.Wait()
	if readErr != nil {
		return readErr
	}
	if werr != nil && ctx.Err() == nil {
		return fmt.Errorf("git cat-file in %s: %v: %s", repo, werr, strings.TrimSpace(stderr.String()))
	}
	return nil
}
