# Shared helpers for the bench/ scripts. Peer tools are installed outside
# the repository (PEERS, default /work/peers) and never committed.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
PEERS=${PEERS:-/work/peers}
# Outside the repository: peers such as osv-scanner honour .gitignore.
WORK=${WORK:-${TMPDIR:-/tmp}/vouch-bench}
SHARED=${SHARED:-$REPO/../shared}
RUNS=${RUNS:-5}
mkdir -p "$WORK" "$PEERS"
# vouch runs with its defaults, not the repository's own vouch.yaml (which
# tunes vouch's self-scan: its exclude-paths would hide parts of a corpus).
: > "$WORK/bench-config.yaml"
export VOUCH_CONFIG="$WORK/bench-config.yaml"

build_vouch() {
  (cd "$REPO" && go build -trimpath -o "$WORK/vouch" ./cmd/vouch)
  VOUCH="$WORK/vouch"
}

# peer NAME MODULE@VERSION: install a peer tool into $PEERS if missing.
peer() {
  local name=$1 mod=$2
  if [ ! -x "$PEERS/$name" ]; then
    echo "installing $name ($mod) into $PEERS" >&2
    (cd /tmp && GOBIN="$PEERS" go install "$mod")
  fi
  echo "$PEERS/$name"
}

# measure LABEL CMD...: run once, print "LABEL wall_s peak_rss_mib exit".
measure() {
  local label=$1; shift
  local tf; tf=$(mktemp)
  local start end code=0
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$tf" "$@" >/dev/null 2>"$WORK/$label.stderr" || code=$?
  end=$(date +%s.%N)
  local rss_kib; rss_kib=$(tail -n1 "$tf")
  rm -f "$tf"
  printf '%s %.3f %.1f %s\n' "$label" "$(echo "$end - $start" | bc)" "$(echo "$rss_kib / 1024" | bc -l)" "$code"
}

# alternate N LABEL_A "CMD_A" LABEL_B "CMD_B": interleaved runs, then the
# median wall time and the peak RSS of each, and the ratio B/A.
alternate() {
  local n=$1 la=$2 ca=$3 lb=$4 cb=$5
  local out; out=$(mktemp)
  for i in $(seq "$n"); do
    measure "$la" bash -c "$ca" >>"$out"
    measure "$lb" bash -c "$cb" >>"$out"
  done
  python3 - "$out" "$la" "$lb" <<'PY'
import sys, statistics
rows=[l.split() for l in open(sys.argv[1])]
la, lb = sys.argv[2], sys.argv[3]
def stats(label):
    r=[x for x in rows if x[0]==label]
    return statistics.median(float(x[1]) for x in r), max(float(x[2]) for x in r), sorted(set(x[3] for x in r)), len(r)
a=stats(la); b=stats(lb)
print(f"{la:>14}: median {a[0]:.3f} s  peak RSS {a[1]:.1f} MiB  exit {','.join(a[2])}  runs {a[3]}")
print(f"{lb:>14}: median {b[0]:.3f} s  peak RSS {b[1]:.1f} MiB  exit {','.join(b[2])}  runs {b[3]}")
print(f"{'ratio':>14}: {lb}/{la} = {b[0]/a[0]:.1f}x time, {b[1]/a[1]:.1f}x memory")
PY
  rm -f "$out"
}

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $(go version | cut -d' ' -f3)"
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
}

# osv_cache DIR: the shared OSV zips where osv-scanner 2.5.0 reads them
# (<user cache>/osv-scalibr/<Ecosystem>/all.zip; its
# OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY variable is ignored until 2.5.1),
# plus empty archives for the ecosystems ../shared/osv lacks: offline
# osv-scanner fails a whole scan when one ecosystem has no database.
osv_cache() {
  local dir=$1
  for z in Go PyPI crates.io; do
    mkdir -p "$dir/osv-scalibr/$z"
    cp "$SHARED/osv/$z.zip" "$dir/osv-scalibr/$z/all.zip"
  done
  for e in npm Maven NuGet Packagist RubyGems; do
    mkdir -p "$dir/osv-scalibr/$e"
    python3 -c "import zipfile,sys; zipfile.ZipFile(sys.argv[1],'w').close()" "$dir/osv-scalibr/$e/all.zip"
  done
}
