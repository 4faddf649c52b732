#!/usr/bin/env bash
# vouch sbom vs syft on a generated monorepo (>= 200 lockfiles, >= 50,000
# package entries): whole process, alternating runs, median time and peak
# RSS, and the difference between the two package sets.
#
#   bash bench/sbom.sh            # RUNS=5 by default
source "$(dirname "$0")/lib.sh"
machine
build_vouch
SYFT=$(peer syft github.com/anchore/syft/cmd/syft@v1.54.1)
echo "syft: $($SYFT version 2>/dev/null | awk '/^Version/{print $2}')"
MONO=$WORK/mono
if [ ! -d "$MONO" ]; then
  (cd "$REPO" && go run ./bench/genmonorepo -out "$MONO" -projects 240 -osv "$SHARED/osv")
fi
export SYFT_CHECK_FOR_APP_UPDATE=false
alternate "$RUNS" \
  vouch "$VOUCH sbom $MONO -o $WORK/vouch.cdx.json" \
  syft "$SYFT scan dir:$MONO -q -o cyclonedx-json=$WORK/syft.cdx.json"
python3 "$BENCH_DIR/purldiff.py" "$WORK/vouch.cdx.json" "$WORK/syft.cdx.json"
