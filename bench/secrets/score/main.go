// Command score compares a secret scanner's findings with labels.
//
//	score -labels CORPUS/labels.tsv -root CORPUS -name vouch findings.json
//	score -leaky LEAKY_REPO -name gitleaks report.json
//
// Findings are vouch's JSON (an array of findings with location.path and
// location.line; suppressed ones are ignored) or gitleaks' JSON report
// (File, StartLine). With -labels, a planted secret counts as found when a
// finding sits on its line; a decoy line with a finding is a false
// positive; findings on unlabelled lines are counted apart. With -leaky,
// the leaky-repo scoring is used: its secrets.csv gives, per file, the
// number of lines holding a risk and an informative secret (175 in all);
// per file, flagged lines up to that number count as found and the rest,
// and every flagged line of a file it does not list, as false positives.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type hit struct {
	path   string
	line   int
	rule   string
	commit string
}

func main() {
	labels := flag.String("labels", "", "labels.tsv written by gencorpus")
	root := flag.String("root", "", "directory the scanned paths are relative to")
	leaky := flag.String("leaky", "", "leaky-repo checkout (uses .leaky-meta/secrets.csv)")
	name := flag.String("name", "tool", "tool name for the summary line")
	verbose := flag.Bool("v", false, "list misses and false positives")
	flag.Parse()
	if flag.NArg() != 1 || (*labels == "") == (*leaky == "") {
		fmt.Fprintln(os.Stderr, "usage: score (-labels FILE -root DIR | -leaky DIR) [-name N] FINDINGS.json")
		os.Exit(2)
	}
	r := *root
	if *leaky != "" {
		r = *leaky
	}
	hits, err := readFindings(flag.Arg(0), r)
	if err != nil {
		fmt.Fprintln(os.Stderr, "score:", err)
		os.Exit(1)
	}
	if *leaky != "" {
		err = scoreLeaky(*name, *leaky, hits, *verbose)
	} else {
		err = scoreCorpus(*name, *labels, hits, *verbose)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "score:", err)
		os.Exit(1)
	}
}

func readFindings(p, root string) ([]hit, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var raw []map[string]any
	trimmed := strings.TrimSpace(string(data))
	switch {
	case strings.HasPrefix(trimmed, "{"): // vouch scan's result: {"findings": [...], ...}
		var res struct {
			Findings []map[string]any `json:"findings"`
		}
		if err := json.Unmarshal(data, &res); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		raw = res.Findings
	case trimmed != "" && trimmed != "null":
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	absRoot, _ := filepath.Abs(root)
	norm := func(s string) string {
		s = filepath.ToSlash(s)
		for _, pre := range []string{filepath.ToSlash(absRoot) + "/", filepath.ToSlash(root) + "/", strings.TrimPrefix(filepath.ToSlash(root), "./") + "/"} {
			if pre != "/" && strings.HasPrefix(s, pre) {
				return s[len(pre):]
			}
		}
		return strings.TrimPrefix(s, "./")
	}
	var out []hit
	for _, f := range raw {
		if loc, ok := f["location"].(map[string]any); ok { // vouch
			if f["suppressed"] != nil {
				continue
			}
			line, _ := loc["line"].(float64)
			path, _ := loc["path"].(string)
			id, _ := f["id"].(string)
			detail, _ := f["detail"].(string)
			var commit string
			for _, part := range strings.Split(detail, "; ") {
				if c, ok := strings.CutPrefix(part, "commit "); ok {
					commit = c
				}
			}
			out = append(out, hit{norm(path), int(line), id, commit})
			continue
		}
		path, _ := f["File"].(string) // gitleaks
		line, _ := f["StartLine"].(float64)
		id, _ := f["RuleID"].(string)
		commit, _ := f["Commit"].(string)
		out = append(out, hit{norm(path), int(line), id, commit})
	}
	return out, nil
}

// key is where a label or finding sits; commit is set for history
// labels (a fifth column), so a finding counts only at the commit that
// added the line.
type key struct {
	path   string
	line   int
	commit string
}

func scoreCorpus(name, labelsPath string, hits []hit, verbose bool) error {
	f, err := os.Open(labelsPath)
	if err != nil {
		return err
	}
	defer f.Close()
	type lab struct {
		k            key
		family, kind string
	}
	// Several secrets can share a line (a minified bundle is one line):
	// each label counts on its own.
	var all []lab
	history := false
	labels := map[key]lab{}
	total := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		t := sc.Text()
		if strings.HasPrefix(t, "#") || t == "" {
			continue
		}
		p := strings.Split(t, "\t")
		if len(p) != 4 && len(p) != 5 {
			return fmt.Errorf("bad label line %q", t)
		}
		n, _ := strconv.Atoi(p[1])
		l := lab{key{p[0], n, ""}, p[2], p[3]}
		if len(p) == 5 {
			l.k.commit = p[4]
			history = true
		}
		labels[l.k] = l
		all = append(all, l)
		total[p[2]]++
	}
	flagged := map[key]string{}
	for _, h := range hits {
		k := key{h.path, h.line, ""}
		if history {
			k.commit = h.commit
		}
		flagged[k] = h.rule
	}
	found := map[string]int{}
	unlabelled := 0
	var unl []string
	for k, rule := range flagged {
		if _, ok := labels[k]; !ok {
			unlabelled++
			unl = append(unl, fmt.Sprintf("%s:%d %s %s", k.path, k.line, rule, k.commit))
		}
	}
	for _, l := range all {
		if _, ok := flagged[l.k]; ok {
			found[l.family]++
		}
	}
	var fams []string
	for fam := range total {
		fams = append(fams, fam)
	}
	sort.Strings(fams)
	var sTot, sFound, dTot, dFP int
	fmt.Printf("%-30s %8s %8s\n", "secret format ("+name+")", "found", "planted")
	for _, fam := range fams {
		if strings.HasPrefix(fam, "decoy-") {
			continue
		}
		sTot += total[fam]
		sFound += found[fam]
		fmt.Printf("%-30s %8d %8d %6.1f%%\n", fam, found[fam], total[fam], 100*float64(found[fam])/float64(total[fam]))
	}
	fmt.Printf("\n%-30s %8s %8s\n", "decoy family", "flagged", "lines")
	for _, fam := range fams {
		if !strings.HasPrefix(fam, "decoy-") {
			continue
		}
		dTot += total[fam]
		dFP += found[fam]
		fmt.Printf("%-30s %8d %8d\n", fam, found[fam], total[fam])
	}
	if verbose {
		var miss []string
		for _, l := range all {
			if _, ok := flagged[l.k]; !ok && l.kind == "secret" {
				miss = append(miss, fmt.Sprintf("%s:%d %s", l.k.path, l.k.line, l.family))
			}
		}
		sort.Strings(miss)
		sort.Strings(unl)
		fmt.Println("\nmissed:")
		for _, m := range miss {
			fmt.Println("  " + m)
		}
		fmt.Println("unlabelled findings:")
		for _, m := range unl {
			fmt.Println("  " + m)
		}
	}
	fmt.Printf("\nSUMMARY %s recall=%d/%d (%.1f%%) decoy_fp=%d/%d unlabelled=%d\n", name, sFound, sTot, 100*float64(sFound)/float64(max(1, sTot)), dFP, dTot, unlabelled)
	return nil
}

