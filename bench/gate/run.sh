#!/usr/bin/env bash
# vouch gate on a large release, side by side with OPA's own CLI
# evaluating the same built-in policies on the same input document.
#
#   bash bench/gate/run.sh            (RUNS=5 by default)
#
# The release: a signed artifact, a CycloneDX SBOM of 2,000 components, a
# scan with 500 findings (400 vulnerabilities, 50 secrets, 50
# misconfigurations), 100 CodeQL results; production settings; the ten
# built-in policies. vouch gate's time is the whole command: start-up,
# reading and verifying the evidence, compiling the policies, evaluating,
# writing the report. opa eval's is start-up, loading and compiling the
# same policies, and evaluating the same query (each policy's deny and
# warn sets) on the input vouch built
# (vouch gate --print-input), which it does not have to build.
source "$(dirname "$0")/../lib.sh"
build_vouch
OPA=$(peer opa github.com/open-policy-agent/opa@v1.22.2)
W="$WORK/gate"
rm -rf "$W" && mkdir -p "$W/evidence"
(cd "$REPO" && go run ./bench/gate/gen -out "$W/evidence")
cd "$W"
printf 'the artifact\n' > app
# A throwaway key with a random password, made fresh for each run.
VOUCH_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
export VOUCH_PASSWORD
"$VOUCH" key generate --output-key-prefix release -q
"$VOUCH" sign --key release.key -q app
cp app.sigstore.json evidence/
gate=("$VOUCH" gate --env production --artifact app --evidence evidence --key release.pub --author dev@example.org -q)
"${gate[@]}" --print-input -o input.json
mkdir -p policies
for f in "$REPO"/internal/policy/builtin/*.rego; do
  case $f in *_test.rego) ;; *) cp "$f" policies/ ;; esac
done

# The query vouch prepares: each policy's deny and warn sets, nothing else.
query=""
i=0
for f in policies/*.rego; do
  id=$(basename "$f" .rego)
  [ "$id" = lib ] && continue
  query+="${query:+; }d$i := [x | some x in data.vouch.gate.$id.deny]; w$i := [x | some x in data.vouch.gate.$id.warn]"
  i=$((i + 1))
done

echo "tool wall_s peak_rss_mib exit"
for i in $(seq "$RUNS"); do
  measure vouch-gate "${gate[@]}" --format json -o decision.json
  measure opa-eval "$OPA" eval --data policies --input input.json --format json "$query"
done
echo
echo "violations in vouch's decision: $(python3 -c 'import json;d=json.load(open("decision.json"));print(len(d["violations"]), d["verdict"])')"
