#!/usr/bin/env bash
# Build-or-buy measurement for docs/ARCHITECTURE.md: vouch's own extractors
# against osv-scalibr's, on the generated monorepo, whole process,
# alternating runs, and the package sets compared.
source "$(dirname "$0")/lib.sh"
machine
build_vouch
SCALIBR=$PEERS/scalibr-inventory
if [ ! -x "$SCALIBR" ]; then
  (cd "$BENCH_DIR/scalibr" && go build -o "$SCALIBR" .)
fi
MONO=$WORK/mono
if [ ! -d "$MONO" ]; then
  (cd "$REPO" && go run ./bench/genmonorepo -out "$MONO" -projects 240 -osv "$SHARED/osv")
fi
alternate "$RUNS" \
  vouch "$VOUCH sbom --format json -o $WORK/vouch-inv.json $MONO" \
  scalibr "$SCALIBR $MONO > $WORK/scalibr-inv.txt"
python3 - "$WORK/vouch-inv.json" "$WORK/scalibr-inv.txt" <<'PY'
import json, sys, re
def norm(eco, name, ver):
    if eco == "PyPI": name = re.sub(r"[-_.]+", "-", name).lower()
    return f"{eco}/{name}@{ver.lstrip('v') if eco == 'Go' else ver}"
v = {norm(p["ecosystem"], p["name"], p["version"]) for p in json.load(open(sys.argv[1]))["packages"]}
s = set()
for line in open(sys.argv[2]):
    eco, rest = line.strip().split("/", 1)
    name, _, ver = rest.rpartition("@")
    s.add(norm(eco, name, ver))
print(f"packages: vouch {len(v)}, scalibr {len(s)}, common {len(v & s)}")
for label, only in (("only vouch", v - s), ("only scalibr", s - v)):
    print(f"{label}: {len(only)}", sorted(only)[:6])
PY
