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
OSVCACHE=$WORK/osvcache
osv_cache "$OSVCACHE"
DB=$WORK/vouchdb
rm -rf "$DB"
echo "== vouch db import of the three shared zips"
measure import "$VOUCH" db import --db-dir "$DB" "$SHARED/osv/Go.zip" "$SHARED/osv/PyPI.zip" "$SHARED/osv/crates.io.zip"
echo "zips: $(du -cb "$SHARED"/osv/*.zip | tail -1 | cut -f1) bytes; index: $(du -sb "$DB" | cut -f1) bytes"

MONO=$WORK/mono
if [ ! -d "$MONO" ]; then
  (cd "$REPO" && go run ./bench/genmonorepo -out "$MONO" -projects 240 -osv "$SHARED/osv")
fi
# osv-scanner needs minutes per monorepo run: fewer runs there.
for target in "$REPO/bench/testdata/projects" "$MONO"; do
  n=$RUNS
  [ "$target" = "$MONO" ] && n=${MONO_RUNS:-2}
  echo "== scan $(basename "$target")"
  alternate "$n" \
    vouch "$VOUCH scan --db-dir $DB --format json -o $WORK/vouch-scan.json $target" \
    osv-scanner "XDG_CACHE_HOME=$OSVCACHE $OSV scan source -r --offline --format json --output-file $WORK/osv-scan.json $target"
done
