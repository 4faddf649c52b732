#!/usr/bin/env bash
# Benchmark vouch's secret engine against gitleaks.
#
#   bench/secrets/run.sh            # 200 MB corpus, 5,000-commit history, 3 runs each
#   SIZE=50MB COMMITS=1000 RUNS=1 bench/secrets/run.sh
#
# It generates the corpus and the history (once; delete $WORK to redo),
# installs gitleaks into $PEERS when missing, then times whole processes,
# alternating vouch and gitleaks, with /usr/bin/time (wall, user+sys CPU,
# peak RSS), and scores each tool's findings against the labels: recall
# per format, flagged decoy lines, findings on unlabelled lines.
#
# vouch runs as its users run it: vouch scan --scanners secret --format json
# (with --git for history, --no-ignore for leaky-repo), the whole process.
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK=${WORK:-/tmp/vouch-bench-secrets}
SIZE=${SIZE:-200MB}
COMMITS=${COMMITS:-5000}
RUNS=${RUNS:-3}
PEERS=${PEERS:-/work/peers}
LEAKY=${LEAKY:-/work/shared/corpora/leaky-repo}
mkdir -p "$WORK" "$PEERS"
# vouch runs with its defaults, not the repository's vouch.yaml (its
# exclude-paths, for vouch's self-scan, would hide the corpus's testdata).
: > "$WORK/bench-config.yaml"
export VOUCH_CONFIG="$WORK/bench-config.yaml"

go build -trimpath -o "$WORK/vouch" ./cmd/vouch
go build -o "$WORK/score" ./bench/secrets/score
# $WORK/vouch-secrets [-git] [-no-ignore] DIR: the scan's JSON on stdout;
# exit 1 (findings) is success here.
cat >"$WORK/vouch-secrets" <<WRAP
#!/usr/bin/env bash
args=()
while [ \$# -gt 1 ]; do
	case \$1 in -git) args+=(--git) ;; -no-ignore) args+=(--no-ignore) ;; esac
	shift
done
"$WORK/vouch" scan -q --scanners secret --format json "\${args[@]}" "\$1" || [ \$? -eq 1 ]
WRAP
chmod +x "$WORK/vouch-secrets"
VOUCH=${VOUCH:-"$WORK/vouch-secrets"}
GITLEAKS=${GITLEAKS:-$PEERS/gitleaks}
if ! [ -x "$GITLEAKS" ]; then
	echo "installing gitleaks into $PEERS" >&2
	GOBIN=$PEERS go install github.com/zricethezav/gitleaks/v8@latest ||
		GOBIN=$PEERS go install github.com/zricethezav/gitleaks/v8@v8.30.1
fi
"$GITLEAKS" version >&2 || true

if ! [ -f "$WORK/corpus/labels.tsv" ]; then
	go run ./bench/secrets/gencorpus -out "$WORK/corpus" -size "$SIZE" -seed 1
fi
if ! [ -f "$WORK/history/labels.tsv" ]; then
	go run ./bench/secrets/gencorpus -out "$WORK/history" -commits "$COMMITS" -seed 1
fi
TREE=$WORK/corpus/tree
REPO=$WORK/history/repo
MB=$(du -sm --apparent-size "$TREE" | cut -f1)
BLOBMB=$(git -C "$REPO" count-objects -v | awk '/size-pack/ {printf "%.0f", $2/1024}')

# timed NAME OUT CMD...: one run, appending "wall cpu rss_kb" to $WORK/NAME.times
timed() {
	local name=$1 out=$2
	shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$WORK/$name.last" "$@" >"$out" 2>"$WORK/$name.stderr" || {
		echo "$name failed:" >&2
		cat "$WORK/$name.stderr" >&2
		exit 1
	}
	awk '{printf "%s %.2f %s\n", $1, $2+$3, $4}' "$WORK/$name.last" >>"$WORK/$name.times"
}

# summary NAME MB: median wall, median CPU, max RSS, MB/s
summary() {
	local f=$WORK/$1.times n mw mc r
	n=$(wc -l <"$f")
	mw=$(cut -d' ' -f1 "$f" | sort -n | sed -n "$(((n + 1) / 2))p")
	mc=$(cut -d' ' -f2 "$f" | sort -n | sed -n "$(((n + 1) / 2))p")
	r=$(cut -d' ' -f3 "$f" | sort -n | tail -1)
	awk -v name="$1" -v mb="$2" -v n="$n" -v mw="$mw" -v mc="$mc" -v r="$r" 'BEGIN {
		printf "%-14s runs=%d wall_median=%6.2fs cpu_median=%6.2fs peak_rss=%4.0fMB  %7.1f MB/s wall  %7.1f MB/s cpu\n", name, n, mw, mc, r/1024, mb/mw, mb/mc
	}'
}

find "$TREE" -type f -exec cat {} + >/dev/null # warm the page cache for both tools
rm -f "$WORK"/*.times
echo "== directory mode: $MB MB in $TREE" >&2
for i in $(seq "$RUNS"); do
	timed vouch-dir "$WORK/vouch-dir.json" $VOUCH "$TREE"
	timed gitleaks-dir "$WORK/gitleaks-dir.json" "$GITLEAKS" dir --no-banner -l error -f json -r - --exit-code 0 "$TREE"
done
echo "== git mode: $COMMITS commits, $BLOBMB MB packed, in $REPO" >&2
for i in $(seq "$RUNS"); do
	timed vouch-git "$WORK/vouch-git.json" $VOUCH -git "$REPO"
	timed gitleaks-git "$WORK/gitleaks-git.json" "$GITLEAKS" git --no-banner -l error -f json -r - --exit-code 0 "$REPO"
done
timed vouch-leaky "$WORK/vouch-leaky.json" $VOUCH -no-ignore "$LEAKY"
timed gitleaks-leaky "$WORK/gitleaks-leaky.json" "$GITLEAKS" dir --no-banner -l error -f json -r - --exit-code 0 "$LEAKY"

S=$WORK/score
$S -labels "$WORK/corpus/labels.tsv" -root "$TREE" -name vouch-dir "$WORK/vouch-dir.json" >"$WORK/vouch-dir.score"
$S -labels "$WORK/corpus/labels.tsv" -root "$TREE" -name gitleaks-dir "$WORK/gitleaks-dir.json" >"$WORK/gitleaks-dir.score"
$S -labels "$WORK/history/labels.tsv" -root "$REPO" -name vouch-git "$WORK/vouch-git.json" >"$WORK/vouch-git.score"
$S -labels "$WORK/history/labels.tsv" -root "$REPO" -name gitleaks-git "$WORK/gitleaks-git.json" >"$WORK/gitleaks-git.score"
$S -leaky "$LEAKY" -name vouch "$WORK/vouch-leaky.json" >"$WORK/vouch-leaky.score"
$S -leaky "$LEAKY" -name gitleaks "$WORK/gitleaks-leaky.json" >"$WORK/gitleaks-leaky.score"

echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
summary vouch-dir "$MB"
summary gitleaks-dir "$MB"
summary vouch-git "$BLOBMB"
summary gitleaks-git "$BLOBMB"
echo
paste "$WORK/vouch-dir.score" "$WORK/gitleaks-dir.score" | awk -F'\t' '{printf "%-52s | %s\n", $1, $2}' | sed -n '1,200p' | grep -v SUMMARY
grep -h SUMMARY "$WORK"/*.score
