#!/usr/bin/env bash
# vouch scan vs osv-scanner (offline, same OSV data), whole process,
# alternating runs: on the committed real-project lockfiles and on the
# generated monorepo. Also times `vouch db import` of the shared zips and
# compares the index size with the zips.
#
#   bash bench/scan.sh
source "$(dirname "$0")/lib.sh"
machine
build_vouch
OSV=$(peer osv-scanner github.com/google/osv-scanner/v2/cmd/osv-scanner@v2.5.0)
# osv-scanner 2.5.0 reads <user cache>/osv-scalibr/<Ecosystem>/all.zip
# (its OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY variable is ignored until 2.5.1).
OSVCACHE=$WORK/osvcache
for z in Go PyPI crates.io; do
  mkdir -p "$OSVCACHE/osv-scalibr/$z"
  cp "$SHARED/osv/$z.zip" "$OSVCACHE/osv-scalibr/$z/all.zip"
done
DB=$WORK/vouchdb
rm -rf "$DB"
echo "== vouch db import of the three shared zips"
measure import "$VOUCH" db import --db-dir "$DB" "$SHARED/osv/Go.zip" "$SHARED/osv/PyPI.zip" "$SHARED/osv/crates.io.zip"
echo "zips: $(du -cb "$SHARED"/osv/*.zip | tail -1 | cut -f1) bytes; index: $(du -sb "$DB" | cut -f1) bytes"

MONO=$WORK/mono
if [ ! -d "$MONO" ]; then
  (cd "$REPO" && go run ./bench/genmonorepo -out "$MONO" -projects 240 -osv "$SHARED/osv")
fi
for target in "$REPO/bench/testdata/projects" "$MONO"; do
  echo "== scan $(basename "$target")"
  alternate "$RUNS" \
    vouch "$VOUCH scan --db-dir $DB --format json -o $WORK/vouch-scan.json $target" \
    osv-scanner "XDG_CACHE_HOME=$OSVCACHE $OSV scan source -r --offline --format json --output-file $WORK/osv-scan.json $target"
done
