#!/usr/bin/env bash
# Correctness bar of `vouch scan`: on the committed real lockfiles, vouch
# must report the same vulnerabilities as osv-scanner in offline mode on the
# same OSV data. Prints every difference; bench/RESULTS.md explains each.
#
#   bash bench/compare-osv.sh [DIR]     # DIR defaults to bench/testdata/projects
source "$(dirname "$0")/lib.sh"
build_vouch
OSV=$(peer osv-scanner github.com/google/osv-scanner/v2/cmd/osv-scanner@v2.5.0)
TARGET=${1:-$REPO/bench/testdata/projects}
OSVCACHE=$WORK/osvcache
osv_cache "$OSVCACHE"
DB=$WORK/vouchdb-compare
rm -rf "$DB"
"$VOUCH" db import --quiet --db-dir "$DB" "$SHARED/osv/Go.zip" "$SHARED/osv/PyPI.zip" "$SHARED/osv/crates.io.zip"
"$VOUCH" scan --db-dir "$DB" --format json -o "$WORK/cmp-vouch.json" "$TARGET" || true
XDG_CACHE_HOME=$OSVCACHE "$OSV" scan source -r --offline --format json --output-file "$WORK/cmp-osv.json" "$TARGET" 2>/dev/null || true
python3 "$BENCH_DIR/compare_osv.py" "$TARGET" "$WORK/cmp-vouch.json" "$WORK/cmp-osv.json"
