// Package secrets finds credentials in files, directory trees, streams
// (image layers) and git history.
//
// # Using it
//
//	s, err := secrets.New(secrets.Config{})      // compiles the rules once
//	findings, err := s.ScanDir(ctx, "path/to/repo")
//	findings, err = s.ScanGit(ctx, "path/to/repo", secrets.GitOptions{Since: "origin/main"})
//	findings, err = s.ScanReader(ctx, "etc/app.conf", layerFile)
//
// Every result is a vouch.Finding of Kind vouch.KindSecret whose ID is the
// rule id ("aws-access-key-id"), Title the rule's description, Severity the
// rule's. The secret itself never leaves the package: a finding carries
// Masked (at most four characters at each end) and Fingerprint, the hex
// SHA-256 of rule id, path, the secret's SHA-256 and, in history, the
// commit. Detail holds the column and, for history, commit, author and
// date, as "column 7; commit 1a2b…; author A <a@x>; date 2024-…"; see
// Detail and ParseDetail. A line with a "vouch:ignore" comment (optionally
// followed by rule ids) yields findings marked Suppressed (source
// "inline"); Baseline marks accepted fingerprints.
//
// # How it is fast
//
// Each rule names lower-case keywords. One Aho-Corasick automaton (a dense
// DFA over byte classes, case-folded) finds every keyword in one pass over
// a file; a rule's RE2 pattern then runs only on the windows around its
// keywords' hits: the line, or for multi-line rules (PEM blocks) the line
// plus the rule's longest span. Windows of one rule that touch are merged,
// so a pattern never reads a byte twice. Lines longer than 4 KiB (minified
// bundles, data blobs) get a narrow window and only strict rules (vendor
// prefixes, checksums); so do lockfiles, whose integrity hashes are noise.
// Files are read once: whole when they fit in a 4 MiB chunk, otherwise in
// chunks that overlap by more than the longest match, each chunk owning the
// matches that start before its carried tail, so a secret straddling a
// chunk edge is found exactly once. Directory scans run a worker pool over
// all cores and honour .gitignore; binary files (a NUL byte in the first
// 8 KiB) are skipped, except UTF-16 text, which is decoded.
//
// # How it stays quiet
//
// Provider rules follow the vendors' token formats; GitHub and npm tokens
// carry a CRC-32 checksum in their last six characters, which is verified,
// so random strings with the right prefix are not reported. JWTs are
// decoded and must name a signing algorithm. Documentation examples that
// any rule lists in Allow (AKIAIOSFODNN7EXAMPLE, the Stripe docs key …)
// are dropped whichever rule sees them. Generic assignments
// (password=…, api_key: …) are judged by context: the variable name's last
// word must be a credential word, the value must be a literal (quoted in
// source code; not ${VAR}, {{ }}, <…>, os.getenv(…), process.env…), not a
// placeholder (changeme, example, your-…, xxxx) and long and random enough
// for the kind of file. CI pipelines and compose files are the exception:
// there a literal under a credential name is reported at any entropy,
// because those secrets are low-entropy (MYSQL_ROOT_PASSWORD: root).
// Hashes, digests, integrity strings and UUIDs under non-credential names
// are never reported.
package secrets
