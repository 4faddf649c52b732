#!/usr/bin/env python3
"""Compare vouch's and osv-scanner's vulnerability findings.

A finding is (lockfile, package, version, advisory group), where a group is
the set of ids osv-scanner or vouch merged (aliases). Two findings are the
same when their lockfile, package and version agree and their id sets
share an id."""
import json, os, sys, collections

root, vouch_path, osv_path = sys.argv[1:4]
root = os.path.abspath(root)

def norm_version(v):
    return v[1:] if v.startswith("v") else v

vouch = collections.defaultdict(list)  # (file, pkg, ver) -> [set(ids)]
for f in json.load(open(vouch_path))["findings"]:
    p = f.get("package") or {}
    key = (f["location"]["path"], p.get("name", "").lower(), norm_version(p.get("version", "")))
    vouch[key].append(set([f["id"]] + (f.get("aliases") or [])))

osv = collections.defaultdict(list)
for r in json.load(open(osv_path)).get("results", []):
    path = os.path.relpath(r["source"]["path"], root)
    for p in r["packages"]:
        pk = p["package"]
        key = (path, pk["name"].lower(), norm_version(pk["version"]))
        for g in p.get("groups", []):
            ids = set(g["ids"]) | set(g.get("aliases") or [])
            osv[key].append(ids)

def count(d):
    return sum(len(v) for v in d.values())

only_vouch, only_osv, same = [], [], 0
for key in sorted(set(vouch) | set(osv)):
    a, b = list(vouch.get(key, [])), list(osv.get(key, []))
    for ids in a:
        m = next((o for o in b if o & ids), None)
        if m is not None:
            b.remove(m)
            same += 1
        else:
            only_vouch.append((key, sorted(ids)[0]))
    for ids in b:
        only_osv.append((key, sorted(ids)[0]))

print(f"findings: vouch {count(vouch)}, osv-scanner {count(osv)}, same {same}")
by = lambda rows: collections.Counter(k[0] for k, _ in rows)
print(f"only vouch: {len(only_vouch)} {dict(by(only_vouch))}")
for k, i in only_vouch[:40]:
    print("   ", k, i)
print(f"only osv-scanner: {len(only_osv)} {dict(by(only_osv))}")
for k, i in only_osv[:40]:
    print("   ", k, i)
