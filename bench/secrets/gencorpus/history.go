package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// history writes a git repository with n commits (through git
// fast-import, so 5,000 commits take seconds) into out/repo, and
// out/labels.tsv with a fifth column, the commit that added the line.
// Each commit edits one to three of a few hundred files; about one commit
// in twelve plants a secret, one in twelve a decoy, and a third of the
// planted secrets are deleted again a few commits later, so only history
// holds them.
func (c *corpus) history(n int) error {
	repo := filepath.Join(c.out, "repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		return err
	}
	git := func(args ...string) *exec.Cmd {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
		return cmd
	}
	if out, err := git("init", "-q", "-b", "main").CombinedOutput(); err != nil {
		return fmt.Errorf("git init: %v: %s", err, out)
	}
	marks := filepath.Join(c.out, "marks")
	imp := git("fast-import", "--quiet", "--export-marks="+marks)
	stdin, err := imp.StdinPipe()
	if err != nil {
		return err
	}
	imp.Stderr = os.Stderr
	if err := imp.Start(); err != nil {
		return err
	}
	w := bufio.NewWriterSize(stdin, 1<<20)

	// The tree: a few hundred files of the usual kinds.
	var files []*file
	kinds := []struct {
		dir, ext, kind string
		gen            func() []string
	}{
		{"internal/svc", ".go", "go", func() []string { return c.goSource(3000 + c.r.IntN(5000)) }},
		{"py/app", ".py", "py", func() []string { return c.pySource(2000 + c.r.IntN(5000)) }},
		{"web/src", ".ts", "ts", func() []string { return c.jsSource(2000 + c.r.IntN(5000)) }},
		{"deploy", ".yaml", "yaml", c.k8sYAML},
		{"config", ".json", "json", func() []string { return c.jsonConfig(1500) }},
		{".github/workflows", ".yml", "ci", c.workflow},
		{"docs", ".md", "md", func() []string { return c.markdown(2000) }},
	}
	for i := 0; i < 300; i++ {
		k := kinds[i%len(kinds)]
		files = append(files, &file{path: fmt.Sprintf("%s/%s%d%s", k.dir, c.word(), i, k.ext), kind: k.kind, lines: k.gen()})
	}
	type planted struct {
		f    *file
		line string
	}
	var live []planted
	type hlabel struct {
		label
		mark int
	}
	var hl []hlabel
	var gens = map[string]func() []string{}
	for _, k := range kinds {
		gens[k.kind] = k.gen
	}

	for m := 1; m <= n; m++ {
		var changed []*file
		if m == 1 {
			changed = files
		} else {
			for k := 1 + c.r.IntN(3); k > 0; k-- {
				f := files[c.r.IntN(len(files))]
				// An ordinary edit: replace a few lines with new ones.
				extra := gens[f.kind]()
				for e := 0; e < 3 && len(f.lines) > 10; e++ {
					at := c.pos(f)
					f.lines[at] = extra[c.r.IntN(len(extra))]
				}
				changed = append(changed, f)
			}
			// Delete a live secret now and then.
			if len(live) > 0 && c.r.IntN(4) == 0 {
				i := c.r.IntN(len(live))
				p := live[i]
				for j, l := range p.f.lines {
					if l == p.line {
						p.f.lines = append(p.f.lines[:j:j], p.f.lines[j+1:]...)
						break
					}
				}
				live = append(live[:i], live[i+1:]...)
				changed = append(changed, p.f)
			}
			// Plant last, so the recorded line number is final.
			f := changed[0]
			f.marks, f.blocks = nil, nil
			switch r := c.r.IntN(12); {
			case r == 0:
				c.plantSecret(f)
			case r == 1:
				c.plantDecoy(f)
			}
			for _, mk := range f.marks {
				hl = append(hl, hlabel{label{f.path, mk.line + 1, mk.family, mk.kind}, m})
				if mk.kind == "secret" && mk.line < len(f.lines) {
					live = append(live, planted{f, f.lines[mk.line]})
				}
			}
			f.marks = nil
		}
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\n", m)
		fmt.Fprintf(w, "author Dev %d <dev%d@acme.io> %d +0000\n", m%7, m%7, 1700000000+m*600)
		fmt.Fprintf(w, "committer Dev %d <dev%d@acme.io> %d +0000\n", m%7, m%7, 1700000000+m*600)
		msg := fmt.Sprintf("change %d", m)
		fmt.Fprintf(w, "data %d\n%s\n", len(msg), msg)
		if m > 1 {
			fmt.Fprintf(w, "from :%d\n", m-1)
		}
		seen := map[*file]bool{}
		for _, f := range changed {
			if seen[f] {
				continue
			}
			seen[f] = true
			content := strings.Join(f.lines, "\n") + "\n"
			c.written += int64(len(content))
			fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", f.path, len(content), content)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	stdin.Close()
	if err := imp.Wait(); err != nil {
		return fmt.Errorf("git fast-import: %w", err)
	}
	if out, err := git("checkout", "-q", "main").CombinedOutput(); err != nil {
		return fmt.Errorf("git checkout: %v: %s", err, out)
	}
	// Marks → commit ids.
	mb, err := os.ReadFile(marks)
	if err != nil {
		return err
	}
	sha := map[int]string{}
	for _, line := range strings.Split(string(mb), "\n") {
		var mk int
		var h string
		if _, err := fmt.Sscanf(line, ":%d %s", &mk, &h); err == nil {
			sha[mk] = h
		}
	}
	sort.Slice(hl, func(i, j int) bool { return hl[i].mark < hl[j].mark })
	f, err := os.Create(filepath.Join(c.out, "labels.tsv"))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	fmt.Fprintln(bw, "# path\tline\tfamily\tkind\tcommit")
	var s int
	fams := map[string]bool{}
	for _, l := range hl {
		fmt.Fprintf(bw, "%s\t%d\t%s\t%s\t%s\n", l.path, l.line, l.family, l.kind, sha[l.mark])
		if l.kind == "secret" {
			s++
			fams[l.family] = true
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gencorpus: %d commits, %d bytes of blobs, %d secrets of %d formats, %d decoys\n", n, c.written, s, len(fams), len(hl)-s)
	return f.Close()
}