func scoreLeaky(name, dir string, hits []hit, verbose bool) error {
	f, err := os.Open(filepath.Join(dir, ".leaky-meta", "secrets.csv"))
	if err != nil {
		return err
	}
	defer f.Close()
	type counts struct{ risk, info int }
	want := map[string]counts{}
	var files []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		p := strings.Split(t, ",")
		if len(p) != 3 {
			continue
		}
		r, err1 := strconv.Atoi(p[1])
		i, err2 := strconv.Atoi(p[2])
		if err1 != nil || err2 != nil {
			continue
		}
		want[p[0]] = counts{r, i}
		files = append(files, p[0])
	}
	lines := map[string]map[int]bool{} // path → flagged lines
	for _, h := range hits {
		if strings.HasPrefix(h.path, ".leaky-meta/") {
			continue
		}
		if lines[h.path] == nil {
			lines[h.path] = map[int]bool{}
		}
		lines[h.path][h.line] = true
	}
	var found, foundRisk, fp, total, totalRisk, covered int
	sort.Strings(files)
	fmt.Printf("%-40s %12s %6s\n", "file ("+name+")", "found/total", "FP")
	for _, file := range files {
		w := want[file]
		n := len(lines[file])
		t := w.risk + w.info
		fnd, extra := min(n, t), max(0, n-t)
		total += t
		totalRisk += w.risk
		found += fnd
		foundRisk += min(n, w.risk)
		fp += extra
		if n > 0 {
			covered++
		}
		fmt.Printf("%-40s %5d/%-6d %6d\n", file, fnd, t, extra)
	}
	for file, ls := range lines {
		if _, ok := want[file]; !ok {
			fp += len(ls)
			fmt.Printf("%-40s %5s/%-6s %6d (unlabelled file)\n", file, "-", "-", len(ls))
		}
	}
	fmt.Printf("\nSUMMARY %s leaky-repo found=%d/%d (%.1f%%) risk_lines=%d/%d files=%d/%d false_positives=%d\n",
		name, found, total, 100*float64(found)/float64(total), foundRisk, totalRisk, covered, len(files), fp)
	return nil
}
