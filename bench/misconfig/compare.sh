#!/usr/bin/env bash
# Compare vouch's misconfiguration scanner with Trivy, offline.
#
#   bench/misconfig/compare.sh            # corpora + 2,000-file tree
#   TRIVY=/path/to/trivy FILES=2000 RUNS=3 bench/misconfig/compare.sh
#
# vouch runs as `vouch scan --scanners misconfig --format json` (exit 1:
# findings). Steps:
# 1. Scans the deliberately insecure corpora (TerraGoat, Kubernetes Goat,
#    CloudGoat, GitHub Actions Goat under $SHARED/corpora) with both tools
#    and prints, per check family, how many of Trivy's findings vouch also
#    reports (compare.py maps the check ids and lists every miss).
# 2. Generates a tree of $FILES Terraform, Kubernetes, Dockerfile and
#    workflow files (gentree) and times both tools on it, interleaved, $RUNS
#    times each, reporting median wall time, CPU time and peak memory.
#
# Trivy runs with its embedded checks (--skip-check-update) and every
# proxy pointed at a closed port, so it cannot download a checks bundle or
# remote modules. Build Trivy outside the repository, e.g.:
#   go mod download -json github.com/aquasecurity/trivy@v0.74.0  # then, in a copy of Dir:
#   GOEXPERIMENT=jsonv2 GOFLAGS=-mod=mod go build -o /work/peers/trivy ./cmd/trivy
source "$(dirname "$0")/../lib.sh"

TRIVY=${TRIVY:-$PEERS/trivy}
FILES=${FILES:-2000}
RUNS=${RUNS:-3}
CORPORA=${CORPORA:-$SHARED/corpora}
OUT=$WORK/misconfig
mkdir -p "$OUT"
[ -x "$TRIVY" ] || { echo "compare.sh: no trivy at $TRIVY (see the header for how to build it)" >&2; exit 2; }

build_vouch
vouch_misconfig() { # DIR OUTFILE; exit 1 (findings) is the expected outcome
  "$VOUCH" scan --scanners misconfig --format json -o "$2" "$1" || [ $? -eq 1 ]
}

trivy_config() { # DIR OUTFILE
  HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 NO_PROXY= \
    "$TRIVY" config --skip-check-update --skip-version-check --quiet \
    --cache-dir "$OUT/trivy-cache" --format json -o "$2" "$1"
}

TRIVY_VERSION=${TRIVY_VERSION:-$(go version -m "$TRIVY" 2>/dev/null | awk '$1 == "mod" {print $3; exit}')}
echo "# misconfiguration: vouch vs trivy ${TRIVY_VERSION:-(unknown version)}"
echo "machine: $(nproc) CPUs, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
for c in terragoat kubernetes-goat cloudgoat github-actions-goat; do
  [ -d "$CORPORA/$c" ] || continue
  vouch_misconfig "$CORPORA/$c" "$OUT/vouch-$c.json" 2>"$OUT/vouch-$c.err"
  trivy_config "$CORPORA/$c" "$OUT/trivy-$c.json" 2>"$OUT/trivy-$c.err" || true
  python3 "$BENCH_DIR/misconfig/compare.py" "$OUT/vouch-$c.json" "$OUT/trivy-$c.json" "$c"
  echo
done

TREE=$WORK/iac-$FILES
[ -d "$TREE" ] || (cd "$REPO" && go run ./bench/misconfig/gentree -out "$TREE" -files "$FILES" -seed 1)
echo "## speed: $FILES files ($TREE), $RUNS interleaved runs each"
echo
alternate "$RUNS" vouch "$VOUCH scan --scanners misconfig --format json -o /dev/null $TREE" trivy "HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 $TRIVY config --skip-check-update --skip-version-check --quiet --cache-dir $OUT/trivy-cache --format json -o /dev/null $TREE"
echo
echo "CPU time of one more run each (user+sys):"
/usr/bin/time -f "  vouch: %U s user + %S s sys, %M KiB peak" "$VOUCH" scan --scanners misconfig --format json -o /dev/null "$TREE" 2>"$OUT/vouch-time.err" || true; tail -1 "$OUT/vouch-time.err"
HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 /usr/bin/time -f "  trivy: %U s user + %S s sys, %M KiB peak" \
  "$TRIVY" config --skip-check-update --skip-version-check --quiet --cache-dir "$OUT/trivy-cache" --format json -o /dev/null "$TREE" 2>"$OUT/trivy-time.err" >/dev/null || true; tail -1 "$OUT/trivy-time.err"
